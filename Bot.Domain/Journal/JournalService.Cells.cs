using Bot.Domain.Attendance;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Journal;

/// <summary>
/// One cell of the left-hand page: a student's mark or absence on a lesson (<see cref="LessonId"/>), or a mark of a
/// dateless column (M-3) placed at <see cref="Date"/>. <see cref="Text"/> is what the teacher typed.
/// </summary>
public sealed record CellInput(
    Guid StudentId,
    Guid ClassId,
    Guid SubjectId,
    MarkColumn Column,
    string? Text,
    Guid? LessonId = null,
    Guid? GroupId = null,
    DateOnly? Date = null,
    string? WorkKind = null,
    string? Reason = null);

public enum CellOutcome
{
    Unchanged,
    Created,
    Changed,
    Cleared,
}

/// <summary>What a cell write did: the mark or absence now in the cell (or none) and what was there before.</summary>
public sealed record CellChange(CellOutcome Outcome, string? OldValue, string? NewValue, Mark? Mark, Absence? Absence);

public sealed partial class JournalService
{
    /// <summary>
    /// Writes a cell: parses the teacher's text for the grade's scale (M-1, M-3, M-11), checks J-7, M-2, the
    /// correction rules (M-5, M-7, M-8, M-10), the student's enrolment and group (J-4, J-5) and the actor's rights;
    /// then saves the cell, its audit record and the alerts to guardians (held for the undo window) together.
    /// </summary>
    public Task<Result<CellChange>> SetCellAsync(Actor actor, CellInput input, CancellationToken ct = default) =>
        db.WriteAsync(c => SetCellCoreAsync(actor, input, c), ct);

    private async Task<Result<CellChange>> SetCellCoreAsync(Actor actor, CellInput input, CancellationToken ct)
    {
        Lesson? lesson = null;
        if (input.Column == MarkColumn.Current)
        {
            if (input.LessonId is not { } lessonId) return JournalErrors.NotFound("Урок");
            lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == lessonId && l.ClassId == input.ClassId && l.SubjectId == input.SubjectId, ct);
            if (lesson is null) return JournalErrors.NotFound("Урок");
        }

        var loaded = await LoadPageAsync(input.ClassId, input.SubjectId, lesson?.GroupId ?? input.GroupId, ct);
        if (!loaded.IsSuccess) return loaded.Error!;
        var page = loaded.Value!;
        var date = lesson?.Date ?? input.Date ?? DefaultDate(page, input.Column);

        var open = page.Year.EnsureOpen();
        if (!open.IsSuccess) return open.Error!;

        var student = await db.Students.FirstOrDefaultAsync(s => s.Id == input.StudentId && s.SchoolId == page.School.Id, ct);
        if (student is null) return JournalErrors.NotFound("Учня");
        var placement = await CheckPlacementAsync(page, student, date, input.Column, ct);
        if (!placement.IsSuccess) return placement.Error!;

        var parsed = CellParser.Parse(input.Text, page.Class.Grade, input.Column, page.Subject.Traits, student.StudyMode == StudyMode.Individual);
        if (!parsed.IsSuccess) return parsed.Error!;
        var value = parsed.Value!;

        var slot = Mark.SlotOf(input.Column, date, lesson?.Id);
        var mark = await db.Marks.FirstOrDefaultAsync(m => m.StudentId == student.Id && m.SubjectId == page.Subject.Id
            && m.SchoolYearId == page.Year.Id && m.Slot == slot, ct);
        var absence = lesson is null ? null : await db.Absences.FirstOrDefaultAsync(a => a.LessonId == lesson.Id && a.StudentId == student.Id, ct);
        var oldText = mark?.Value.Text ?? (absence is null ? null : AbsenceKinds.Text(absence.Kind));
        var newText = value switch
        {
            MarkCell m => m.Value.Text,
            AbsenceCell a => AbsenceKinds.Text(a.Kind),
            _ => null,
        };
        if (oldText == newText) return new CellChange(CellOutcome.Unchanged, oldText, newText, mark, absence);

        var rules = await CheckColumnRulesAsync(page, student.Id, input.Column, value, IsAuthorsFreshEntry(actor, page, mark, absence) ? null : mark, ct);
        if (!rules.IsSuccess) return rules.Error!;
        var rights = await AuthorizeCellAsync(actor, page, input, lesson, mark, absence, value, ct);
        if (!rights.IsSuccess) return rights.Error!;

        var now = UtcNow;
        var author = actor.StaffId ?? Guid.Empty;
        var context = $"{page.ClassTitle} · {page.PageTitle} · {student.FullName} · " +
            (lesson is null ? $"{MarkColumns.Title(input.Column)} ({date:dd.MM.yyyy})" : $"{date:dd.MM.yyyy}, урок {lesson.Slot}");

