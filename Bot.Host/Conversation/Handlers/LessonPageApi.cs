using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// The lesson page's reads and writes (ADR 0046): the same checks (<see cref="FlowLessonAsync"/>: the teacher's own or
/// substituted lesson of today), the same lists (<see cref="FlowViewAsync"/>) and the same journal calls as the lesson
/// flow in the chat, so a page entry is refused exactly as a press would be, in the same words. Each entry is one write
/// unit (ADR 0029): the roll call, a mark, the topic, the homework; «Скасувати» takes back the teacher's latest unit of
/// the lesson, as /undo does.
/// </summary>
public sealed partial class TeacherHandlers
{
    public sealed record PageStudent(Guid Id, string Name, string Label, string? Absence, string? Mark, string? Report);

    public sealed record PageLesson(Guid Id, string Title, string Date, int Slot, int Number, IReadOnlyList<PageKey> Keypad, bool HomeworkAllowed,
        bool RollCallTaken, string? Topic, string? Homework, IReadOnlyList<PageStudent> Students, bool CanUndo, PlannedTopic? Planned = null);

    /// <summary>A mark's key: what the journal records (<paramref name="Value"/>) and what the key shows.</summary>
    public sealed record PageKey(string Value, string Label);

    /// <summary>
    /// One entry of the page. <paramref name="Kind"/>: "rollcall" (<paramref name="Absent"/>: who is absent now), "mark"
    /// (<paramref name="Student"/>, <paramref name="Value"/>; <paramref name="Was"/>: what the page showed in the cell when the
    /// teacher tapped — an entry queued offline is refused if the cell changed meanwhile), "topic" and "homework"
    /// (<paramref name="Text"/>), "plan" (the plan's line <paramref name="Value"/> as the topic), "undo".
    /// </summary>
    public sealed record PageEntry(string Kind, Guid? Student = null, string? Value = null, string? Was = null, IReadOnlyList<Guid>? Absent = null, string? Text = null);

    /// <param name="Lesson">The lesson as the page shows it after the entry, when the write already had it at hand (a mark: the lesson read once a save).</param>
    public sealed record PageOutcome(bool Ok, string Message, bool Wrote = true, PageLesson? Lesson = null);

    public sealed record PageDayLesson(Guid EntryId, string Label);

    /// <summary>The lesson as the page shows it; a refusal in the flow's words when it is not the teacher's lesson of today.</summary>
    public async Task<(PageLesson? Lesson, string? Refusal)> PageLessonAsync(ChatContext ctx, Guid lessonId, CancellationToken ct)
    {
        var (_, lesson, refusal) = await FlowLessonAsync(ctx, lessonId, ct);
        if (lesson is null) return (null, PageWords(refusal!));
        return (await PageViewAsync(lesson, ct), null);
    }

