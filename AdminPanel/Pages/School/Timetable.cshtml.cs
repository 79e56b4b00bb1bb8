using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain.Diary;
using Bot.Domain.Persistence;
using Bot.Domain.Text;
using Bot.Domain.Roster;
using Bot.Domain.Timetable;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Setup;

/// <summary>
/// The weekly timetable as a grid (days × lesson numbers; a cell: subject, teacher, group) for a week, with that week's
/// day changes shown in their cells. The administration edits a cell (from a date on) for any class; a teacher sees
/// their own lessons of the week, read-only.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class TimetableModel(JournalDbContext db, PanelUser user, TimeProvider clock, TimetableService timetable) : SchoolPage(db, user, clock)
{
    /// <summary>One lesson in a cell: "Алгебра (I група)", the teacher, the day's change note; the weekly entry's id to edit it.</summary>
    public sealed record Cell(Guid? EntryId, string Title, string? Teacher, string? Change, bool IsHeld)
    {
        /// <summary>The lesson's column in the journal grid: the page, the date and number; null for a lesson not held.</summary>
        public string? GridPath { get; init; }
    }

    public bool MayEdit => User2.IsAdministration;
    public List<SchoolClass> Classes { get; private set; } = [];
    public SchoolClass? Class { get; private set; }
    public DateOnly Monday { get; private set; }
    public List<DateOnly> Days { get; private set; } = [];
    public List<int> Numbers { get; private set; } = [];
    public Dictionary<(DateOnly, int), List<Cell>> Grid { get; private set; } = [];
    public Dictionary<DateOnly, List<string>> DayNotes { get; private set; } = [];
    public Dictionary<int, string> BellTimes { get; private set; } = [];
    public List<Subject> Subjects { get; private set; } = [];
    public List<Staff> Teachers { get; private set; } = [];
    public List<ClassGroup> Groups { get; private set; } = [];
    public bool OwnTimetable { get; private set; }

    public DayOfWeek EditDay { get; set; } = DayOfWeek.Monday;
    public int EditNumber { get; set; } = 1;

    public static string DayName(DayOfWeek d) => TimetableService.DayNames[(int)d];

    public async Task<IActionResult> OnGetAsync(Guid? classId, DateOnly? week, DayOfWeek? day, int? number, CancellationToken ct)
    {
        if (classId is not null && !User2.IsAdministration) return Forbid();
        if (day is { } d) EditDay = d;
        if (number is { } n) EditNumber = n;
        return await LoadAsync(classId, week, ct) ?? Page();
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostCellAsync(Guid classId, DateOnly? week, DayOfWeek editDay, int editNumber, Guid? subjectId, Guid? teacherId, Guid? groupId,
        DateOnly? from, CancellationToken ct)
    {
        (EditDay, EditNumber) = (editDay, editNumber);
        if (await LoadAsync(classId, week, ct) is { } missing) return missing;
        var result = await timetable.SetCellAsync(User2.Actor, new TimetableCellInput(classId, editDay, editNumber, subjectId, teacherId, groupId), from ?? Today, ct);
        var field = result.Error?.Code switch { "timetable.teacher" => "teacherId", "timetable.group" => "groupId", "timetable.subject" => "subjectId", _ => "" };
        return Done(result, $"{Class!.Name}: {DayName(editDay)}, {editNumber} урок — збережено.", field, new { classId, week = Monday.ToString("yyyy-MM-dd") });
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostClearAsync(Guid classId, DateOnly? week, Guid entryId, DateOnly? from, CancellationToken ct)
    {
        if (await LoadAsync(classId, week, ct) is { } missing) return missing;
        // The entry must be this class's: an id of another class or school is 404 (ADR 0022).
        if (!await Db.Timetable.AnyAsync(t => t.Id == entryId && t.ClassId == classId, ct)) return NotFound();
        return Done(await timetable.ClearAsync(User2.Actor, entryId, from ?? Today, ct), "Урок прибрано з розкладу.", "",
            new { classId, week = Monday.ToString("yyyy-MM-dd") });
    }

    private async Task<IActionResult?> LoadAsync(Guid? classId, DateOnly? week, CancellationToken ct)
    {
        await LoadSchoolAsync(ct);
        if (School is null || Year is null) return null;
        Monday = SchoolCalendar.MondayOf(week ?? (Today < Year.StartsOn ? Year.StartsOn : Today));
        Classes = await RosterQueries.ClassesAsync(Db, Year.Id, ct);
        var subjects = await Db.Subjects.AsNoTracking().Where(s => s.SchoolId == School.Id).ToListAsync(ct);
        Subjects = subjects.OrderBy(s => UkrainianText.SortKey(s.Name), StringComparer.Ordinal).ToList();
        var staff = await Db.Staff.AsNoTracking().Where(s => s.SchoolId == School.Id).ToListAsync(ct);
        var names = staff.ToDictionary(s => s.Id, s => s.ShortName);
        Teachers = staff.Where(s => s.IsActive && s.Has(StaffRoles.Teacher)).OrderBy(s => s.SortKey, StringComparer.Ordinal).ToList();
        var bells = await Db.BellSlots.AsNoTracking().Where(b => b.SchoolId == School.Id).ToListAsync(ct);
        BellTimes = bells.ToDictionary(b => b.Number, b => $"{b.Starts:HH\\:mm}–{b.Ends:HH\\:mm}");

        List<Guid> classIds;
        if (User2.IsAdministration)
        {
            Class = classId is { } id ? Classes.FirstOrDefault(c => c.Id == id) : Classes.FirstOrDefault();
            if (classId is not null && Class is null) return NotFound();
            if (Class is null) return null;
            classIds = [Class.Id];
            Groups = await Db.Groups.AsNoTracking().IgnoreAutoIncludes().Where(g => g.ClassId == Class.Id).ToListAsync(ct);
        }
        else
        {
            OwnTimetable = true;
            classIds = Classes.Select(c => c.Id).ToList();
            Groups = await Db.Groups.AsNoTracking().IgnoreAutoIncludes().Where(g => classIds.Contains(g.ClassId)).ToListAsync(ct);
        }

        var weekly = await Db.Timetable.AsNoTracking().Where(t => classIds.Contains(t.ClassId)).ToListAsync(ct);
        var saturday = weekly.Any(t => t.Day == DayOfWeek.Saturday);
        Days = Enumerable.Range(0, saturday ? 6 : 5).Select(i => Monday.AddDays(i)).ToList();
        var changes = await TimetablePlans.ChangesAsync(Db, School.Id, Monday, Monday.AddDays(6), ct);
        var classNames = Classes.ToDictionary(c => c.Id, c => c.Name.ToString());
        string Page(Guid subjectId, Guid? groupId) =>
            ClassGroup.PageTitle(subjects.FirstOrDefault(s => s.Id == subjectId)?.Name ?? "?", Groups.FirstOrDefault(g => g.Id == groupId)?.Name);

        foreach (var date in Days)
        {
            var notes = new List<string>();
            foreach (var cid in classIds)
            {
                var plan = DayPlan.Of(cid, date, weekly, changes);
                if (!OwnTimetable) notes.AddRange(plan.DayWide.Select(DayChangeText.DayNote));
                var offDay = !Year.IsSchoolDay(date) && date.DayOfWeek != DayOfWeek.Saturday;
                foreach (var l in plan.Lessons.Where(l => !OwnTimetable || l.TeacherId == User2.StaffId || l.RegularTeacherId == User2.StaffId))
                {
                    var title = OwnTimetable ? $"{classNames[cid]} · {Page(l.SubjectId, l.GroupId)}" : Page(l.SubjectId, l.GroupId);
                    var change = offDay ? "канікули або вихідний" : DayChangeText.Note(l, date, id => names.GetValueOrDefault(id));
                    // In one's own week one's own name goes without saying; the other teacher of a substitution does not.
                    var teacher = OwnTimetable && l.RegularTeacherId == User2.StaffId ? null : l.RegularTeacherId is { } t ? names.GetValueOrDefault(t) : null;
                    var cell = new Cell(l.EntryId, title, teacher, change, l.IsHeld && !offDay)
                    {
                        GridPath = l.IsHeld && !offDay
                            ? $"/Journal/Grid/{cid}/{l.SubjectId}" + (l.GroupId is { } g ? $"/{g}" : "") + $"?on={date:yyyy-MM-dd}&slot={l.Number}"
                              + (Year.SemesterOf(date) is { } semester ? $"&period=Semester{semester}" : "")
                            : null,
                    };
                    if (!Grid.TryGetValue((date, l.Number), out var list)) Grid[(date, l.Number)] = list = [];
                    list.Add(cell);
                }
            }

            DayNotes[date] = notes.Distinct().ToList();
        }

        Numbers = Grid.Keys.Select(k => k.Item2).Concat(bells.Select(b => b.Number)).Append(1).Distinct().Order().ToList();
        return null;
    }
}
