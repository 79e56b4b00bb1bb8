using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Timetable;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Setup;

/// <summary>
/// Changes to one date's timetable: for a class's lesson a substitution (J-9), a cancellation or a move; for a class or the
/// whole school a remote-learning day or lessons cut short by an air-raid alert. The list shows the date's changes of
/// every class, each removable.
/// </summary>
[Authorize(Policy = Policies.Setup)]
public sealed class ChangesModel(JournalDbContext db, PanelUser user, TimeProvider clock, DayChangeService changes) : SchoolPage(db, user, clock)
{
    public sealed record ChangeRow(Guid Id, string Class, string Kind, string What);

    public sealed record LessonRow(int Number, Guid SubjectId, Guid? GroupId, string Title, string? Teacher, string? Change, bool Changeable);

    public DateOnly Date { get; private set; }
    public List<SchoolClass> Classes { get; private set; } = [];
    public SchoolClass? Class { get; private set; }
    public List<LessonRow> Lessons { get; private set; } = [];
    public List<string> DayNotes { get; private set; } = [];
    public List<ChangeRow> Recorded { get; private set; } = [];
    public List<Staff> Teachers { get; private set; } = [];

    /// <summary>Which lesson's form answered with an error (its number), to open it again.</summary>
    public int? OpenLesson { get; private set; }

    public async Task<IActionResult> OnGetAsync(DateOnly? date, Guid? classId, CancellationToken ct) => await LoadAsync(date, classId, ct) ?? Page();

    [HandlerPolicy(Policies.Setup)]
    public Task<IActionResult> OnPostSubstituteAsync(DateOnly date, Guid classId, int number, Guid subjectId, Guid? groupId, Guid? substituteId, string? note,
        CancellationToken ct) =>
        RecordAsync(date, classId, new DayChangeInput(DayChangeKind.Substitution, classId, date, number, subjectId, groupId, substituteId, Note: note), ct);

    [HandlerPolicy(Policies.Setup)]
    public Task<IActionResult> OnPostCancelAsync(DateOnly date, Guid classId, int number, Guid subjectId, Guid? groupId, string? note, CancellationToken ct) =>
        RecordAsync(date, classId, new DayChangeInput(DayChangeKind.Cancellation, classId, date, number, subjectId, groupId, Note: note), ct);

    [HandlerPolicy(Policies.Setup)]
    public Task<IActionResult> OnPostMoveAsync(DateOnly date, Guid classId, int number, Guid subjectId, Guid? groupId, DateOnly? toDate, int? toNumber, string? note,
        CancellationToken ct) =>
        RecordAsync(date, classId, new DayChangeInput(DayChangeKind.Move, classId, date, number, subjectId, groupId, ToDate: toDate, ToNumber: toNumber, Note: note), ct);

    /// <summary>A remote-learning day of the class, or (<paramref name="wholeSchool"/>) of the school.</summary>
    [HandlerPolicy(Policies.Setup)]
    public Task<IActionResult> OnPostRemoteAsync(DateOnly date, Guid? classId, bool wholeSchool, string? note, CancellationToken ct) =>
        RecordAsync(date, classId, new DayChangeInput(DayChangeKind.Remote, wholeSchool ? null : classId, date, Note: note), ct);

    [HandlerPolicy(Policies.Setup)]
    public Task<IActionResult> OnPostAirRaidAsync(DateOnly date, Guid? classId, bool wholeSchool, int? fromNumber, int? minutes, string? note, CancellationToken ct) =>
        RecordAsync(date, classId, new DayChangeInput(DayChangeKind.AirRaid, wholeSchool ? null : classId, date, fromNumber, Minutes: minutes, Note: note), ct);

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostRemoveAsync(DateOnly date, Guid? classId, Guid changeId, CancellationToken ct)
    {
        if (await LoadAsync(date, classId, ct) is { } missing) return missing;
        var result = await changes.RemoveAsync(User2.Actor, School!.Id, changeId, ct);
        return Done(result, "Зміну видалено.", "", new { date = Date.ToString("yyyy-MM-dd"), classId });
    }

