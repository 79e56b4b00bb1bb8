using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain.Persistence;
using Bot.Domain.Text;
using Bot.Domain.Roster;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Setup;

/// <summary>A class's groups for split subjects (J-5) with their members, and its teaching assignments (teacher × subject × group).</summary>
[Authorize(Policy = Policies.Setup)]
public sealed class AssignmentsModel(JournalDbContext db, PanelUser user, TimeProvider clock, TeachingSetupService setup) : SchoolPage(db, user, clock)
{
    public sealed record AssignmentRow(Guid Id, string Teacher, string Page);

    public List<SchoolClass> Classes { get; private set; } = [];
    public SchoolClass? Class { get; private set; }
    public List<Subject> Subjects { get; private set; } = [];
    public List<Staff> Teachers { get; private set; } = [];
    public List<ClassGroup> Groups { get; private set; } = [];
    public List<AssignmentRow> Assignments { get; private set; } = [];
    public List<ClassListEntry> Students { get; private set; } = [];

    public string SubjectName(Guid id) => Subjects.FirstOrDefault(s => s.Id == id)?.Name ?? "?";

    public async Task<IActionResult> OnGetAsync(Guid? classId, CancellationToken ct) => await LoadAsync(classId, ct) ?? Page();

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostAssignAsync(Guid classId, Guid? teacherId, Guid? subjectId, Guid? groupId, CancellationToken ct)
    {
        if (await LoadAsync(classId, ct) is { } missing) return missing;
        var result = await setup.AssignAsync(User2.Actor, teacherId ?? Guid.Empty, classId, subjectId ?? Guid.Empty, groupId, ct);
        var field = result.Error?.Code switch { "assignment.teacher" => "teacherId", "assignment.group" => "groupId", _ => "subjectId" };
        return Done(result, "Призначення додано.", field, new { classId });
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostUnassignAsync(Guid classId, Guid assignmentId, CancellationToken ct)
    {
        if (await LoadAsync(classId, ct) is { } missing) return missing;
        // The assignment must be this class's: an id of another class or school is 404 (ADR 0022).
        if (!await Db.TeachingAssignments.AnyAsync(a => a.Id == assignmentId && a.ClassId == classId, ct)) return NotFound();
        return Done(await setup.UnassignAsync(User2.Actor, assignmentId, Today, ct), "Призначення знято.", "", new { classId });
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostGroupAsync(Guid classId, Guid? groupSubjectId, CancellationToken ct)
    {
        if (await LoadAsync(classId, ct) is { } missing) return missing;
        var result = await setup.AddGroupAsync(User2.Actor, classId, groupSubjectId ?? Guid.Empty, ct);
        return Done(result, $"Групу «{result.Value?.Name}» створено: позначте її учнів.", "groupSubjectId", new { classId });
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostMembersAsync(Guid classId, Guid groupId, List<Guid> studentIds, DateOnly? from, CancellationToken ct)
    {
        if (await LoadAsync(classId, ct) is { } missing) return missing;
        if (!await Db.Groups.AnyAsync(g => g.Id == groupId && g.ClassId == classId, ct)) return NotFound();
        // J-5: a change of the list is as of a day (today unless another is given): the lessons before it stay as they were.
        var result = await setup.SetMembersAsync(User2.Actor, groupId, studentIds, from ?? Today, ct);
        return Done(result, $"Склад групи збережено: учнів — {result.Value?.CurrentMembers.Count}.", "from", new { classId });
    }

    private async Task<IActionResult?> LoadAsync(Guid? classId, CancellationToken ct)
    {
        await LoadSchoolAsync(ct);
        if (School is null || Year is null) return null;
        Classes = await RosterQueries.ClassesAsync(Db, Year.Id, ct);
        if (classId is { } id)
        {
            Class = Classes.FirstOrDefault(c => c.Id == id);
            if (Class is null) return NotFound();
        }

        Class ??= Classes.FirstOrDefault();
        Subjects = (await Db.Subjects.AsNoTracking().Where(s => s.SchoolId == School.Id).ToListAsync(ct)).OrderBy(s => UkrainianText.SortKey(s.Name), StringComparer.Ordinal).ToList();
        Teachers = (await Db.Staff.AsNoTracking().Where(s => s.SchoolId == School.Id && s.DeactivatedOn == null).ToListAsync(ct))
            .Where(s => s.Has(StaffRoles.Teacher)).OrderBy(s => s.SortKey, StringComparer.Ordinal).ToList();
        if (Class is null) return null;
        Groups = (await Db.Groups.AsNoTracking().Where(g => g.ClassId == Class.Id).ToListAsync(ct)).OrderBy(g => SubjectName(g.SubjectId)).ThenBy(g => g.Number).ToList();
        var staff = Teachers.ToDictionary(s => s.Id, s => s.FullName);
        Assignments = (await Db.TeachingAssignments.AsNoTracking().Where(a => a.ClassId == Class.Id).ToListAsync(ct))
            .Select(a => new AssignmentRow(a.Id, staff.GetValueOrDefault(a.TeacherId, "—"),
                ClassGroup.PageTitle(SubjectName(a.SubjectId), Groups.FirstOrDefault(g => g.Id == a.GroupId)?.Name)))
            .OrderBy(a => UkrainianText.SortKey(a.Page), StringComparer.Ordinal).ToList();
        Students = (await ClassList.LoadAsync(Db, [Class.Id], Today, Today, null, ct)).Where(e => e.IsActiveOn(Today)).DistinctBy(e => e.StudentId).ToList();
        return null;
    }
}
