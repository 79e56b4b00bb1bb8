using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Audit;

/// <summary>
/// The school's change log (DOMAIN "Who may do what": who, when, old and new value), filtered by class, student,
/// teacher, date and channel, newest first; and the verdict of the last check of its chain and journal, as stored by the
/// nightly job, the operator's verb or the director's button (<see cref="AuditVerifier"/>, ADR 0037 decision 4) — a view
/// reads it and never verifies. Records not yet sealed into the chain are marked with their age.
/// </summary>
[Authorize(Policy = Policies.Control)]
public sealed class IndexModel(JournalDbContext db, PanelUser user, AuditVerifier verifier, TimeProvider clock) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)] public Guid? ClassId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? StudentId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? TeacherId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public Channel? Channel { get; set; }

    public AuditStatus Status { get; private set; } = new(null, 0, null);
    public AuditRecord? BrokenRecord { get; private set; }
    public DateTime NowUtc { get; private set; }

    /// <summary>The director (the school's administrator) may run a check now.</summary>
    public bool MayCheck => user.Is(StaffRoles.Administrator);
    public List<AuditRecord> Records { get; private set; } = [];
    public bool More { get; private set; }
    public List<SchoolClass> Classes { get; private set; } = [];
    public List<ClassListEntry> Students { get; private set; } = [];
    public List<Staff> Teachers { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return Page();
        Zone = SchoolTime.Resolve(school.TimeZone);
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Status = await verifier.StatusAsync(school.Id, ct);
        if (Status.Last is { IsIntact: false, BrokenAtSequence: { } broken })
            BrokenRecord = await db.AuditRecords.AsNoTracking().FirstOrDefaultAsync(r => r.SchoolId == school.Id && r.Sequence == broken, ct);

        var year = await RosterQueries.CurrentYearAsync(db, school, clock, ct);
        if (year is not null) Classes = await RosterQueries.ClassesAsync(db, year.Id, ct);
        Teachers = (await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).ToListAsync(ct)).OrderBy(s => s.SortKey, StringComparer.Ordinal).ToList();
        var cls = Classes.FirstOrDefault(c => c.Id == ClassId);
        if (cls is not null && year is not null) Students = (await ClassList.LoadAsync(db, [cls.Id], year.StartsOn, year.EndsOn, ct: ct)).DistinctBy(s => s.StudentId).ToList();

        var records = db.AuditRecords.AsNoTracking().Where(r => r.SchoolId == school.Id);
        // On the records' columns (ADR 0029), not on their display text.
        if (cls is not null) records = records.Where(r => r.ClassId == cls.Id);
        if (StudentId is { } sid) records = records.Where(r => r.StudentId == sid);

        if (TeacherId is { } tid) records = records.Where(r => r.ActorId == tid);
        if (Channel is { } channel) records = records.Where(r => r.Channel == channel);
        if (From is { } from) records = records.Where(r => r.AtUtc >= StartUtc(from));
        if (To is { } to) records = records.Where(r => r.AtUtc < StartUtc(to.AddDays(1)));
        Records = await records.InWrittenOrderDescending().Take(PageSize + 1).ToListAsync(ct); // the unsealed (newest) first
        More = Records.Count > PageSize;
        if (More) Records.RemoveAt(PageSize);
        return Page();
    }

    /// <summary>
    /// The director's "Перевірити зараз": the whole chain from its first record (streamed, in constant memory), the
    /// checkpoint and the journal reconciled with the trail — as the nightly check does — stored for every later view.
    /// </summary>
    [HandlerPolicy(Policies.Users)]
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        if (!MayCheck) return Forbid();
        var school = await user.SchoolAsync(ct);
        if (school is null) return RedirectToPage();
        await verifier.RunAsync(school.Id, AuditCheckMode.Full, AuditCheckTrigger.Panel, ct: ct);
        return RedirectToPage();
    }

    public string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone).ToString("dd.MM.yyyy HH:mm:ss");

    public static string ChannelTitle(Channel c) => c switch
    {
        Bot.Domain.Audit.Channel.Web => "панель",
        Bot.Domain.Audit.Channel.Telegram => "Telegram",
        Bot.Domain.Audit.Channel.Viber => "Viber",
        Bot.Domain.Audit.Channel.Preview => "перегляд бота",
        Bot.Domain.Audit.Channel.Cli => "командний рядок",
        _ => "система",
    };

    public static string ActionTitle(AuditAction a) => a switch
    {
        AuditAction.Created => "створено",
        AuditAction.Changed => "змінено",
        _ => "видалено",
    };

    private DateTime StartUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Zone);
}
