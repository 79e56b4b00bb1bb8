using Bot.Domain.Attendance;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Journal;

public sealed partial class JournalService
{
    /// <summary>
    /// Takes back one write of cells (its audit records): a new cell is cleared (or gets back the absence or mark it
    /// replaced), a changed cell gets its old value. The usual rules apply, so only the author within the undo window
    /// succeeds; pending alerts of the undone cells are cancelled. Returns a line per cell for the reply.
    /// </summary>
    public Task<Result<IReadOnlyList<string>>> UndoAsync(Actor actor, IReadOnlyList<AuditRecord> batch, string reason, CancellationToken ct = default) =>
        db.WriteAsync<Result<IReadOnlyList<string>>>(async c =>
        {
            var markIds = batch.Where(a => a.EntityType == nameof(Mark) && a.Action != AuditAction.Deleted).Select(a => a.EntityId).ToList();
            var absenceIds = batch.Where(a => a.EntityType == nameof(Absence) && a.Action != AuditAction.Deleted).Select(a => a.EntityId).ToList();
            var marks = await db.Marks.AsNoTracking().Where(m => markIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, c);
            var absences = await db.Absences.AsNoTracking().Where(a => absenceIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, c);

            var cells = new List<(CellInput Input, string Line)>();
            foreach (var record in batch.Where(a => a.Action != AuditAction.Deleted))
            {
                // A new cell that replaced something in the same write gets that something back.
                var replaced = batch.FirstOrDefault(a => a.Action == AuditAction.Deleted && a.Context == record.Context && a.EntityType != record.EntityType);
                var target = record.Action == AuditAction.Changed ? record.OldValue : replaced?.OldValue;
                CellInput? input = record.EntityType == nameof(Mark) && marks.TryGetValue(record.EntityId, out var m)
                    ? new CellInput(m.StudentId, m.ClassId, m.SubjectId, m.Column, target ?? "", m.LessonId, m.GroupId, m.Date, Reason: reason)
                    : record.EntityType == nameof(Absence) && absences.TryGetValue(record.EntityId, out var a)
                        ? new CellInput(a.StudentId, a.ClassId, a.SubjectId, MarkColumn.Current, target ?? "", a.LessonId, Reason: reason)
                        : null;
                if (input is null) continue; // already gone (undone elsewhere)
                var student = record.Context?.Split(" · ").ElementAtOrDefault(2) ?? "";
                cells.Add((input, $"{student}: {record.NewValue} → {(string.IsNullOrEmpty(target) ? "порожньо" : target)}"));
            }

            if (cells.Count == 0) return new DomainError("undo.nothing", "Ці записи вже скасовано або змінено.");
            foreach (var page in cells.GroupBy(x => (x.Input.ClassId, x.Input.SubjectId, x.Input.Column, x.Input.LessonId, x.Input.Date)))
            {
                var result = await SetCellsCoreAsync(actor, page.Select(p => p.Input).ToList(), notify: true, c);
                if (!result.IsSuccess)
                {
                    db.ChangeTracker.Clear();
                    return result.Error;
                }
            }

            await db.SaveChangesAsync(c);
            return cells.Select(x => x.Line).ToList();
        }, ct);
}
