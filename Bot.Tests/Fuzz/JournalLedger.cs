using Bot.Domain.Audit;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Fuzz;

/// <summary>
/// The journal before a fuzz run, to judge the run by: every mark, absence and lesson row the run added, changed or removed
/// must have an audit record of the run, and every audit record of the run on a mark, absence or lesson must be by a
/// teacher allowed to write that class and subject — assigned to it (and to its group), or its class teacher for an
/// absence's excuse (docs/rules.md A-2). Parents and students write nothing; nothing in the other school changes; the
/// chain verifies and the present reconciles with the trail (ADR 0037).
/// </summary>
public sealed class JournalLedger
{
    private readonly Dictionary<Guid, string> _rows;
    private readonly Dictionary<Guid, Guid?> _groups;
    private readonly HashSet<Guid> _audit;

    private JournalLedger(Dictionary<Guid, string> rows, Dictionary<Guid, Guid?> groups, HashSet<Guid> audit)
    {
        _rows = rows;
        _groups = groups;
        _audit = audit;
    }

    public int Rows => _rows.Count;

    public static async Task<JournalLedger> TakeAsync(TestDatabase database)
    {
        var (rows, groups) = await RowsAsync(database);
        await using var db = database.NewContext();
        return new JournalLedger(rows, groups, (await db.AuditRecords.Select(r => r.Id).ToListAsync()).ToHashSet());
    }

    /// <summary>Each journal row as text of everything a person could see change, and the group it belongs to.</summary>
    private static async Task<(Dictionary<Guid, string> Rows, Dictionary<Guid, Guid?> Groups)> RowsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var rows = new Dictionary<Guid, string>();
        var groups = new Dictionary<Guid, Guid?>();
        var lessons = await db.Lessons.AsNoTracking().ToListAsync();
        foreach (var l in lessons)
        {
            // The lesson's number (J-6) follows from the others: renumbering is not a write of its own.
            rows[l.Id] = $"Lesson {l.SchoolId} {l.ClassId} {l.SubjectId} {l.GroupId} {l.TeacherId} {l.Date} {l.Slot} [{l.Topic}] [{l.ThemeTitle}] [{l.Homework}] [{l.SubstituteNote}]";
            groups[l.Id] = l.GroupId;
        }

        var lessonGroups = lessons.ToDictionary(l => l.Id, l => l.GroupId);
        foreach (var m in await db.Marks.AsNoTracking().ToListAsync())
        {
            rows[m.Id] = $"Mark {m.SchoolId} {m.StudentId} {m.ClassId} {m.SubjectId} {m.GroupId} {m.Column} {m.Date} {m.LessonId} {m.Slot} [{m.Value.Text}] [{m.WorkKind}]";
            groups[m.Id] = m.GroupId;
        }

        foreach (var a in await db.Absences.AsNoTracking().ToListAsync())
        {
            rows[a.Id] = $"Absence {a.SchoolId} {a.StudentId} {a.ClassId} {a.SubjectId} {a.LessonId} {a.Date} {a.Kind}";
            groups[a.Id] = lessonGroups.GetValueOrDefault(a.LessonId);
        }

        return (rows, groups);
    }

    /// <summary>What the run changed that it was not allowed to, or that the trail does not explain; empty when all is well.</summary>
    public async Task<(IReadOnlyList<string> Problems, int Changed, int Writes)> CheckAsync(TestDatabase database, IReadOnlyCollection<Guid> schoolIds)
    {
        var problems = new List<string>();
        var (after, afterGroups) = await RowsAsync(database);
        await using var db = database.NewContext();
        var records = (await db.AuditRecords.AsNoTracking().ToListAsync()).Where(r => !_audit.Contains(r.Id)).ToList();
        var journalRecords = records.Where(r => r.EntityType is "Mark" or "Absence" or "Lesson").ToList();
        var assignments = await db.TeachingAssignments.AsNoTracking().ToListAsync();
        var classTeachers = await db.Classes.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ClassTeacherId);
        var staff = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.SchoolId);
        var enrolments = await db.Enrolments.AsNoTracking().Select(e => new { e.StudentId, e.ClassId }).ToListAsync();

        var changed = _rows.Keys.Union(after.Keys).Where(id => _rows.GetValueOrDefault(id) != after.GetValueOrDefault(id)).ToList();
        var explained = journalRecords.Select(r => r.EntityId).ToHashSet();
        foreach (var id in changed.Where(id => !explained.Contains(id)))
            problems.Add($"changed without an audit record: was '{_rows.GetValueOrDefault(id) ?? "(none)"}', now '{after.GetValueOrDefault(id) ?? "(none)"}'");

        foreach (var r in journalRecords)
        {
            var what = $"{r.EntityType} {r.Action} '{r.OldValue}' → '{r.NewValue}' by {r.ActorName} ({r.Channel}, {r.Context})";
            if (r.ActorId is not { } actor || !staff.TryGetValue(actor, out var actorSchool))
            {
                problems.Add($"written by someone who is not staff: {what}");
                continue;
            }

            if (actorSchool != r.SchoolId || !schoolIds.Contains(r.SchoolId))
            {
                problems.Add($"written into another school's journal: {what}");
                continue;
            }

            if (r.ClassId is not { } classId || r.SubjectId is not { } subjectId)
            {
                problems.Add($"a journal write without its class and subject: {what}");
                continue;
            }

            var group = afterGroups.TryGetValue(r.EntityId, out var g) ? g : _groups.GetValueOrDefault(r.EntityId);
            var teaches = assignments.Any(x => x.TeacherId == actor && x.Covers(classId, subjectId, group));
            var excuses = r.EntityType == "Absence" && classTeachers.GetValueOrDefault(classId) == actor;
            if (!teaches && !excuses) problems.Add($"written by a teacher who does not teach that class and subject: {what}");
            if (r.StudentId is { } student && !enrolments.Any(e => e.StudentId == student && e.ClassId == classId))
                problems.Add($"written for a student not of that class: {what}");
        }

        return (problems, changed.Count, journalRecords.Count);
    }

    /// <summary>The full check of each school's chain, with the present reconciled (a write that skipped the trail shows here).</summary>
    public static async Task<IReadOnlyList<string>> AuditProblemsAsync(TestDatabase database, IEnumerable<Guid> schoolIds)
    {
        await database.SealAsync();
        await using var db = database.NewContext();
        var problems = new List<string>();
        foreach (var school in schoolIds)
            problems.AddRange((await new AuditVerifier(db).CheckAsync(school, AuditCheckMode.Full)).Problems);
        return problems;
    }
}
