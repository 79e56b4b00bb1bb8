using AdminPanel.Access;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Journal;

/// <summary>A subject page of the journal: class × subject (× group) (J-5).</summary>
public sealed record JournalPageRef(Guid ClassId, string ClassName, string ClassSortKey, Guid SubjectId, string SubjectName, Guid? GroupId, string? GroupName)
{
    public string Title => ClassGroup.PageTitle(SubjectName, GroupName);
}

/// <summary>
/// Which journal pages a person opens (docs/architecture.md "Roles"): the administration every page of its school; a teacher the
/// pages of their assignments; a class teacher every subject page of their class (attendance reasons, A-1).
/// </summary>
public static class JournalAccess
{
    public static async Task<bool> MayOpenAsync(JournalDbContext db, PanelUser user, SchoolClass cls, Guid subjectId, Guid? groupId, CancellationToken ct)
    {
        if (user.StaffSchoolId is { } school && school != cls.SchoolId) return false;
        if (user.IsAdministration) return true;
        if (user.StaffId is not { } staffId) return false;
        if (user.Is(StaffRoles.ClassTeacher) && cls.ClassTeacherId == staffId) return true;
        return await TeachesAsync(db, user, cls, subjectId, groupId, ct) || (await SubstitutionsAsync(db, user, cls, subjectId, groupId, ct)).Count > 0;
    }

    /// <summary>
    /// The lessons of the page (date, number) the administration recorded the person as substitute for (J-9): they open the
    /// page to record those lessons, and the journal lets them write those lessons only.
    /// </summary>
    public static async Task<List<(DateOnly Date, int Slot)>> SubstitutionsAsync(JournalDbContext db, PanelUser user, SchoolClass cls, Guid subjectId, Guid? groupId,
        CancellationToken ct)
    {
        if (user.StaffId is not { } staffId || !user.Is(StaffRoles.Teacher)) return [];
        var changes = await db.DayChanges.AsNoTracking()
            .Where(c => c.Kind == Bot.Domain.Timetable.DayChangeKind.Substitution && c.TeacherId == staffId && c.ClassId == cls.Id
                && c.SubjectId == subjectId && c.GroupId == groupId && c.LessonNumber != null)
            .Select(c => new { c.Date, c.LessonNumber }).ToListAsync(ct);
        return [.. changes.Select(c => (c.Date, c.LessonNumber!.Value)).OrderBy(c => c)];
    }

    /// <summary>Whether the person is a teacher of the page (their lessons and marks); the class teacher of the class may only flip н↔хв on it.</summary>
    public static async Task<bool> TeachesAsync(JournalDbContext db, PanelUser user, SchoolClass cls, Guid subjectId, Guid? groupId, CancellationToken ct)
    {
        if (user.StaffId is not { } staffId || !user.Is(StaffRoles.Teacher)) return false;
        var assignments = await db.TeachingAssignments.AsNoTracking()
            .Where(a => a.TeacherId == staffId && a.ClassId == cls.Id && a.SubjectId == subjectId).ToListAsync(ct);
        return assignments.Any(a => a.Covers(cls.Id, subjectId, groupId));
    }

    /// <summary>The pages of the year's classes the person opens, by class then subject, from the teaching assignments.</summary>
    public static async Task<List<JournalPageRef>> PagesAsync(JournalDbContext db, PanelUser user, Guid yearId, CancellationToken ct)
    {
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == yearId).ToListAsync(ct);
        var classIds = classes.Select(c => c.Id).ToList();
        var assignments = await db.TeachingAssignments.AsNoTracking().Where(a => classIds.Contains(a.ClassId)).ToListAsync(ct);
        var groups = await db.Groups.AsNoTracking().Where(g => classIds.Contains(g.ClassId)).ToDictionaryAsync(g => g.Id, ct);
        var subjectIds = assignments.Select(a => a.SubjectId).Distinct().ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var byId = classes.ToDictionary(c => c.Id);
        var staffId = user.StaffId;
        bool Mine(TeachingAssignment a) =>
            user.IsAdministration
            || (user.Is(StaffRoles.ClassTeacher) && byId[a.ClassId].ClassTeacherId == staffId && staffId is not null)
            || (user.Is(StaffRoles.Teacher) && a.TeacherId == staffId);
        return assignments.Where(a => (user.StaffSchoolId is null || user.StaffSchoolId == a.SchoolId) && Mine(a))
            .Select(a => new JournalPageRef(a.ClassId, byId[a.ClassId].Name.ToString(), byId[a.ClassId].Name.SortKey, a.SubjectId, subjects[a.SubjectId].Name,
                a.GroupId, a.GroupId is { } g && groups.TryGetValue(g, out var group) ? group.Name : null))
            .DistinctBy(p => (p.ClassId, p.SubjectId, p.GroupId))
            .OrderBy(p => p.ClassSortKey, StringComparer.Ordinal).ThenBy(p => p.Title, Bot.Domain.Text.UkrainianText.Comparer)
            .ToList();
    }
}
