using Bot.Domain.Audit;
using Bot.Domain.Identity;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Schools;

/// <summary>What the installation's operator types to add a school (the panel's "Школи" page or `school add`).</summary>
/// <param name="TimeZone">An IANA id ("Europe/Kyiv"); empty: the installation's `School:TimeZone`.</param>
/// <param name="Administrator">The first administrator (the director): "Прізвище Ім'я [По батькові]".</param>
/// <param name="Login">Their sign-in name for the panel; the password is a one-time one, shown once.</param>
public sealed record NewSchool(string? Name, string? ShortName, string? TimeZone, string? Administrator, string? Login);

/// <summary>A school just added: its first year and its first administrator with a one-time password (shown once).</summary>
public sealed record RegisteredSchool(School School, SchoolYear Year, Staff Administrator, AccountPassword Account);

/// <summary>
/// Several schools in one installation (docs/architecture.md "Tenancy", ADR 0022): the installation's operator adds a school with
/// its name, time zone, first school year (the usual dates, <see cref="SchoolYearDefaults"/>) and first administrator,
/// whose panel account gets a one-time password. All or nothing: a refused field changes nothing. A school's own
/// administration then sets up everything else on the existing pages (roster import, rules, year, bells, timetable).
/// </summary>
public sealed class SchoolRegistration(JournalDbContext db, PanelAccounts accounts, TimeProvider clock)
{
    public static readonly DomainError Rights =
        new("auth.schools", "Додавати школи може лише адміністратор інсталяції (обліковий запис без школи).");

    /// <summary>The installation's operator: the verbs (system) or a panel administrator who is nobody's staff.</summary>
    public static bool MayAdd(Actor actor) => actor.IsSystem || (actor.StaffId is null && actor.Is(StaffRoles.Administrator));

    public async Task<Result<RegisteredSchool>> AddAsync(Actor actor, NewSchool input, string defaultTimeZone, CancellationToken ct = default)
    {
        if (!MayAdd(actor)) return Rights;
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) return Error("name", "Вкажіть назву школи (до 200 символів), наприклад «Ліцей № 2».");
        var shortName = string.IsNullOrWhiteSpace(input.ShortName) ? null : input.ShortName.Trim();
        if (shortName is { Length: > 60 }) return Error("shortName", "Коротка назва — до 60 символів.");
        var schools = await db.Schools.AsNoTracking().Select(s => s.Name).ToListAsync(ct);
        if (schools.Any(s => UkrainianText.SearchKey(s) == UkrainianText.SearchKey(name)))
            return Error("name", $"Школа «{name}» уже є в цій інсталяції.");
        var zone = string.IsNullOrWhiteSpace(input.TimeZone) ? defaultTimeZone : input.TimeZone.Trim();
        if (!IsIanaZone(zone))
            return Error("timeZone", $"Невідомий часовий пояс «{zone}»: вкажіть ідентифікатор IANA, наприклад Europe/Kyiv.");

        var parts = (input.Administrator ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3) return Error("administrator", "Вкажіть прізвище, ім'я та (за потреби) по батькові першого адміністратора.");
        var login = input.Login?.Trim() ?? "";
        if (login.Length == 0) return Error("login", "Вкажіть логін першого адміністратора: латинські літери, цифри, крапка, дефіс.");
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == login.ToUpperInvariant(), ct))
            return Error("login", $"Логін «{login}» уже зайнятий: оберіть інший.");

        var now = clock.GetUtcNow().UtcDateTime;
        var school = new School(name, zone, shortName);
        var year = SchoolYearDefaults.Create(school.Id, SchoolYearDefaults.StartFor(SchoolTime.Today(clock, zone)));
        var director = new Staff(school.Id, parts[0], parts[1], parts.ElementAtOrDefault(2), StaffRoles.Administrator);
        db.AddRange(school, year, director);
        db.Audit(actor, school.Id, now, nameof(School), school.Id, AuditAction.Created, null,
            $"{name}{(shortName is null ? "" : $" ({shortName})")}, часовий пояс {school.TimeZone}, {year.Title}, адміністратор {director.FullName} ({login})",
            "нова школа");

        // The school and its administrator's account commit together: a login Identity refuses leaves no school behind.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var account = await accounts.CreateForStaffAsync(director.Id, login);
        if (!account.IsSuccess)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Error("login", account.Error.Message);
        }

        await transaction.CommitAsync(ct);
        return new RegisteredSchool(school, year, director, account.Value!);
    }

    /// <summary>An IANA id this machine knows ("Europe/Kyiv", "Asia/Tbilisi"), not a Windows name.</summary>
    public static bool IsIanaZone(string id)
    {
        try
        {
            return SchoolTime.Resolve(id).HasIanaId;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    private static DomainError Error(string field, string message) => new($"school.{field}", message);
}