        // One cell holds one thing: a mark replaces an absence and the other way round.
        if (absence is not null && value is not AbsenceCell)
        {
            db.Absences.Remove(absence);
            await _outbox.CancelPendingAsync(absence.Id, ct);
            Audit(page, actor, nameof(Absence), absence.Id, AuditAction.Deleted, AbsenceKinds.Text(absence.Kind), null, input.Reason, context);
        }

        if (mark is not null && value is not MarkCell)
        {
            db.Marks.Remove(mark);
            await _outbox.CancelPendingAsync(mark.Id, ct);
            Audit(page, actor, nameof(Mark), mark.Id, AuditAction.Deleted, mark.Value.Text, null, input.Reason, context);
        }

        var notBefore = now + page.UndoWindow(settings);
        switch (value)
        {
            case MarkCell m:
                var created = mark is null;
                if (created)
                {
                    mark = new Mark(page.School.Id, page.Year.Id, student.Id, page.Class.Id, page.Subject.Id, page.Group?.Id,
                        input.Column, date, lesson?.Id, m.Value, input.WorkKind, author, now);
                    db.Marks.Add(mark);
                }
                else
                {
                    mark!.Change(m.Value, input.WorkKind, author, now);
                    await _outbox.CancelPendingAsync(mark.Id, ct);
                }

                Audit(page, actor, nameof(Mark), mark.Id, created ? AuditAction.Created : AuditAction.Changed,
                    created ? null : oldText, m.Value.Text, input.Reason, context);
                await _outbox.ToGuardiansAsync(page.School.Id, [student.Id], NotificationKind.MarkAlert, mark.Id, now.Ticks.ToString(),
                    new { markId = mark.Id, studentId = student.Id, subject = page.PageTitle, column = MarkColumns.Title(input.Column), value = m.Value.Text, date },
                    now, notBefore, ct);
                break;
            case AbsenceCell a:
                var isNew = absence is null;
                if (isNew)
                {
                    absence = new Absence(page.School.Id, lesson!.Id, student.Id, page.Class.Id, page.Subject.Id, date, a.Kind, author, now);
                    db.Absences.Add(absence);
                }
                else
                {
                    absence!.Change(a.Kind, author, now);
                    await _outbox.CancelPendingAsync(absence.Id, ct);
                }

                Audit(page, actor, nameof(Absence), absence.Id, isNew ? AuditAction.Created : AuditAction.Changed,
                    isNew ? null : oldText, AbsenceKinds.Text(a.Kind), input.Reason, context);
                await _outbox.ToGuardiansAsync(page.School.Id, [student.Id], NotificationKind.AbsenceAlert, absence.Id, now.Ticks.ToString(),
                    new { absenceId = absence.Id, studentId = student.Id, subject = page.PageTitle, kind = AbsenceKinds.Text(a.Kind), date, slot = lesson!.Slot },
                    now, notBefore, ct);
                break;
        }

