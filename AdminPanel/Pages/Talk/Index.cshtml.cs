using AdminPanel.Access;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Bot.Domain.Talk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Talk;

/// <summary>
/// «Повідомлення» (ADR 0038): a staff member's conversations with families — only the threads addressed
/// to them, newest first, the unanswered marked, the child and class, the family member as a name with
/// "мама/тато/опікун(ка)/батьки" (never a phone, a username or a messenger id). One opens, is read and answered; the answer
/// goes through <see cref="TalkService.FromStaffAsync"/> exactly as an answer in the chat (the outbox row in the same
/// transaction, to the family's messenger). The administration sees the school's counts and the oldest wait, never the
/// text of threads that are not theirs.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(JournalDbContext db, PanelUser user, TalkService talk, StandInService standIns, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid ThreadId, string Family, string Child, string? ClassName, DateTime LastLocal, bool Unanswered, bool Open, bool Passed,
        string Teacher, bool Mine);

    public sealed record Line(bool FromStaff, string Author, string Text, DateTime WrittenLocal);

    public List<Row> Rows { get; private set; } = [];

    /// <summary>For the director and the deputies: the threads a side passed to the administration (not their own).</summary>
    public List<Row> PassedRows { get; private set; } = [];

    public bool IsAdministration => user.IsAdministration;
    public Row? Current { get; private set; }
    public List<Line> Lines { get; private set; } = [];
    public TalkOverview? Overview { get; private set; }
    public bool IsStaff => user.StaffId is not null;
    public string? Error { get; private set; }
    public string? Draft { get; private set; }

    /// <summary>For the director and the deputies: the stand-ins for absent class teachers (ADR 0049), current, planned and recent.</summary>
    public List<StandInRow> StandIns { get; private set; } = [];

    public List<(Guid Id, string Name)> Classes { get; private set; } = [];
    public List<(Guid Id, string Name)> StaffList { get; private set; } = [];
    public string? StandInError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? threadId, CancellationToken ct)
    {
        await LoadAsync(threadId, ct);
        return threadId is not null && Current is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid threadId, string? text, CancellationToken ct)
    {
        if (user.StaffId is not { } staffId)
        {
            Error = "Відповідати на повідомлення можуть лише працівники школи, яким їх адресовано.";
        }
        else
        {
            var posted = await talk.FromStaffAsync(staffId, threadId, text, ct);
            if (posted.IsSuccess)
            {
                TempData["Notice"] = posted.Value!.Plan is DeliveryPlan.To
                    ? $"Відповідь надіслано: {posted.Value.RecipientName} отримає її в месенджері, з якого писали (якщо зараз тихі години — зранку)."
                    : "Відповідь збережено, але батьки зараз не отримують повідомлень від бота.";
                return RedirectToPage(new { threadId });
            }

            Error = posted.Error!.Message;
            Draft = posted.Error.Code == "talk.too_long" ? text : null;
        }

        await LoadAsync(threadId, ct);
        return Page();
    }

    /// <summary>"Передати адміністрації" from the staff side of the thread.</summary>
    public async Task<IActionResult> OnPostPassAsync(Guid threadId, CancellationToken ct)
    {
        if (user.StaffId is not { } staffId) Error = TalkService.NotYourThread.Message;
        else
        {
            var passed = await talk.PassToAdministrationAsync(user.Actor, staffId, threadId, ct);
            if (passed.IsSuccess)
            {
                TempData["Notice"] = passed.Value ? "Розмову передано адміністрації школи; батьки отримають про це повідомлення." : "Цю розмову вже передано адміністрації школи.";
                return RedirectToPage(new { threadId });
            }

            Error = passed.Error!.Message;
        }

        await LoadAsync(threadId, ct);
        return Page();
    }

    /// <summary>The director or a deputy closes a thread passed to them for new messages; both sides are told.</summary>
    [HandlerPolicy(Policies.Control)]
    public async Task<IActionResult> OnPostCloseAsync(Guid threadId, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        var closed = school is null ? TalkService.NotPassed : await talk.CloseByAdministrationAsync(user.Actor, school.Id, threadId, ct);
        if (closed.IsSuccess)
        {
            TempData["Notice"] = closed.Value ? "Розмову закрито для нових повідомлень; обидві сторони отримають про це повідомлення." : "Цю розмову вже закрито.";
            return RedirectToPage(new { threadId });
        }

        Error = closed.Error!.Message;
        await LoadAsync(threadId, ct);
        return Page();
    }

    /// <summary>The director or a deputy names a stand-in for a class's absent class teacher, for a range of days (ADR 0049); audited.</summary>
    [HandlerPolicy(Policies.Control)]
    public async Task<IActionResult> OnPostStandInAsync(Guid classId, Guid staffId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return NotFound();
        var named = await standIns.NameAsync(user.Actor, school.Id, classId, staffId, from, to, ct);
        if (named.IsSuccess)
        {
            TempData["Notice"] = $"Заміну призначено: з {from:dd.MM.yyyy} по {to:dd.MM.yyyy} повідомлення батьків класному керівнику та їхні повідомлення про відсутність отримуватиме призначений працівник.";
            return RedirectToPage(new { threadId = (Guid?)null });
        }

        StandInError = named.Error!.Message;
        await LoadAsync(null, ct);
        return Page();
    }

    /// <summary>Ends a stand-in now: nothing more reaches the stand-in, their rights over the class end; audited.</summary>
    [HandlerPolicy(Policies.Control)]
    public async Task<IActionResult> OnPostEndStandInAsync(Guid standInId, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return NotFound();
        var ended = await standIns.EndAsync(user.Actor, school.Id, standInId, ct);
        if (ended.IsSuccess)
        {
            TempData["Notice"] = ended.Value ? "Заміну завершено: нові повідомлення знову отримує класний керівник." : "Цю заміну вже завершено.";
            return RedirectToPage(new { threadId = (Guid?)null });
        }

        StandInError = ended.Error!.Message;
        await LoadAsync(null, ct);
        return Page();
    }

    private async Task LoadAsync(Guid? threadId, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return;
        var zone = SchoolTime.Resolve(school.TimeZone);
        DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        if (user.IsAdministration) Overview = await talk.OverviewAsync(school.Id, ct);
        var me = user.StaffId;
        var administration = user.IsAdministration;
        if (administration)
        {
            StandIns = await standIns.ListAsync(school.Id, ct);
            var year = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id).ToListAsync(ct);
            var current = SchoolYears.Current(year, SchoolTime.Today(clock, school.TimeZone))?.Id;
            Classes = (await db.Classes.AsNoTracking().Where(k => k.SchoolId == school.Id && k.SchoolYearId == current && k.ClassTeacherId != null).ToListAsync(ct))
                .OrderBy(k => k.Name.SortKey, StringComparer.Ordinal).Select(k => (k.Id, k.Name.ToString())).ToList();
            StaffList = (await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id && s.DeactivatedOn == null).ToListAsync(ct))
                .OrderBy(s => s.SortKey, StringComparer.Ordinal).Select(s => (s.Id, s.FullName)).ToList();
        }

        var threads = await db.TalkThreads.AsNoTracking()
            .Where(t => t.SchoolId == school.Id && (t.StaffId == me || (administration && t.PassedToAdministrationAtUtc != null))).ToListAsync(ct);
        // A stand-in's threads are theirs only while the stand-in lasts (ADR 0049).
        var ended = new List<TalkThread>();
        foreach (var t in threads.Where(t => t.StaffId == me && t.StandInId is not null))
            if (!await talk.StaffSideActiveAsync(t, ct) && !(administration && t.IsPassedToAdministration)) ended.Add(t);
        threads = threads.Except(ended).ToList();
        var students = threads.Select(t => t.StudentId).Distinct().ToList();
        var guardians = threads.Where(t => t.FamilyKind == PersonKind.Guardian).Select(t => t.FamilyPersonId).Distinct().ToList();
        var studentNames = await db.Students.AsNoTracking().Where(s => students.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.LastName + " " + s.FirstName, ct);
        var guardianNames = await db.Guardians.AsNoTracking().Where(g => guardians.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.LastName + " " + g.FirstName, ct);
        var relations = await db.GuardianStudents.AsNoTracking().Where(g => guardians.Contains(g.GuardianId) && students.Contains(g.StudentId))
            .Select(g => new { g.GuardianId, g.StudentId, g.Relation }).ToListAsync(ct);
        var classes = (await db.Enrolments.AsNoTracking().Where(e => students.Contains(e.StudentId))
                .Join(db.Classes, e => e.ClassId, k => k.Id, (e, k) => new { e.StudentId, e.From, k.Grade, k.Letter }).ToListAsync(ct))
            .GroupBy(e => e.StudentId).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.From).Select(e => $"{e.Grade}-{e.Letter}").First());

        var staffIds = threads.Select(t => t.StaffId).Distinct().ToList();
        var staffNames = (await db.Staff.AsNoTracking().Where(x => staffIds.Contains(x.Id)).ToListAsync(ct)).ToDictionary(x => x.Id, x => x.ShortName);

        string Family(TalkThread t) => t.FamilyKind == PersonKind.Guardian
            ? $"{guardianNames.GetValueOrDefault(t.FamilyPersonId, "")} ({TalkService.Relation(relations.FirstOrDefault(r => r.GuardianId == t.FamilyPersonId && r.StudentId == t.StudentId)?.Relation)})"
            : $"{studentNames.GetValueOrDefault(t.StudentId, "")} (учень)";

        var all = threads.OrderByDescending(t => t.LastMessageAtUtc)
            .Select(t => new Row(t.Id, Family(t), studentNames.GetValueOrDefault(t.StudentId, ""), classes.GetValueOrDefault(t.StudentId), Local(t.LastMessageAtUtc),
                t.IsOpen && t.UnansweredSinceUtc is not null, t.IsOpen, t.IsPassedToAdministration, staffNames.GetValueOrDefault(t.StaffId, ""), t.StaffId == me))
            .ToList();
        Rows = all.Where(r => r.Mine).ToList();
        PassedRows = all.Where(r => !r.Mine).ToList();
        if (threadId is null) return;
        Current = all.FirstOrDefault(r => r.ThreadId == threadId);
        if (Current is null) return;
        var thread = threads.First(t => t.Id == threadId);
        var staffName = await db.Staff.AsNoTracking().Where(s => s.Id == thread.StaffId).Select(s => s.LastName + " " + s.FirstName).FirstAsync(ct);
        Lines = (await db.TalkMessages.AsNoTracking().Where(m => m.ThreadId == thread.Id).ToListAsync(ct))
            .OrderBy(m => m.CreatedAtUtc)
            .Select(m => new Line(m.FromStaff, m.FromStaff ? staffName : Family(thread), m.Text, Local(m.CreatedAtUtc)))
            .ToList();
    }
}