    private async Task<IActionResult> RecordAsync(DateOnly date, Guid? classId, DayChangeInput input, CancellationToken ct)
    {
        if (await LoadAsync(date, classId, ct) is { } missing) return missing;
        var result = await changes.RecordAsync(User2.Actor, School!.Id, input, ct);
        if (!result.IsSuccess && input.LessonNumber is { } n && input.Kind is DayChangeKind.Substitution or DayChangeKind.Cancellation or DayChangeKind.Move)
            OpenLesson = n;
        var field = result.Error?.Code switch
        {
            "change.substitute" => $"substitute-{input.LessonNumber}",
            "change.to" => $"move-{input.LessonNumber}",
            "change.minutes" or "change.lesson" when input.Kind == DayChangeKind.AirRaid => "airraid",
            "change.date" when input.Kind is DayChangeKind.Remote => "remote",
            _ => "",
        };
        return Done(result, $"Записано: {DayChangeText.Title(input.Kind).ToLowerInvariant()}, {Date:dd.MM.yyyy}.", field,
            new { date = Date.ToString("yyyy-MM-dd"), classId });
    }

    public string? ErrorFor(string key) => ViewData.ModelState[key]?.Errors.FirstOrDefault()?.ErrorMessage;

    private async Task<IActionResult?> LoadAsync(DateOnly? date, Guid? classId, CancellationToken ct)
    {
        await LoadSchoolAsync(ct);
        if (School is null || Year is null) return null;
        Date = date ?? Today;
        Classes = await RosterQueries.ClassesAsync(Db, Year.Id, ct);
        Class = classId is { } id ? Classes.FirstOrDefault(c => c.Id == id) : Classes.FirstOrDefault();
        if (classId is not null && Class is null) return NotFound();
        var staff = await Db.Staff.AsNoTracking().Where(s => s.SchoolId == School.Id).ToListAsync(ct);
        var names = staff.ToDictionary(s => s.Id, s => s.ShortName);
        Teachers = staff.Where(s => s.IsActive && s.Has(StaffRoles.Teacher)).OrderBy(s => s.SortKey, StringComparer.Ordinal).ToList();
        var subjects = await Db.Subjects.AsNoTracking().Where(s => s.SchoolId == School.Id).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var groups = await Db.Groups.AsNoTracking().IgnoreAutoIncludes().Where(g => g.SchoolId == School.Id).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        string Page(Guid? subjectId, Guid? groupId) =>
            subjectId is { } s ? ClassGroup.PageTitle(subjects.GetValueOrDefault(s, "?"), groupId is { } g ? groups.GetValueOrDefault(g) : null) : "";

        var recorded = await TimetablePlans.ChangesAsync(Db, School.Id, Date, Date, ct);
        var classNames = Classes.ToDictionary(c => c.Id, c => c.Name.ToString());
        Recorded = recorded.OrderBy(c => c.ClassId is { } k ? classNames.GetValueOrDefault(k) : "").ThenBy(c => c.LessonNumber)
            .Select(c => new ChangeRow(c.Id, c.ClassId is { } k ? classNames.GetValueOrDefault(k, "?") : "уся школа", DayChangeText.Title(c.Kind),
                c.Kind switch
                {
                    DayChangeKind.Substitution => $"{c.LessonNumber} урок, {Page(c.SubjectId, c.GroupId)}: замінює {names.GetValueOrDefault(c.TeacherId ?? Guid.Empty)}",
                    DayChangeKind.Cancellation => $"{c.LessonNumber} урок, {Page(c.SubjectId, c.GroupId)}",
                    DayChangeKind.Move when c.Date == Date => $"{c.LessonNumber} урок, {Page(c.SubjectId, c.GroupId)} → {c.ToDate:dd.MM}, {c.ToNumber} урок",
                    DayChangeKind.Move => $"з {c.Date:dd.MM}, {c.LessonNumber} урок: {Page(c.SubjectId, c.GroupId)} → {c.ToNumber} урок",
                    _ when c.IsLessonStatus => $"{c.LessonNumber} урок, {Page(c.SubjectId, c.GroupId)}: {DayChangeText.StatusText(c.Kind)}",
                    _ => DayChangeText.DayNote(c),
                } + (c.Note is { } n && c.Kind is not (DayChangeKind.Remote or DayChangeKind.AirRaid or DayChangeKind.AllClear) ? $" ({n})" : "")))
            .ToList();

        if (Class is null) return null;
        var plan = await TimetablePlans.DayAsync(Db, School.Id, Class.Id, Date, ct);
        DayNotes = plan.DayWide.Select(DayChangeText.DayNote).ToList();
        Lessons = plan.Lessons.Select(l => new LessonRow(l.Number, l.SubjectId, l.GroupId, Page(l.SubjectId, l.GroupId),
                l.RegularTeacherId is { } t ? names.GetValueOrDefault(t) : null, DayChangeText.Note(l, Date, x => names.GetValueOrDefault(x)),
                l.EntryId is not null && l.Change is null or { Kind: DayChangeKind.AirRaid }))
            .ToList();
        return null;
    }
}