        await db.SaveChangesAsync(ct);
        var outcome = newText is null ? CellOutcome.Cleared : oldText is null ? CellOutcome.Created : CellOutcome.Changed;
        return new CellChange(outcome, oldText, newText, value is MarkCell ? mark : null, value is AbsenceCell ? absence : null);
    }

    private static DateOnly DefaultDate(Page page, MarkColumn column) => column switch
    {
        MarkColumn.Semester1 or MarkColumn.Corrected1 => page.Year.Semester1End,
        MarkColumn.Semester2 or MarkColumn.Corrected2 or MarkColumn.Annual or MarkColumn.Dpa or MarkColumn.Appeal => page.Year.Semester2End,
        _ => page.Today,
    };

    /// <summary>J-4: the student is in the class on that date (any time in the year for final marks); J-5: in the group.</summary>
    private async Task<Result<bool>> CheckPlacementAsync(Page page, Student student, DateOnly date, MarkColumn column, CancellationToken ct)
    {
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.StudentId == student.Id && e.ClassId == page.Class.Id).ToListAsync(ct);
        var inClass = MarkColumns.IsFinal(column) ? enrolments.Count > 0 : enrolments.Any(e => e.IsActiveOn(date));
        if (!inClass) return JournalErrors.StudentNotInClass(student.FullName, page.ClassTitle);
        if (page.Group is { } g && g.Members.All(m => m.StudentId != student.Id)) return JournalErrors.StudentNotInGroup(student.FullName, page.PageTitle);
        if (!MarkColumns.IsFinal(column) && date > page.Today) return JournalErrors.FutureDate(date);
        return true;
    }

    /// <summary>
    /// Rights on a cell: the page's teacher writes; a typing error is theirs to fix within the undo window; after it,
    /// and for lessons more than 10 days back (M-2), only a deputy or administrator, with a reason. The class teacher
    /// turns "н" into "хв" and back. An annual mark is never changed (M-8).
    /// </summary>
    private async Task<Result<bool>> AuthorizeCellAsync(Actor actor, Page page, CellInput input, Lesson? lesson, Mark? mark, Absence? absence,
        CellValue value, CancellationToken ct)
    {
        if (actor.IsSystem) return true;
        var existing = (CreatedBy: mark?.CreatedById ?? absence?.CreatedById, CreatedAt: mark?.CreatedAtUtc ?? absence?.CreatedAtUtc);
        var withinUndo = IsAuthorsFreshEntry(actor, page, mark, absence);

        if (mark is { Column: MarkColumn.Annual } && !withinUndo) return JournalErrors.AnnualNotCorrected;

        var isClassTeacher = actor.Is(StaffRoles.ClassTeacher) && page.Class.ClassTeacherId == actor.StaffId;
        if (isClassTeacher && absence is not null && value is AbsenceCell) return true;

        var corrector = actor.Roles.CanCorrectAnyJournal();
        var hasReason = !string.IsNullOrWhiteSpace(input.Reason);
        var teaches = await TeachesAsync(actor, page, ct);
        if (!teaches)
        {
            if (!corrector) return absence is not null && value is AbsenceCell ? JournalErrors.ExcuseOnlyClassTeacher : JournalErrors.NotYourLesson;
            return hasReason ? true : JournalErrors.ReasonRequired;
        }

        var late = lesson is not null && lesson.Date < page.Today.AddDays(-settings.LateMarkDays);
        var lockedChange = existing.CreatedAt is not null && !withinUndo;
        if (late || lockedChange)
        {
            if (corrector && hasReason) return true;
            if (corrector) return JournalErrors.ReasonRequired;
            if (lockedChange && absence is not null && value is AbsenceCell) return JournalErrors.ExcuseOnlyClassTeacher;
            return late && !lockedChange ? JournalErrors.LateMark(settings.LateMarkDays) : JournalErrors.TooLateToChange(page.UndoWindow(settings));
        }

        return true;
    }

    /// <summary>The actor's own entry, made within the undo window: a typing error they may still fix.</summary>
    private bool IsAuthorsFreshEntry(Actor actor, Page page, Mark? mark, Absence? absence)
    {
        var (by, at) = (mark?.CreatedById ?? absence?.CreatedById, mark?.CreatedAtUtc ?? absence?.CreatedAtUtc);
        return at is { } t && by == actor.StaffId && actor.StaffId is not null && UtcNow - t <= page.UndoWindow(settings);
    }

    /// <summary>
    /// M-7 (one correction, only upwards, within its window), M-10 (appeal after ДПА). <paramref name="existing"/> is
    /// null when the author is still fixing their own fresh entry.
    /// </summary>
    private async Task<Result<bool>> CheckColumnRulesAsync(Page page, Guid studentId, MarkColumn column, CellValue value, Mark? existing, CancellationToken ct)
    {
        if (value is not MarkCell cell) return true;
        switch (column)
        {
            case MarkColumn.Corrected1 or MarkColumn.Corrected2:
            {
                if (existing is not null) return JournalErrors.SecondCorrection;
                var semesterColumn = column == MarkColumn.Corrected1 ? MarkColumn.Semester1 : MarkColumn.Semester2;
                var semester = await FinalMarkAsync(page, studentId, semesterColumn, ct);
                if (semester is null) return JournalErrors.CorrectionWithoutSemester;
                var windowOpen = column == MarkColumn.Corrected1 ? page.Today < page.Year.Semester2Start : page.Today <= page.Year.Corrected2Deadline;
                if (!windowOpen) return JournalErrors.CorrectionWindowClosed(column);
                if (!(cell.Value.Numeric > semester.Value.Numeric)) return JournalErrors.CorrectionNotHigher;
                return true;
            }
            case MarkColumn.Appeal:
                return await FinalMarkAsync(page, studentId, MarkColumn.Dpa, ct) is null ? JournalErrors.AppealWithoutDpa : true;
            default:
                return true;
        }
    }

    private Task<Mark?> FinalMarkAsync(Page page, Guid studentId, MarkColumn column, CancellationToken ct)
    {
        var slot = Mark.SlotOf(column, default, null);
        return db.Marks.AsNoTracking().FirstOrDefaultAsync(m => m.StudentId == studentId && m.SubjectId == page.Subject.Id
            && m.SchoolYearId == page.Year.Id && m.Slot == slot, ct);
    }
}
