using System.Globalization;
using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Notifications;

/// <summary>The panel's form of a school's rules, as typed: times as "HH:mm", the undo window in minutes.</summary>
public sealed record NotificationRulesInput(
    bool AbsenceAlerts, string MarkAlerts, int? MarkThreshold, bool HomeworkNotices, bool DailyDiary, bool Announcements,
    string? DiaryTime, string? QuietFrom, string? QuietTo, int? UndoWindowMinutes, bool ViberAlerts,
    int? StudentsFromGrade = NotificationRules.DefaultStudentsFromGrade, bool ViberUrgent = true);

/// <summary>
/// Reads a school's notification rules (stored, or the installation's defaults until the school saves its own) and saves
/// them from the panel with each field checked and explained in Ukrainian. The codes of the errors name the field
/// (`rules.DiaryTime`), so the page shows the message next to it. A change is written to the school's audit trail
/// (who, when, the rules before and after).
/// </summary>
public sealed class NotificationRulesService(JournalDbContext db, NotificationDefaults defaults, TimeProvider clock)
{
    public const int MinUndoMinutes = 1;
    public const int MaxUndoMinutes = 60;

    public NotificationDefaults Defaults => defaults;

    public async Task<NotificationRules> ForSchoolAsync(Guid schoolId, CancellationToken ct = default) =>
        await db.NotificationRules.AsNoTracking().FirstOrDefaultAsync(r => r.SchoolId == schoolId, ct) ?? NotificationRules.Defaults(schoolId, defaults);

    /// <summary>The rules of every school given (one query); schools without their own get the defaults.</summary>
    public async Task<Dictionary<Guid, NotificationRules>> ForSchoolsAsync(IReadOnlyCollection<Guid> schoolIds, CancellationToken ct = default)
    {
        var ids = schoolIds.Distinct().ToList();
        var stored = await db.NotificationRules.AsNoTracking().Where(r => ids.Contains(r.SchoolId)).ToDictionaryAsync(r => r.SchoolId, ct);
        return ids.ToDictionary(id => id, id => stored.GetValueOrDefault(id) ?? NotificationRules.Defaults(id, defaults));
    }

    /// <summary>Whether the school has saved its own rules (otherwise the page says the defaults are in force).</summary>
    public Task<bool> IsStoredAsync(Guid schoolId, CancellationToken ct = default) => db.NotificationRules.AnyAsync(r => r.SchoolId == schoolId, ct);