    /// <summary>A lesson already checked (<see cref="FlowLessonAsync"/>) as the page shows it.</summary>
    private async Task<PageLesson> PageViewAsync(Lesson lesson, CancellationToken ct)
    {
        var view = await FlowViewAsync(lesson, MarkColumn.Current, ct);
        var window = await rules.UndoWindowAsync(lesson.SchoolId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var canUndo = (await FlowUnitsAsync(lesson, ct)).Any(u => now - u.AtUtc <= window);
        // The marks of the page's scale, then the special marks (M-11) the journal takes in the current column, by the chat's
        // own check (SpecialCodes): "зв" and "зар" in physical education. Grades 1–2 get no keypad at all (N-13).
        var plain = KeypadCodes(view.Grade, view.Traits);
        var codes = plain.Length == 0 ? plain : [.. plain, .. SpecialCodes(view, MarkColumn.Current)];
        var keys = codes.Select(c => ValueCodes.TryGetValue(c, out var v) ? new PageKey(v, v) : new PageKey(c, c)).ToList();
        return new PageLesson(lesson.Id, view.Title, lesson.Date.ToString("dd.MM.yyyy"), lesson.Slot, lesson.Number, keys, HomeworkAllowed(view),
            lesson.RollCallAtUtc is not null, lesson.Topic, lesson.HomeworkField,
            [.. view.Students.Select(s => new PageStudent(s.Id, s.FullName, s.Label, s.Absence, s.Mark, s.Report?.Reason))], canUndo,
            string.IsNullOrEmpty(lesson.Topic) ? await plans.NextAsync(lesson.ClassId, lesson.SubjectId, lesson.GroupId, ct) : null);
    }

    /// <summary>The teacher's lessons of today by the timetable, as the chat's list offers them.</summary>
    public async Task<IReadOnlyList<PageDayLesson>> PageTodayAsync(ChatContext ctx, CancellationToken ct)
    {
        var buttons = await TodayLessonButtonsAsync(ctx, null, ct);
        return [.. buttons.Select(b => (b, Parts: b.Data.Split('|'))).Where(x => x.Parts.Length == 2 && ButtonData.TryId(x.Parts[1], out _))
            .Select(x => { ButtonData.TryId(x.Parts[1], out var id); return new PageDayLesson(id, x.b.Label); })];
    }

    /// <summary>A lesson of today's timetable, found or created as the chat's list does when a lesson is pressed.</summary>
    public async Task<(Guid? LessonId, string? Refusal)> PageOpenEntryAsync(ChatContext ctx, Guid entryId, CancellationToken ct)
    {
        var entry = await db.Timetable.AsNoTracking().FirstOrDefaultAsync(t => t.Id == entryId, ct);
        if (entry is null || ctx.Persona.Staff.All(s => s.SchoolId != entry.SchoolId)) return (null, PageWords(NotYourLesson));
        ctx = ctx.ForSchool(entry.SchoolId);
        var groupId = entry.GroupId ?? ctx.Staff!.Assignments.FirstOrDefault(a => a.ClassId == entry.ClassId && a.SubjectId == entry.SubjectId)?.GroupId;
        var lesson = await roster.FindOrCreateLessonAsync(ctx, entry.ClassId, entry.SubjectId, groupId, ctx.Today, entry.LessonNumber, ct);
        if (!lesson.IsSuccess) return (null, lesson.Error.Message);
        var (_, checkedLesson, refusal) = await FlowLessonAsync(ctx, lesson.Value!.Id, ct);
        return checkedLesson is null ? (null, PageWords(refusal!)) : (checkedLesson.Id, null);
    }

    /// <summary>One entry of the page, written through the journal as the flow writes it; a refusal changes nothing.</summary>
    public async Task<PageOutcome> PageWriteAsync(ChatContext ctx, Guid lessonId, PageEntry entry, string? note, CancellationToken ct)
    {
        var (staffCtx, lesson, refusal) = await FlowLessonAsync(ctx, lessonId, ct);
        if (lesson is null) return new(false, PageWords(refusal!), false);
        var actor = staffCtx.StaffActor with { Note = note };
        switch (entry.Kind)
        {
            case "rollcall" when entry.Absent is not null:
            {
                var view = await FlowViewAsync(lesson, MarkColumn.Current, ct);
                var absent = entry.Absent.ToHashSet();
                if (absent.Any(id => view.RollCall.All(s => s.Id != id))) return new(false, PageWords(NotInLesson), false);
                var cells = view.RollCall.Select(s => (s, Absent: absent.Contains(s.Id)))
                    .Where(x => x.Absent != (x.s.Absence is not null))
                    .Select(x => new CellInput(x.s.Id, lesson.ClassId, lesson.SubjectId, MarkColumn.Current, x.Absent ? "н" : "", lesson.Id)).ToList();
                var written = await journal.TakeRollCallAsync(actor, lesson.Id, cells, ct);
                if (!written.IsSuccess) return new(false, written.Error.Message, false);
                return new(true, absent.Count == 0 ? "Перекличку записано: усі присутні" : $"Перекличку записано: відсутні — {absent.Count}");
            }
            case "mark" when entry.Student is { } studentId && entry.Value is not null:
            {
                var view = await FlowViewAsync(lesson, MarkColumn.Current, ct);
                var student = view.Present.FirstOrDefault(s => s.Id == studentId);
                if (student is null)
                    return new(false, view.Students.FirstOrDefault(s => s.Id == studentId) is { } away
                        ? $"{away.Label} відсутній(-я) на уроці: спершу змініть перекличку." : PageWords(NotInLesson), false);
                var value = entry.Value.Trim();
                if (student.Mark == (value.Length == 0 ? null : value)) return new(true, $"{student.Label}: без змін", false);
                // Queued offline: the cell must still hold what the teacher saw, or someone changed it meanwhile.
                if (entry.Was is { } was && (student.Mark ?? "") != was)
                    return new(false, student.Mark is { } now
                        ? $"Поки запис чекав на зв’язок, у клітинці з’явилася оцінка «{now}»: запис «{value}» не внесено. Перевірте й поставте ще раз, якщо треба."
                        : $"Поки запис чекав на зв’язок, оцінку «{was}» з клітинки прибрали: запис «{value}» не внесено. Перевірте й поставте ще раз, якщо треба.", false);
                var written = await journal.SetCellAsync(actor, new CellInput(studentId, lesson.ClassId, lesson.SubjectId, MarkColumn.Current, value, lesson.Id), ct);
                if (!written.IsSuccess) return new(false, written.Error.Message, false);
                // A mark leaves the lesson's record as it was: the page's answer is built from the lesson read above, not read again.
                return new(true, written.Value!.NewValue is { } v ? $"{student.Label}: {v}" : $"{student.Label}: очищено", Lesson: await PageViewAsync(lesson, ct));
            }
            case "topic" or "homework" when entry.Text is not null:
            {
                var homework = entry.Kind == "homework";
                var input = new LessonInput(lesson.ClassId, lesson.SubjectId, lesson.GroupId, lesson.Date, lesson.Slot, homework ? null : entry.Text, Homework: homework ? entry.Text : null);
                var saved = await journal.RecordLessonAsync(actor, input, ct: ct);
                if (!saved.IsSuccess) return new(false, saved.Error.Message, false);
                return new(true, homework ? "Домашнє завдання записано" : "Тему записано");
            }
            case "plan" when int.TryParse(entry.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number):
            {
                // The plan's topic for this lesson of today (docs/decisions/0050-calendar-plan.md): written as a typed topic would be.
                var saved = await plans.AcceptAsync(actor, lesson.ClassId, lesson.SubjectId, lesson.GroupId, lesson.Date, lesson.Slot, number, ct: ct);
                if (!saved.IsSuccess) return new(false, saved.Error.Message, false);
                return new(true, $"Тему записано: {saved.Value!.Topic}");
            }
            case "undo":
            {
                var window = await rules.UndoWindowAsync(lesson.SchoolId, ct);
                var latest = (await FlowUnitsAsync(lesson, ct)).FirstOrDefault();
                if (latest == default) return new(false, "Скасовувати нічого: оцінок і переклички цього уроку від вас немає.", false);
                if (clock.GetUtcNow().UtcDateTime - latest.AtUtc > window)
                    return new(false, $"Останній запис — поза вікном скасування ({Bot.Domain.Text.UkrainianText.Duration(window)}): його виправляє заступник директора.", false);
                var undone = await journal.UndoBatchAsync(actor, latest.BatchId, PageUndoReason, ct);
                if (!undone.IsSuccess) return new(false, undone.Error.Message, false);
                return new(true, "Скасовано: " + string.Join("; ", undone.Value!.Lines));
            }
            default:
                return new(false, "Незрозумілий запис: оновіть сторінку.", false);
        }
    }

    private const string PageUndoReason = "Скасовано автором (сторінка уроку)";

    /// <summary>The flow's refusals point at /lesson in the chat; on the page they point back to the chat's list.</summary>
    private static string PageWords(string chatText) =>
        chatText.Replace("Відкрийте урок заново: /lesson", "Відкрийте урок заново з бота.", StringComparison.Ordinal)
            .Replace("в цьому повідомленні працюють", "на сторінці уроку працюють", StringComparison.Ordinal)
            .Replace("відкрити його в боті", "відкрити його", StringComparison.Ordinal);
}
