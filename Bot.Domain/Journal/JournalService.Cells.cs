using Bot.Domain.Attendance;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Journal;

/// <summary>
/// One cell of the left-hand page: a student's mark or absence on a lesson (<see cref="LessonId"/>), or a mark of a
/// dateless column (M-3) placed at <see cref="Date"/>. <see cref="Text"/> is what the teacher typed. A group-of-outcomes
/// mark (<see cref="MarkColumn.ResultGroup1"/>, N-7) names its group in <see cref="ResultGroupId"/>. <see cref="SourceNote"/>: where a
/// converted period mark comes from (results earned abroad, N-12); the write sets it (null clears it).
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
    string? Reason = null,
    Guid? ResultGroupId = null,
    string? SourceNote = null);

public enum CellOutcome
{
    Unchanged,
    Created,
    Changed,
    Cleared,
}

/// <summary>What a cell write did: the mark or absence now in the cell (or none) and what was there before.</summary>
public sealed record CellChange(Guid StudentId, CellOutcome Outcome, string? OldValue, string? NewValue, Mark? Mark, Absence? Absence);

public sealed partial class JournalService
{
    /// <summary>
    /// Writes a cell: parses the teacher's text for the grade's scale (M-1, M-3, M-11), checks J-7, M-2, the
    /// correction rules (M-5, M-7, M-8, M-10), the student's enrolment and group (J-4, J-5) and the actor's rights;
    /// then saves the cell, its audit record and the alerts to guardians (held for the undo window) together.
    /// </summary>
    /// <param name="batchId">The write unit the cell joins (the lesson flow passes one per step); a new one when null.</param>
    public async Task<Result<CellChange>> SetCellAsync(Actor actor, CellInput input, CancellationToken ct = default, Guid? batchId = null)
    {
        var result = await SetCellsAsync(actor, [input], notify: true, ct, batchId);
        return result.IsSuccess ? result.Value![0] : result.Error;
    }

    /// <summary>
    /// Writes several students' cells of one column of one page (one lesson, or one dateless column at one date) —
    /// all or nothing: one refused cell refuses the batch and nothing is saved. The number of queries does not grow
    /// with the number of students. <paramref name="notify"/> = false writes no alerts (seeding history).
    /// Every audit record of the call belongs to one write unit (<paramref name="batchId"/>, or a new one): what
    /// <see cref="UndoBatchAsync"/> takes back whole. A caller that makes one unit of several calls (a command that also
    /// creates its lesson) passes the same id to each.
    /// </summary>
    public Task<Result<IReadOnlyList<CellChange>>> SetCellsAsync(Actor actor, IReadOnlyList<CellInput> inputs, bool notify = true, CancellationToken ct = default,
        Guid? batchId = null) =>
        db.WriteAsync(async c =>
        {
            var result = await SetCellsCoreAsync(actor, inputs, notify, NewUnit(batchId), c);
            if (!result.IsSuccess)
            {
                db.ChangeTracker.Clear();
                return result;
            }

            await db.SaveChangesAsync(c);
            return result;
        }, ct);

    /// <summary>The rows a batch of cells reads, loaded in a fixed number of queries.</summary>
    private sealed record CellBatch(
        Page Page,
        Lesson? Lesson,
        DateOnly Date,
        string Slot,
        Dictionary<Guid, Student> Students,
        ILookup<Guid, Enrolment> Enrolments,
        Dictionary<Guid, Mark> Marks,
        Dictionary<Guid, Absence> Absences,
        bool Teaches,
        ResultGroup? Outcomes = null,
        ILookup<Guid, MarkValue>? OutcomeMarks = null,
        ILookup<Guid, MarkColumn>? SemesterMarks = null)
    {
        /// <summary>The parents' reports excused for this lesson's day (ADR 0039), by student: a new "н" for them is saved as "хв".</summary>
        public Dictionary<Guid, Attendance.AbsenceNotice> Excused { get; init; } = [];
    }