    /// <summary>The school's undo window: its own, or `Notifications:UndoWindow`.</summary>
    public async Task<TimeSpan> UndoWindowAsync(Guid schoolId, CancellationToken ct = default) =>
        await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => s.UndoWindow).FirstOrDefaultAsync(ct) ?? defaults.UndoWindow;

    /// <summary>Checks every field and saves nothing unless all are right (the first error comes back; <see cref="Validate"/> gives them all). Settings are the administrators' (the director, the school's IT; docs/architecture.md "Roles").</summary>
    public async Task<Result<NotificationRules>> SaveAsync(Actor actor, Guid schoolId, NotificationRulesInput input, CancellationToken ct = default)
    {
        var errors = Validate(input, out var parsed);
        if (!actor.Is(StaffRoles.Administrator)) return new DomainError("rules.forbidden", "Правила сповіщень змінює адміністратор або директор школи.");
        if (errors.Count > 0) return errors[0];

        return await db.WriteAsync<Result<NotificationRules>>(async c =>
        {
            var school = await db.Schools.FirstOrDefaultAsync(s => s.Id == schoolId, c);
            if (school is null) return new DomainError("rules.school", "Школу не знайдено.");
            var rules = await db.NotificationRules.FirstOrDefaultAsync(r => r.SchoolId == schoolId, c);
            var before = (rules ?? NotificationRules.Defaults(schoolId, defaults)).Summary(school.UndoWindow ?? defaults.UndoWindow);
            if (rules is null)
            {
                rules = NotificationRules.Defaults(schoolId, defaults);
                db.NotificationRules.Add(rules);
            }

            rules.Set(input.AbsenceAlerts, parsed.Mark, input.HomeworkNotices, input.DailyDiary, input.Announcements,
                parsed.Diary, parsed.QuietFrom, parsed.QuietTo, input.ViberAlerts, input.StudentsFromGrade, input.ViberUrgent);
            school.SetUndoWindow(TimeSpan.FromMinutes(parsed.UndoMinutes));
            db.Audit(new AuditRecord(schoolId, clock.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, actor.Channel, nameof(NotificationRules), rules.Id,
                AuditAction.Changed, before, rules.Summary(school.UndoWindow!.Value), null, "Правила сповіщень"));
            await db.SaveChangesAsync(c);
            return rules;
        }, ct);
    }

    public sealed record Parsed(MarkAlertRule Mark, TimeOnly Diary, TimeOnly? QuietFrom, TimeOnly? QuietTo, int UndoMinutes);

    /// <summary>Every field's error, in the form's order; empty when all are right.</summary>
    public static List<DomainError> Validate(NotificationRulesInput input, out Parsed parsed)
    {
        var errors = new List<DomainError>();
        var mark = MarkAlertRule.All;
        switch (input.MarkAlerts)
        {
            case "all": break;
            case "none": mark = new MarkAlertRule(true, null); break;
            case "threshold" when input.MarkThreshold is >= 1 and <= 11: mark = new MarkAlertRule(false, input.MarkThreshold); break;
            case "threshold":
                errors.Add(new("rules.MarkThreshold", "Поріг — бал від 1 до 11: сповіщати про оцінки, не вищі за нього (12 — це «про всі оцінки»)."));
                break;
            default:
                errors.Add(new("rules.MarkAlerts", "Оберіть, про які оцінки сповіщати: про всі, лише низькі або жодні."));
                break;
        }

        var diary = RecipientPreferences.DefaultDiaryTime;
        if (ParseTime(input.DiaryTime, "rules.DiaryTime", "Час щоденника", required: true, errors) is { } d) diary = d;
        var from = ParseTime(input.QuietFrom, "rules.QuietFrom", "Початок тихих годин", required: false, errors);
        var to = ParseTime(input.QuietTo, "rules.QuietTo", "Кінець тихих годин", required: false, errors);
        if (!errors.Any(e => e.Code is "rules.QuietFrom" or "rules.QuietTo"))
        {
            if (from is null != to is null)
                errors.Add(new(from is null ? "rules.QuietFrom" : "rules.QuietTo", "Тихі години потребують і початку, і кінця (або залиште обидва поля порожніми — тоді без тихих годин)."));
            else if (from is { } f && f == to)
                errors.Add(new("rules.QuietTo", $"Тихі години не можуть починатися й закінчуватися о {f:HH\\:mm}: оберіть різний початок і кінець."));
        }

        var undo = 10;
        if (input.UndoWindowMinutes is not { } minutes || minutes < MinUndoMinutes || minutes > MaxUndoMinutes)
            errors.Add(new("rules.UndoWindowMinutes", $"Вікно виправлення — від {MinUndoMinutes} до {MaxUndoMinutes} хвилин."));
        else undo = minutes;

        if (input.StudentsFromGrade is < 1 or > 11)
            errors.Add(new("rules.StudentsFromGrade", "Учням — з якого класу (від 1 до 11), або оберіть «не надсилати учням»."));

        parsed = new Parsed(mark, diary, from, to, undo);
        return errors;
    }

    /// <summary>"18:00" or "8:30" as a time of day; "25:00" and words are refused with the field's name.</summary>
    private static TimeOnly? ParseTime(string? text, string code, string what, bool required, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors.Add(new(code, $"{what}: вкажіть час у форматі гг:хх, наприклад 18:00."));
            return null;
        }

        if (TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        errors.Add(new(code, $"{what}: «{text.Trim()}» — не час доби; вкажіть від 00:00 до 23:59, наприклад 18:00."));
        return null;
    }
}
