using Bot.Domain.Audit;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Bot.Domain.Text;

namespace Bot.Domain.Journal;

/// <summary>
/// The write path of the journal: lessons, marks and absences. Every operation checks the rules of docs/rules.md and
/// the actor's rights, and saves the change, its audit record and the notifications it causes in one transaction.
/// Split by concern: <c>JournalService.Lessons.cs</c>, <c>JournalService.Cells.cs</c>, <c>JournalService.Attendance.cs</c>.
/// </summary>
public sealed partial class JournalService(JournalDbContext db, TimeProvider clock, JournalSettings settings)
{
    private readonly OutboxWriter _outbox = new(db);

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>Everything a rule about one class and subject needs, loaded once.</summary>
    private sealed record Page(School School, SchoolYear Year, SchoolClass Class, Subject Subject, ClassGroup? Group, DateOnly Today)
    {
        public string ClassTitle => Class.Name.ToString();
        public string PageTitle => ClassGroup.PageTitle(Subject.Name, Group?.Name);
        public TimeSpan UndoWindow(JournalSettings s) => School.UndoWindow ?? s.UndoWindow;
    }

    /// <summary>
    /// Loads a page's class, subject, group, year and school by key: rows the context already tracks (a batch of
    /// writes in one context) are not read again.
    /// </summary>
    private async Task<Result<Page>> LoadPageAsync(Guid classId, Guid subjectId, Guid? groupId, CancellationToken ct)
    {
        var cls = await db.Classes.FindAsync([classId], ct);
        if (cls is null) return JournalErrors.NotFound("Клас");
        var subject = await db.Subjects.FindAsync([subjectId], ct);
        if (subject is null || subject.SchoolId != cls.SchoolId) return JournalErrors.NotFound("Предмет");
        ClassGroup? group = null;
        if (groupId is { } gid)
        {
            group = await db.Groups.FindAsync([gid], ct);
            if (group is null || group.ClassId != classId) return JournalErrors.NotFound("Групу");
        }

        var year = await db.SchoolYears.FindAsync([cls.SchoolYearId], ct) ?? throw new InvalidOperationException($"School year {cls.SchoolYearId} of class {cls.Id} is missing.");
        var school = await db.Schools.FindAsync([cls.SchoolId], ct) ?? throw new InvalidOperationException($"School {cls.SchoolId} of class {cls.Id} is missing.");
        return new Page(school, year, cls, subject, group, SchoolTime.Today(clock, school.TimeZone));
    }

    /// <summary>A subject teacher writes only on the pages of their own assignments (docs/architecture.md "Roles").</summary>
    private async Task<bool> TeachesAsync(Actor actor, Page page, CancellationToken ct)
    {
        if (actor.StaffId is not { } staffId || !actor.Is(StaffRoles.Teacher)) return false;
        var assignments = await db.TeachingAssignments.AsNoTracking()
            .Where(a => a.TeacherId == staffId && a.ClassId == page.Class.Id && a.SubjectId == page.Subject.Id)
            .ToListAsync(ct);
        return assignments.Any(a => a.Covers(page.Class.Id, page.Subject.Id, page.Group?.Id));
    }

    /// <summary>
    /// Who may write on a page: its teacher; a deputy director or administrator (with a reason, since it is
    /// someone else's journal); the system (seeding, imports).
    /// </summary>
    private async Task<Result<bool>> AuthorizeAsync(Actor actor, Page page, string? reason, CancellationToken ct)
    {
        if (actor.IsSystem) return true;
        if (await TeachesAsync(actor, page, ct)) return true;
        if (!actor.Roles.CanCorrectAnyJournal()) return JournalErrors.NotYourLesson;
        return VisibleText.IsBlank(reason) ? JournalErrors.ReasonRequired : true;
    }

    /// <summary>
    /// The write unit of one call: its batch id (shared by every audit record the call writes, ADR 0029), its write time
    /// (every record and entity of the call carries it; the undo window runs from it), and for an undo, the unit it takes
    /// back (<see cref="Reverts"/>: the cells are put back as they were, the usual rules of a new write do not apply).
    /// </summary>
    private sealed record WriteUnit(Guid BatchId, DateTime AtUtc, Guid? Reverts = null)
    {
        public bool Restoring => Reverts is not null;
    }

    private WriteUnit NewUnit(Guid? batchId) => new(batchId is { } id && id != Guid.Empty ? id : Guid.NewGuid(), UtcNow);

    private void Audit(Page page, Actor actor, WriteUnit unit, string entityType, Guid entityId, AuditAction action, string? oldValue, string? newValue,
        string? reason, string context, Guid? studentId = null, Guid? lessonId = null) =>
        db.Audit(new AuditRecord(page.School.Id, unit.AtUtc, actor.StaffId, actor.Name, actor.Channel, entityType, entityId, action,
            oldValue, newValue, VisibleText.IsBlank(reason) ? null : VisibleText.Normalize(reason), actor.Note is { Length: > 0 } note ? $"{context} · {note}" : context,
            new AuditPlace(page.Class.Id, page.Subject.Id, studentId, lessonId), unit.BatchId, unit.Reverts));
}