    private async Task<Result<IReadOnlyList<CellChange>>> SetCellsCoreAsync(Actor actor, IReadOnlyList<CellInput> inputs, bool notify, WriteUnit unit,
        CancellationToken ct)
    {
        if (inputs.Count == 0) return Array.Empty<CellChange>();
        var first = inputs[0];
        if (inputs.Any(i => i.ClassId != first.ClassId || i.SubjectId != first.SubjectId || i.Column != first.Column
                || i.LessonId != first.LessonId || i.GroupId != first.GroupId || i.Date != first.Date || i.ResultGroupId != first.ResultGroupId))
            throw new ArgumentException("A batch holds cells of one column of one page.", nameof(inputs));
        var twice = inputs.GroupBy(i => i.StudentId).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) return new DomainError("cell.duplicate_student", "Одного учня вказано двічі: залиште одну оцінку.");

        var loaded = await LoadCellBatchAsync(actor, first, inputs.Select(i => i.StudentId).ToList(), ct);
        if (!loaded.IsSuccess) return loaded.Error;
        var batch = loaded.Value!;
        // M-6, M-7, M-8 (ADR 0033): a period column is written only in its window; an undo puts back what its unit found.
        if (!unit.Restoring && PeriodMarkWindows.Refusal(first.Column, batch.Page.Year, batch.Page.School.PeriodMarkDays, batch.Page.Today) is { } closed)
            return JournalErrors.PeriodWindowClosed(closed);

        var changes = new List<CellChange>(inputs.Count);
        var touched = new List<(Guid Student, Guid Source, MarkAlertPayload Payload)>();
        var absentDays = new List<(Guid StudentId, DateOnly Date)>();
        foreach (var input in inputs)
        {
            var applied = await ApplyCellAsync(actor, batch, input, unit, ct);
            if (!applied.IsSuccess)
            {
                var name = batch.Students.TryGetValue(input.StudentId, out var s) ? s.FullName : null;
                return inputs.Count > 1 && name is not null && !applied.Error.Message.StartsWith(name, StringComparison.Ordinal)
                    ? applied.Error with { Message = $"{name}: {applied.Error.Message}" }
                    : applied.Error;
            }

            var change = applied.Value!;
            changes.Add(change);
            // A group-of-outcomes mark sends no alert of its own: parents hear of the semester mark it leads to (ADR 0032).
            if (change.Mark is { } m && change.Outcome != CellOutcome.Unchanged && !MarkColumns.IsResultGroup(m.Column))
                touched.Add((input.StudentId, m.Id,
                    new MarkAlertPayload(m.Id, input.StudentId, batch.Page.PageTitle, MarkColumns.Title(m.Column), m.Value.Text, m.Date)));
            if (change.Absence is { } a && change.Outcome != CellOutcome.Unchanged) absentDays.Add((input.StudentId, a.Date));
        }

        if (notify && (touched.Count > 0 || absentDays.Count > 0))
        {
            var now = unit.AtUtc;
            var notBefore = now + batch.Page.UndoWindow(settings);
            foreach (var t in touched)
                // Keyed by the unit: an undo that puts a mark back within the same clock tick still alerts it anew.
                await _outbox.ToGuardiansAsync(batch.Page.School.Id, [t.Student], t.Source, unit.BatchId.ToString("N"), t.Payload, now, notBefore, ct);
            // Students with a chat of their own get their marks too, when the school's rules allow it for their grade (ADR 0035).
            await _outbox.ToStudentsAsync(batch.Page.School.Id, touched.Select(t => (t.Student, t.Source, (OutboxPayload)t.Payload)).ToList(), unit.BatchId.ToString("N"), now, notBefore, ct);
            // One absence alert per student per day (its text is the day's absences when it goes).
            await _outbox.AbsenceAlertsAsync(batch.Page.School.Id, absentDays, now, notBefore, ct);
        }

