using Bot.Domain.Attendance;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Journal;

/// <summary>A write unit of an actor that an undo may take back: its id, school and write time.</summary>
public sealed record WriteUnitRef(Guid BatchId, Guid SchoolId, DateTime AtUtc);

/// <summary>What an undo took back: the unit, the undo's own unit, and a line per cell ("Іваненко Олег: 10 → порожньо").</summary>
public sealed record UndoneUnit(Guid BatchId, Guid UndoBatchId, IReadOnlyList<string> Lines);

/// <summary>
/// Undo by write unit (ADR 0029). A unit is everything one command, or one step of the lesson flow, wrote: the audit
/// records sharing a <see cref="AuditRecord.WriteBatchId"/>. An undo takes a unit back whole or not at all, only by its
/// author and within the school's undo window counted from the unit's write time; it is itself a unit whose records
/// name the unit they revert (<see cref="AuditRecord.RevertsBatchId"/>), so a unit is taken back once and an undo is not
/// undone by the next /undo (that takes back the unit before). Nothing is found by timestamps or by reading audit text.
/// </summary>
public sealed partial class JournalService
{
    /// <summary>
    /// The latest unit of journal cells (marks, absences) written by any of <paramref name="staffIds"/> (a teacher of two
    /// schools has a staff record in each) that is not an undo and has not been undone; null when there is none. Whether
    /// it is still within its window is <see cref="UndoBatchAsync"/>'s to say.
    /// </summary>
    public async Task<WriteUnitRef?> LatestUnitAsync(IReadOnlyCollection<Guid> staffIds, CancellationToken ct = default)
    {
        var ids = staffIds.Select(id => (Guid?)id).ToList();
        return await db.AuditRecords.AsNoTracking()
            .Where(a => ids.Contains(a.ActorId) && a.WriteBatchId != Guid.Empty && a.RevertsBatchId == null
                && (a.EntityType == nameof(Mark) || a.EntityType == nameof(Absence))
                && !db.AuditRecords.Any(u => u.RevertsBatchId == a.WriteBatchId))
            // Unsealed records (sequence 0, ADR 0037) are the newest.
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Sequence == 0).ThenByDescending(a => a.Sequence).ThenByDescending(a => a.Id)
            .Select(a => new WriteUnitRef(a.WriteBatchId, a.SchoolId, a.AtUtc))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Takes back the actor's latest unit (<see cref="LatestUnitAsync"/> of the actor's staff record), as <see cref="UndoBatchAsync"/>.</summary>
    public async Task<Result<UndoneUnit>> UndoLatestAsync(Actor actor, string reason, CancellationToken ct = default)
    {
        if (actor.StaffId is not { } staffId) return JournalErrors.NothingToUndo;
        var latest = await LatestUnitAsync([staffId], ct);
        return latest is null ? JournalErrors.NothingToUndo : await UndoBatchAsync(actor, latest.BatchId, reason, ct);
    }

    /// <summary>
    /// Takes back write unit <paramref name="batchId"/> whole, or nothing: every cell it wrote gets back what was in it
    /// before the unit (a new mark or "н" is cleared, a changed one gets its old value, a mark that "н" replaced comes
    /// back), in one transaction with the cancellation of every alert of the unit that has not gone. Refused when the unit
    /// is not the actor's, is past the school's undo window (from its write time), was taken back already, is itself an
    /// undo, or a later write changed one of its cells since. A lesson the unit created to hold its cells stays (the lesson
    /// was held); a unit that changed a lesson's topic or homework is refused (corrected with /lesson, /homework).
    /// </summary>
    public Task<Result<UndoneUnit>> UndoBatchAsync(Actor actor, Guid batchId, string reason, CancellationToken ct = default) =>
        db.WriteAsync<Result<UndoneUnit>>(async c =>
        {
            var records = batchId == Guid.Empty
                ? []
                : await db.AuditRecords.AsNoTracking().Where(a => a.WriteBatchId == batchId).InWrittenOrder().ToListAsync(c); // sealed or not (ADR 0037)
            var check = await CheckUndoAsync(actor, batchId, records, c);
            if (!check.IsSuccess) return check.Error;

            var cells = records.Where(a => a.EntityType is nameof(Mark) or nameof(Absence)).ToList();
            var planned = await PlanUndoAsync(cells, c);
            if (!planned.IsSuccess) return planned.Error;
            var plan = planned.Value!;

            var unit = new WriteUnit(Guid.NewGuid(), UtcNow, Reverts: batchId);
            foreach (var page in plan.GroupBy(x => (x.Input.ClassId, x.Input.SubjectId, x.Input.Column, x.Input.LessonId, x.Input.GroupId, x.Input.Date)))
            {
                var inputs = page.Select(p => p.Input with { Reason = reason }).ToList();
                var result = await SetCellsCoreAsync(actor, inputs, notify: true, unit, c);
                if (!result.IsSuccess)
                {
                    db.ChangeTracker.Clear();
                    return result.Error;
                }
            }

            await db.SaveChangesAsync(c);
            return new UndoneUnit(batchId, unit.BatchId, plan.Select(p => p.Line).ToList());
        }, ct);

    private async Task<Result<bool>> CheckUndoAsync(Actor actor, Guid batchId, List<AuditRecord> records, CancellationToken ct)
    {
        if (records.Count == 0) return JournalErrors.NothingToUndo;
        if (records.Any(r => r.RevertsBatchId is not null)) return JournalErrors.NothingToUndo; // an undo is not undone
        if (!actor.IsSystem && records.Any(r => r.ActorId != actor.StaffId)) return JournalErrors.UndoNotYours;
        if (await db.AuditRecords.AnyAsync(a => a.RevertsBatchId == batchId, ct)) return JournalErrors.AlreadyUndone;
        var schoolId = records[0].SchoolId;
        var school = await db.Schools.FindAsync([schoolId], ct) ?? throw new InvalidOperationException($"School {schoolId} is missing.");
        var window = school.UndoWindow ?? settings.UndoWindow;
        if (!actor.IsSystem && UtcNow - records.Min(r => r.AtUtc) > window) return JournalErrors.UndoWindowPassed(window);
        // The lesson a command created to hold its cells stays (the lesson was held); a unit that changed a lesson's record
        // (its topic or homework) cannot be put back here.
        if (records.Any(r => r.EntityType == nameof(Lesson) && r.Action != AuditAction.Created)) return JournalErrors.UndoLessonText;
        // "Поважна причина" for a parent's report (ADR 0039) is not a typing error: "хв" goes back to "н" as A-1 says, by /excuse or on the page.
        if (records.Any(r => r.EntityType == nameof(Attendance.AbsenceNotice))) return JournalErrors.UndoExcusedReport;
        return records.Any(r => r.EntityType is nameof(Mark) or nameof(Absence)) ? true : JournalErrors.UndoLessonText;
    }

    /// <summary>
    /// The cells a unit touched and what each held before it: by student and lesson (a dateless column's mark by its id),
    /// the first record's old value is the cell before the unit, the last record's new value the cell the unit left. The
    /// cell must still hold what the unit left; student names come from the records' ids.
    /// </summary>
    private async Task<Result<List<(CellInput Input, string Line)>>> PlanUndoAsync(List<AuditRecord> cells, CancellationToken ct)
    {
        var studentIds = cells.Where(r => r.StudentId is not null).Select(r => r.StudentId!.Value).Distinct().ToList();
        var lessonIds = cells.Where(r => r.LessonId is not null).Select(r => r.LessonId!.Value).Distinct().ToList();
        var entityIds = cells.Select(r => r.EntityId).Distinct().ToList();
        var names = await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FullName, ct);
        var marks = await db.Marks.AsNoTracking()
            .Where(m => entityIds.Contains(m.Id) || (m.LessonId != null && lessonIds.Contains(m.LessonId.Value) && studentIds.Contains(m.StudentId)))
            .ToListAsync(ct);
        var absences = await db.Absences.AsNoTracking()
            .Where(a => lessonIds.Contains(a.LessonId) && studentIds.Contains(a.StudentId)).ToListAsync(ct);

        var plan = new List<(CellInput Input, string Line)>();
        foreach (var cell in cells.GroupBy(r => r.LessonId is { } l ? (r.StudentId, l) : (r.StudentId, r.EntityId)))
        {
            var first = cell.First();
            var last = cell.Last();
            if (first.StudentId is not { } studentId || first.ClassId is not { } classId || first.SubjectId is not { } subjectId)
                return JournalErrors.NothingToUndo; // not a cell written with structure
            var before = first.Action == AuditAction.Created ? null : first.OldValue;
            var after = last.Action == AuditAction.Deleted ? null : last.NewValue;

            CellInput input;
            string? now;
            if (first.LessonId is { } lessonId)
            {
                var mark = marks.FirstOrDefault(m => m.LessonId == lessonId && m.StudentId == studentId && m.Column == MarkColumn.Current);
                var absence = absences.FirstOrDefault(a => a.LessonId == lessonId && a.StudentId == studentId);
                now = mark?.Value.Text ?? (absence is null ? null : AbsenceKinds.Text(absence.Kind));
                input = new CellInput(studentId, classId, subjectId, MarkColumn.Current, before ?? "", lessonId);
            }
            else
            {
                var mark = marks.FirstOrDefault(m => m.Id == last.EntityId);
                if (mark is null) return JournalErrors.UndoChangedSince; // cleared since (or by the unit: a dateless clear is not put back)
                now = mark.Value.Text;
                input = new CellInput(studentId, classId, subjectId, mark.Column, before ?? "", null, mark.GroupId,
                    MarkColumns.IsFinal(mark.Column) ? null : mark.Date);
            }

            if (now != after) return JournalErrors.UndoChangedSince;
            if (before == after) continue;
            var name = names.GetValueOrDefault(studentId, "");
            plan.Add((input, $"{name}: {after ?? "порожньо"} → {before ?? "порожньо"}"));
        }

        return plan.Count == 0 ? JournalErrors.AlreadyUndone : plan;
    }
}
