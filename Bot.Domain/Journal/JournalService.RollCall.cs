using Bot.Domain.Grading;

namespace Bot.Domain.Journal;

public sealed partial class JournalService
{
    /// <summary>
    /// A lesson's roll call (ADR 0031): the absences it changes (<paramref name="cells"/>: "н" for those marked absent, a
    /// clearing for those no longer absent) are written as one batch of cells (one write unit for /undo, ADR 0029; <paramref name="batchId"/> when the caller names it) — the rules, audit and alerts of
    /// <see cref="SetCellsAsync"/> unchanged — and the lesson records when its roll call was taken, all in one transaction.
    /// With no cells ("everyone is here") only the time is recorded, by someone who may write on the lesson's page.
    /// The roll call's cells are one write unit (<paramref name="batchId"/>, or a new one), taken back whole by an undo.
    /// </summary>
    public Task<Result<IReadOnlyList<CellChange>>> TakeRollCallAsync(Actor actor, Guid lessonId, IReadOnlyList<CellInput> cells, CancellationToken ct = default,
        Guid? batchId = null) =>
        db.WriteAsync<Result<IReadOnlyList<CellChange>>>(async c =>
        {
            var lesson = await db.Lessons.FindAsync([lessonId], c);
            if (lesson is null) return JournalErrors.NotFound("Урок");
            if (cells.Any(i => i.LessonId != lessonId || i.Column != MarkColumn.Current))
                throw new ArgumentException("A roll call writes the lesson's own cells.", nameof(cells));

            IReadOnlyList<CellChange> changes = [];
            if (cells.Count > 0)
            {
                var written = await SetCellsCoreAsync(actor, cells, notify: true, NewUnit(batchId), c);
                if (!written.IsSuccess)
                {
                    db.ChangeTracker.Clear();
                    return written;
                }

                changes = written.Value!;
            }
            else
            {
                var loaded = await LoadPageAsync(lesson.ClassId, lesson.SubjectId, lesson.GroupId, c);
                if (!loaded.IsSuccess) return loaded.Error!;
                var allowed = await AuthorizeAsync(actor, loaded.Value!, null, c);
                if (!allowed.IsSuccess && !await SubstitutesAsync(actor, lesson.ClassId, lesson.SubjectId, lesson.GroupId, lesson.Date, lesson.Slot, c))
                    return allowed.Error!;
            }

            lesson.TakeRollCall(UtcNow);
            await db.SaveChangesAsync(c);
            return Result<IReadOnlyList<CellChange>>.Ok(changes);
        }, ct);
}
