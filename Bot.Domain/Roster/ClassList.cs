using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Roster;

/// <summary>A student on a class list: one enrolment with the name and study mode of the student.</summary>
public sealed record ClassListEntry(
    Guid StudentId,
    Guid ClassId,
    string LastName,
    string FirstName,
    string? MiddleName,
    string SortKey,
    int ListPosition,
    DateOnly From,
    DateOnly? To,
    StudyMode StudyMode,
    Sex? Sex = null)
{
    /// <summary>"Surname FirstName", as on the class list (J-4).</summary>
    public string FullName => $"{LastName} {FirstName}";

    public bool IsActiveOn(DateOnly date) => From <= date && (To is null || To >= date);

    public bool Overlaps(DateOnly from, DateOnly to) => From <= to && (To is null || To >= from);
}

/// <summary>
/// The class list in the journal's order (J-4): the students of the list at the start of the year
/// (<see cref="Enrolment.ListPosition"/> 0) in Ukrainian alphabetical order of their sort keys, then the students who
/// arrived later, at the end, in the order they arrived.
/// </summary>
public static class ClassList
{
    /// <summary>Orders anything that carries a list position and a sort key as the class list does (J-4).</summary>
    public static IOrderedEnumerable<T> InListOrder<T>(this IEnumerable<T> items, Func<T, int> listPosition, Func<T, string> sortKey) =>
        items.OrderBy(listPosition).ThenBy(sortKey, StringComparer.Ordinal);

    public static IOrderedEnumerable<ClassListEntry> InListOrder(this IEnumerable<ClassListEntry> entries) =>
        entries.InListOrder(e => e.ListPosition, e => e.SortKey);

    /// <summary>
    /// The enrolments of the given classes that overlap [<paramref name="from"/>, <paramref name="to"/>] (leavers and
    /// late arrivals included), with their students, in one query; in list order within each class.
    /// <paramref name="studentId"/> narrows it to one student.
    /// </summary>
    public static async Task<List<ClassListEntry>> LoadAsync(JournalDbContext db, IReadOnlyCollection<Guid> classIds, DateOnly from, DateOnly to,
        Guid? studentId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var enrolments = db.Enrolments.AsNoTracking()
            .Where(e => classIds.Contains(e.ClassId) && e.From <= to && (e.To == null || e.To >= from));
        if (studentId is { } id) enrolments = enrolments.Where(e => e.StudentId == id);
        var rows = await enrolments
            .Join(db.Students, e => e.StudentId, s => s.Id, (e, s) => new ClassListEntry(s.Id, e.ClassId, s.LastName, s.FirstName, s.MiddleName,
                s.SortKey, e.ListPosition, e.From, e.To, s.StudyMode, s.Sex))
            .ToListAsync(ct);
        return rows.GroupBy(r => r.ClassId).SelectMany(g => g.InListOrder()).ToList();
    }
}