        return changes;
    }

    private async Task<Result<CellBatch>> LoadCellBatchAsync(Actor actor, CellInput first, List<Guid> studentIds, CancellationToken ct)
    {
        Lesson? lesson = null;
        if (first.Column == MarkColumn.Current)
        {
            if (first.LessonId is not { } lessonId) return JournalErrors.NotFound("Урок");
            lesson = await db.Lessons.FindAsync([lessonId], ct);
            if (lesson is null || lesson.ClassId != first.ClassId || lesson.SubjectId != first.SubjectId) return JournalErrors.NotFound("Урок");
        }

        var loaded = await LoadPageAsync(first.ClassId, first.SubjectId, lesson?.GroupId ?? first.GroupId, ct);
        if (!loaded.IsSuccess) return loaded.Error;
        var page = loaded.Value!;
        var open = page.Year.EnsureOpen();
        if (!open.IsSuccess) return open.Error;

        var nus = await CheckNusColumnAsync(page, first, ct);
        if (!nus.IsSuccess) return nus.Error;
        var outcomes = nus.Value;
        var date = lesson?.Date ?? (outcomes is not null ? null : first.Date) ?? DefaultDate(page, first.Column);
        var slot = Mark.SlotOf(first.Column, date, lesson?.Id, outcomes?.Id);
        // By key only, the school checked here: with the school in the WHERE clause SQLite walks the school's index (every
        // student of the school) instead of looking up the few ids (docs/benchmarks.md, the webhook benchmark).
        var students = (await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id)).ToListAsync(ct))
            .Where(s => s.SchoolId == page.School.Id).ToDictionary(s => s.Id);
        var enrolments = (await db.Enrolments.AsNoTracking().Where(e => studentIds.Contains(e.StudentId) && e.ClassId == page.Class.Id).ToListAsync(ct))
            .ToLookup(e => e.StudentId);
        var marks = await db.Marks.Where(m => studentIds.Contains(m.StudentId) && m.SubjectId == page.Subject.Id && m.SchoolYearId == page.Year.Id && m.Slot == slot)
            .ToDictionaryAsync(m => m.StudentId, ct);
        var absences = lesson is null
            ? []
            : await db.Absences.Where(a => a.LessonId == lesson.Id && studentIds.Contains(a.StudentId)).ToDictionaryAsync(a => a.StudentId, ct);
        var teaches = await TeachesAsync(actor, page, ct)
            || (lesson is not null && await SubstitutesAsync(actor, lesson.ClassId, lesson.SubjectId, lesson.GroupId, lesson.Date, lesson.Slot, ct));
        var outcomeMarks = first.Column is MarkColumn.Semester1 or MarkColumn.Semester2 && page.Class.AssessedByResultGroups
            ? await ResultGroupMarksAsync(page, studentIds, first.Column == MarkColumn.Semester1 ? 1 : 2, ct)
            : null;
        var semesterMarks = first.Column == MarkColumn.Annual && GradeScales.HasSemesterResults(page.Class.Grade)
            ? await SemesterMarksAsync(page, studentIds, ct)
            : null;
        var excused = lesson is null
            ? []
            : (await db.AbsenceNotices.AsNoTracking().Where(n => studentIds.Contains(n.StudentId) && n.Date == lesson.Date && n.ExcusedAtUtc != null).ToListAsync(ct))
                .DistinctBy(n => n.StudentId).ToDictionary(n => n.StudentId);
        return new CellBatch(page, lesson, date, slot, students, enrolments, marks, absences, teaches, outcomes, outcomeMarks, semesterMarks) { Excused = excused };
    }

    /// <summary>
    /// N-7: a group-of-outcomes mark goes to a group of this subject and year, in an НУШ class only; N-9: "Тематична" in an
    /// НУШ class only while the school keeps it. The group, for a group-of-outcomes column.
    /// </summary>
    private async Task<Result<ResultGroup?>> CheckNusColumnAsync(Page page, CellInput first, CancellationToken ct)
    {
        if (first.Column == MarkColumn.Thematic && page.Class.AssessedByResultGroups && !page.School.NusThematic)
            return JournalErrors.NusWithoutThematic(page.ClassTitle);
        if (!MarkColumns.IsResultGroup(first.Column)) return (ResultGroup?)null;
        if (!page.Class.AssessedByResultGroups) return JournalErrors.ResultGroupNotNus(page.ClassTitle);
        var outcomes = first.ResultGroupId is { } id ? await db.ResultGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct) : null;
        if (outcomes is null || outcomes.SchoolId != page.School.Id || outcomes.SubjectId != page.Subject.Id || outcomes.SchoolYearId != page.Year.Id)
            return JournalErrors.NotFound("Групу результатів");
        return outcomes;
    }

    /// <summary>The students' marks of the semester's groups of outcomes in the page's subject (the semester mark's proposal, N-7).</summary>
    private async Task<ILookup<Guid, MarkValue>> ResultGroupMarksAsync(Page page, List<Guid> studentIds, int semester, CancellationToken ct)
    {
        var column = MarkColumns.ResultGroupOf(semester);
        return (await db.Marks.AsNoTracking()
                .Where(m => studentIds.Contains(m.StudentId) && m.SubjectId == page.Subject.Id && m.SchoolYearId == page.Year.Id && m.Column == column)
                .Select(m => new { m.StudentId, m.Value }).ToListAsync(ct))
            .ToLookup(m => m.StudentId, m => m.Value);
    }

    /// <summary>Which semester marks (any value, "н/а" included) the students have in the page's subject: what an annual mark needs (M-8).</summary>
    private async Task<ILookup<Guid, MarkColumn>> SemesterMarksAsync(Page page, List<Guid> studentIds, CancellationToken ct) =>
        (await db.Marks.AsNoTracking()
            .Where(m => studentIds.Contains(m.StudentId) && m.SubjectId == page.Subject.Id && m.SchoolYearId == page.Year.Id
                && (m.Column == MarkColumn.Semester1 || m.Column == MarkColumn.Semester2))
            .Select(m => new { m.StudentId, m.Column }).ToListAsync(ct))
        .ToLookup(m => m.StudentId, m => m.Column);

    /// <summary>
    /// M-8: an annual mark in grades 5–11 comes from both semester marks (or "н/а"); in grades 1–4 there are no semester
    /// marks (M-1), so it needs none. The semesters still without a mark, when any.
    /// </summary>
    private static DomainError? AnnualPrerequisites(CellBatch batch, Student student)
    {
        if (batch.SemesterMarks is not { } lookup) return null;
        var has = lookup[student.Id].ToHashSet();
        // N-12: a student who arrived displaced without semester I's records gets the annual mark from semester II alone.
        if (student.AnnualFromSemester2In(batch.Page.Year.StartsOn, batch.Page.Year.EndsOn))
            return has.Contains(MarkColumn.Semester2) ? null : JournalErrors.AnnualWithoutSemester2(AnnualFromSemester2Words(student));
        var missing = new[] { (1, MarkColumn.Semester1), (2, MarkColumn.Semester2) }.Where(s => !has.Contains(s.Item2)).Select(s => s.Item1).ToList();
        return missing.Count == 0 ? null : JournalErrors.AnnualWithoutSemesters(missing);
    }

    /// <summary>"прибув(ла) внутрішньо переміщеним з 15.01.2027: довідка …": how the refusal and the audit name the N-12 mark.</summary>
    internal static string AnnualFromSemester2Words(Student student) =>
        $"позначка адміністрації від {student.AnnualFromSemester2Since:dd.MM.yyyy}" + (student.AnnualFromSemester2Note is { } n ? $": {n}" : "");

    /// <summary>
    /// N-7: a semester mark in an НУШ class set where the groups of outcomes propose one: whether the teacher took the
    /// proposal (the rounded mean) or another mark — recorded with the audit record's reason.
    /// </summary>
    private static string? ProposalNote(CellBatch batch, Guid studentId, CellValue value)
    {
        if (batch.OutcomeMarks is null || value is not MarkCell { Value: { IsNumeric: true } set }) return null;
        var proposal = MarkSuggestions.SuggestFromResultGroups(batch.OutcomeMarks[studentId].ToList());
        if (proposal.Value is not { IsNumeric: true } proposed) return null;
        return proposed.Points == set.Points
            ? $"{MarkSuggestions.AcceptedResultGroupMean}: {proposed.Text}"
            : $"{MarkSuggestions.OverriddenResultGroupMean}: запропоновано {proposed.Text}, поставлено {set.Text}";
    }

    private async Task<Result<CellChange>> ApplyCellAsync(Actor actor, CellBatch batch, CellInput input, WriteUnit unit, CancellationToken ct)
    {
        var page = batch.Page;
        if (!batch.Students.TryGetValue(input.StudentId, out var student)) return JournalErrors.NotFound("Учня");
        var placement = CheckPlacement(page, student, batch.Enrolments[student.Id], batch.Date, input.Column);
        if (!placement.IsSuccess) return placement.Error;

        var parsed = CellParser.Parse(input.Text, page.Class.Grade, input.Column, page.Subject.Traits, student.StudyMode == StudyMode.Individual,
            page.Year.CreditsPeriodMarks(page.Class.Grade));
        if (!parsed.IsSuccess) return parsed.Error;
        var value = parsed.Value!;
        var sourceNote = string.IsNullOrWhiteSpace(input.SourceNote) ? null : input.SourceNote.Trim();
        if (sourceNote is not null && !unit.Restoring && SourceNoteRefusal(actor, input.Column, value, sourceNote) is { } noteRefused) return noteRefused;
        // A-1 by a parent's report the class teacher excused (ADR 0039): a new "н" on that day is "хв". An undo puts back what was.
        string? excusedNote = null;
        if (!unit.Restoring && value is AbsenceCell { Kind: AbsenceKind.Absent } && !batch.Absences.ContainsKey(student.Id)
            && batch.Excused.GetValueOrDefault(student.Id) is { } excused)
        {
            value = new AbsenceCell(AbsenceKind.Ill);
            excusedNote = $"Введено «н», записано «хв»: поважну причину підтверджено ({excused.ExcusedBy}, {excused.ExcusedAtUtc:dd.MM.yyyy}) " +
                $"за повідомленням батьків ({excused.ReportedBy}: «{excused.Reason}»)";
        }

        var mark = batch.Marks.GetValueOrDefault(student.Id);
        var absence = batch.Absences.GetValueOrDefault(student.Id);
        var oldText = mark?.Value.Text ?? (absence is null ? null : AbsenceKinds.Text(absence.Kind));
        var newText = value switch
        {
            MarkCell m => m.Value.Text,
            AbsenceCell a => AbsenceKinds.Text(a.Kind),
            _ => null,
        };
        var noteChanged = value is MarkCell && mark is not null && mark.SourceNote != sourceNote;
        if (oldText == newText && !noteChanged) return new CellChange(student.Id, CellOutcome.Unchanged, oldText, newText, mark, absence);

        // An undo puts back what its unit found; it was checked as the author's own unit within its window (UndoBatchAsync).
        if (!unit.Restoring)
        {
            // No silent loss: "н" does not wipe out a mark of the lesson. One cell holds one thing, so the mark is corrected
            // first, or replaced on purpose with a reason (recorded; an undo brings the mark back).
            if (value is AbsenceCell && mark is not null && string.IsNullOrWhiteSpace(input.Reason))
                return JournalErrors.AbsenceOverMark(student.FullName, mark.Value.Text);
            if (value is MarkCell && input.Column == MarkColumn.Annual && AnnualPrerequisites(batch, student) is { } missing) return missing;
            var fresh = IsAuthorsFreshEntry(actor, page, mark, absence);
            var rules = await CheckColumnRulesAsync(page, student.Id, input.Column, value, fresh ? null : mark, ct);
            if (!rules.IsSuccess) return rules.Error;
            var rights = AuthorizeCell(actor, batch, input, mark, absence, value, fresh, oldText);
            if (!rights.IsSuccess) return rights.Error;
        }

        var now = unit.AtUtc;
        var author = actor.StaffId ?? Guid.Empty;
        var context = $"{page.ClassTitle} · {page.PageTitle} · {student.FullName} · " +
            (batch.Lesson is not null ? $"{batch.Date:dd.MM.yyyy}, урок {batch.Lesson.Slot}"
                : batch.Outcomes is { } rg ? $"{rg.Code}, {(input.Column == MarkColumn.ResultGroup1 ? "І" : "ІІ")} семестр ({rg.Title})"
                : $"{MarkColumns.Title(input.Column)} ({batch.Date:dd.MM.yyyy})");
        if (ProposalNote(batch, student.Id, value) is { } note)
            input = input with { Reason = string.IsNullOrWhiteSpace(input.Reason) ? note : $"{input.Reason.Trim()}; {note}" };
        if (excusedNote is not null)
            input = input with { Reason = string.IsNullOrWhiteSpace(input.Reason) ? excusedNote : $"{input.Reason.Trim()}; {excusedNote}" };
        // The audit says which martial-law variant a mark is (N-12, N-12, N-12).
        if (MartialLawNote(batch, student, input.Column, value, sourceNote, mark) is { } martial)
            input = input with { Reason = string.IsNullOrWhiteSpace(input.Reason) ? martial : $"{input.Reason.Trim()}; {martial}" };

        var (studentId, lessonId) = (student.Id, batch.Lesson?.Id);
        // One cell holds one thing: a mark replaces an absence (and, with a reason, "н" a mark). The replaced entry's record
        // says why it went: the reason given, or what replaced it.
        var replacedBecause = string.IsNullOrWhiteSpace(input.Reason) && newText is not null ? $"Замінено на «{newText}»" : input.Reason;
        if (absence is not null && value is not AbsenceCell)
        {
            db.Absences.Remove(absence);
            await _outbox.CancelPendingAsync(absence.Id, ct);
            Audit(page, actor, unit, nameof(Absence), absence.Id, AuditAction.Deleted, AbsenceKinds.Text(absence.Kind), null, replacedBecause, context, studentId, lessonId);
            absence = null;
        }

        if (mark is not null && value is not MarkCell)
        {
            db.Marks.Remove(mark);
            await _outbox.CancelPendingAsync(mark.Id, ct);
            Audit(page, actor, unit, nameof(Mark), mark.Id, AuditAction.Deleted, mark.Value.Text, null, replacedBecause, context, studentId, lessonId);
            mark = null;
        }

        switch (value)
        {
            case MarkCell m when mark is null:
                mark = new Mark(page.School.Id, page.Year.Id, student.Id, page.Class.Id, page.Subject.Id, page.Group?.Id,
                    input.Column, batch.Date, batch.Lesson?.Id, m.Value, input.WorkKind, author, now, batch.Outcomes?.Id);
                mark.SetSourceNote(sourceNote);
                db.Marks.Add(mark);
                Audit(page, actor, unit, nameof(Mark), mark.Id, AuditAction.Created, null, m.Value.Text, input.Reason, context, studentId, lessonId);
                break;
            case MarkCell m:
                mark.Change(m.Value, input.WorkKind, author, now);
                mark.SetSourceNote(sourceNote);
                await _outbox.CancelPendingAsync(mark.Id, ct);
                Audit(page, actor, unit, nameof(Mark), mark.Id, AuditAction.Changed, oldText, m.Value.Text, input.Reason, context, studentId, lessonId);
                break;
            case AbsenceCell a when absence is null:
                absence = new Absence(page.School.Id, batch.Lesson!.Id, student.Id, page.Class.Id, page.Subject.Id, batch.Date, a.Kind, author, now);
                db.Absences.Add(absence);
                Audit(page, actor, unit, nameof(Absence), absence.Id, AuditAction.Created, null, AbsenceKinds.Text(a.Kind), input.Reason, context, studentId, lessonId);
                break;
            case AbsenceCell a:
                absence.Change(a.Kind, author, now);
                await _outbox.CancelPendingAsync(absence.Id, ct);
                Audit(page, actor, unit, nameof(Absence), absence.Id, AuditAction.Changed, oldText, AbsenceKinds.Text(a.Kind), input.Reason, context, studentId, lessonId);
                break;
        }

        var outcome = newText is null ? CellOutcome.Cleared : oldText is null ? CellOutcome.Created : CellOutcome.Changed;
        return new CellChange(student.Id, outcome, oldText, newText, mark, absence);
    }

    /// <summary>
    /// N-12: a source note (results earned abroad, converted) goes with a period mark on the scale (points or a level), set by
    /// the administration (who may correct any journal); the refusal, or null.
    /// </summary>
    private static DomainError? SourceNoteRefusal(Actor actor, MarkColumn column, CellValue value, string note)
    {
        if (!MarkColumns.IsFinal(column) && !MarkColumns.IsResultGroup(column) || column is MarkColumn.Dpa or MarkColumn.Appeal)
            return JournalErrors.SourceNoteNotForColumn;
        if (value is not MarkCell { Value.Kind: MarkKind.Points or MarkKind.Level or MarkKind.Formed }) return JournalErrors.SourceNoteOnlyScaleMark;
        if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return JournalErrors.SourceNoteOnlyAdministration;
        return note.Length > Mark.MaxSourceNoteLength ? JournalErrors.SourceNoteTooLong(Mark.MaxSourceNoteLength) : null;
    }

    /// <summary>What the audit record adds for a martial-law variant: the council's decision, the displaced student's mark, the source.</summary>
    private static string? MartialLawNote(CellBatch batch, Student student, MarkColumn column, CellValue value, string? sourceNote, Mark? mark)
    {
        var notes = new List<string>();
        if (value is MarkCell { Value.Kind: MarkKind.Credited or MarkKind.NotCredited } && CellRules.IsCouncilCreditColumn(column)
            && batch.Page.Year.CreditsPeriodMarks(batch.Page.Class.Grade))
            notes.Add($"«зараховано / не зараховано» за {batch.Page.Year.CreditDecisionTitle}");
        if (value is MarkCell && column == MarkColumn.Annual && batch.SemesterMarks is { } lookup && !lookup[student.Id].Contains(MarkColumn.Semester1)
            && student.AnnualFromSemester2In(batch.Page.Year.StartsOn, batch.Page.Year.EndsOn))
            notes.Add($"річна за ІІ семестр ({AnnualFromSemester2Words(student)})");
        if (sourceNote is not null) notes.Add($"джерело: {sourceNote}");
        else if (mark?.SourceNote is { } old && value is MarkCell) notes.Add($"примітку про джерело знято (було: {old})");
        return notes.Count == 0 ? null : string.Join("; ", notes);
    }

    private static DateOnly DefaultDate(Page page, MarkColumn column) => column switch
    {
        MarkColumn.Semester1 or MarkColumn.Corrected1 or MarkColumn.ResultGroup1 => page.Year.Semester1End,
        MarkColumn.Semester2 or MarkColumn.Corrected2 or MarkColumn.ResultGroup2 or MarkColumn.Annual or MarkColumn.Dpa or MarkColumn.Appeal => page.Year.Semester2End,
        _ => page.Today,
    };

    /// <summary>
    /// J-4: the student is in the class on that date (any time in the year for final marks); J-5: in the group that day
    /// (any time in the year for final marks); J-7: not ahead.
    /// </summary>
    private static Result<bool> CheckPlacement(Page page, Student student, IEnumerable<Enrolment> enrolments, DateOnly date, MarkColumn column)
    {
        // A group-of-outcomes mark is a semester's summative mark (N-7): placed like a semester mark.
        var final = MarkColumns.IsFinal(column) || MarkColumns.IsResultGroup(column);
        var inClass = final ? enrolments.Any() : enrolments.Any(e => e.IsActiveOn(date));
        if (!inClass) return JournalErrors.StudentNotInClass(student.FullName, page.ClassTitle);
        if (page.Group is { } g && !(final ? g.Members.Any(m => m.StudentId == student.Id) : g.HasMember(student.Id, date)))
            return JournalErrors.StudentNotInGroup(student.FullName, page.PageTitle);
        if (!final && date > page.Today) return JournalErrors.FutureDate(date);
        return true;
    }

    /// <summary>
    /// Rights on a cell: the page's teacher writes; a typing error is theirs to fix within the undo window; after it,
    /// and for lessons more than 10 days back (M-2), only a deputy or administrator, with a reason. The class teacher
    /// turns "н" into "хв" and back (A-1). An annual mark is never changed (M-8).
    /// </summary>
    private Result<bool> AuthorizeCell(Actor actor, CellBatch batch, CellInput input, Mark? mark, Absence? absence, CellValue value, bool fresh, string? oldText)
    {
        if (actor.IsSystem) return true;
        var page = batch.Page;
        if (mark is { Column: MarkColumn.Annual } && !fresh) return JournalErrors.AnnualNotCorrected;

        var flipsAbsence = absence is not null && value is AbsenceCell;
        var isClassTeacher = actor.Is(StaffRoles.ClassTeacher) && page.Class.ClassTeacherId == actor.StaffId;
        if (isClassTeacher && flipsAbsence) return true;

        var corrector = actor.Roles.CanCorrectAnyJournal();
        // A converted mark's source note (N-12) is the correction's reason in itself.
        var hasReason = !string.IsNullOrWhiteSpace(input.Reason) || !string.IsNullOrWhiteSpace(input.SourceNote);
        if (!batch.Teaches)
        {
            if (!corrector) return flipsAbsence ? JournalErrors.ExcuseOnlyClassTeacher : JournalErrors.NotYourLesson;
            return hasReason ? true : JournalErrors.ReasonRequired;
        }

        var late = batch.Lesson is not null && batch.Lesson.Date < page.Today.AddDays(-settings.LateMarkDays);
        var locked = (mark ?? (object?)absence) is not null && !fresh;
        if (!late && !locked) return true;
        if (corrector) return hasReason ? true : JournalErrors.ReasonRequired;
        if (locked && flipsAbsence) return JournalErrors.ExcuseOnlyClassTeacher;
        return late && !locked ? JournalErrors.LateMark(settings.LateMarkDays) : JournalErrors.TooLateToChange(oldText ?? "", page.UndoWindow(settings));
    }

    /// <summary>The actor's own entry, made within the undo window: a typing error they may still fix.</summary>
    private bool IsAuthorsFreshEntry(Actor actor, Page page, Mark? mark, Absence? absence)
    {
        var (by, at) = (mark?.CreatedById ?? absence?.CreatedById, mark?.CreatedAtUtc ?? absence?.CreatedAtUtc);
        return at is { } t && by == actor.StaffId && actor.StaffId is not null && UtcNow - t <= page.UndoWindow(settings);
    }

    /// <summary>
    /// M-7 (one correction, only upwards; its window is the batch's check), M-10 (appeal after ДПА). <paramref name="existing"/> is
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
                // Its window (the semester's, to the day before semester II or to 10 June) was checked for the batch (ADR 0033).
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
