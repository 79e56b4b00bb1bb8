using System.Globalization;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// The lesson flow (ADR 0031): a lesson of today in ONE message the bot replaces on every press — the roll call (toggle
/// the absent, then "Готово": one journal write), then marks (a student, a mark; the flow moves on to the next student
/// without a mark), the column switched in place, the topic and homework as typed replies, and a summary.
/// Button data (≤ 64 bytes), every press checked against the chat's staff and today before anything else is read:
/// "lf|t|lesson|student" toggles a student in the roll call's draft, "lf|r|lesson" writes the draft, "lf|a|lesson" reopens
/// the roll call, "lf|m|lesson|column[|student]" the marks screen, "lf|v|lesson|student|column|value code" writes a mark,
/// "lf|p|lesson" asks for the topic, "lf|d|lesson" the summary, "lf|g|lesson|column" the groups of results of a semester (an
/// НУШ class) to pick from. A column is its number, and for a group of results also the group's number in the subject's
/// list ("19.2": ГР2 of semester I). The roll call's state is a draft kept on the server, in
/// the chat's session (see RollCallDraft.cs), never in the buttons: a tap on a screen that does not yet show the previous
/// tap still adds to it (ADR 0031's amendment).
/// </summary>
public sealed partial class TeacherHandlers
{
    public const string FlowVerb = "lf";
    private const string FlowPending = "lf:";
    private const int MaxRollCall = 64;

    /// <summary>The current-work columns the flow offers besides the current one, each only where the journal allows it for the page.</summary>
    private static readonly MarkColumn[] WorkColumns = [MarkColumn.Current, MarkColumn.Thematic, MarkColumn.Notebook, MarkColumn.ByHeart];

    /// <summary>
    /// The period columns (M-6, M-7, M-8; N-7 for the groups of results), offered only in their window (ADR 0033,
    /// <see cref="PeriodMarkWindows"/>) and where the journal takes them for the grade (N-13, N-14).
    /// </summary>
    private static readonly MarkColumn[] PeriodColumns =
    [
        MarkColumn.ResultGroup1, MarkColumn.Semester1, MarkColumn.Corrected1,
        MarkColumn.ResultGroup2, MarkColumn.Semester2, MarkColumn.Corrected2, MarkColumn.Annual,
    ];

    private static readonly MarkColumn[] FlowColumns = [.. WorkColumns, .. PeriodColumns];

    /// <summary>A column of the flow: a journal column and, for a group of results, the group's number in the subject's list.</summary>
    private readonly record struct FlowColumn(MarkColumn Column, int Group = 0)
    {
        public static implicit operator FlowColumn(MarkColumn column) => new(column);

        /// <summary>The button data's form: "11", or "19.2" for a group of results.</summary>
        public string Token => Group > 0 ? $"{(int)Column}.{Group}" : ((int)Column).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The page's school year, the school's period window length and, in an НУШ class, the subject's groups of results.</summary>
    private sealed record FlowPage(string ClassName, Bot.Domain.Schools.SchoolYear Year, int PeriodMarkDays, bool NusThematic, bool Nus, IReadOnlyList<ResultGroup> Groups);

    /// <param name="Report">A parent's absence report for the lesson's day (ADR 0039): its reason, and whether the class teacher excused it.</param>
    private sealed record FlowStudent(Guid Id, string Label, string FullName, string? Absence, string? Mark, Sex? Sex = null, FlowReport? Report = null);

    private sealed record FlowReport(string Reason, bool Excused);

    private sealed record FlowView(Lesson Lesson, string Title, int Grade, SubjectTraits Traits, SubjectKind Kind, IReadOnlyList<FlowStudent> Students,
        FlowPage Page, ResultGroup? Group = null)
    {
        public IEnumerable<FlowStudent> Present => Students.Where(s => s.Absence is null);

        /// <summary>The students the roll call covers (the first <see cref="MaxRollCall"/> of the list).</summary>
        public IEnumerable<FlowStudent> RollCall => Students.Take(MaxRollCall);

        /// <summary>Who the journal records absent from the lesson: where a new roll call draft starts.</summary>
        public HashSet<Guid> RecordedAbsent => RollCall.Where(s => s.Absence is not null).Select(s => s.Id).ToHashSet();

        /// <summary>
        /// Where a new roll call draft starts (ADR 0039): the recorded absences; before the lesson's first roll call also the
        /// students whose parents reported them away that day — the teacher confirms with «Готово» or taps one who came.
        /// </summary>
        public HashSet<Guid> DraftStart => Lesson.RollCallAtUtc is not null
            ? RecordedAbsent
            : RollCall.Where(s => s.Absence is not null || s.Report is not null).Select(s => s.Id).ToHashSet();
    }

    /// <summary>A press of the lesson flow.</summary>
    public async Task<HandlerResult> FlowButtonAsync(ChatContext ctx, string[] args, CancellationToken ct)
    {
        if (args.Length < 2 || !ButtonData.TryId(args[1], out var lessonId)) return Replies.Text(Replies.Expired);
        var (staffCtx, lesson, refusal) = await FlowLessonAsync(ctx, lessonId, ct);
        if (lesson is null) return Replies.Text(refusal!);
        ctx = staffCtx;
        switch (args[0])
        {
            case "t" when args.Length == 3 && ButtonData.TryId(args[2], out var studentId):
                return await ToggleAsync(ctx, lesson, studentId, ct);
            case "r" when args.Length == 2:
                return await WriteRollCallAsync(ctx, lesson, ct);
            case "t" when args.Length == 4:
            case "r" when args.Length == 3:
                // A button of a roll call sent before the draft moved to the server: its mask may be stale, so it writes nothing.
                return Replies.Text(OldRollCallButton);
            case "a" when args.Length == 2:
                return OpenRollCall(ctx, await FlowViewAsync(lesson, MarkColumn.Current, ct));
            case "m" when args.Length is 3 or 4 && TryColumn(args[2], out var column):
            {
                Guid? student = args.Length == 4 && ButtonData.TryId(args[3], out var s) ? s : null;
                if (args.Length == 4 && student is null) return Replies.Text(Replies.Expired);
                var view = await FlowViewAsync(lesson, column, ct);
                if (ColumnRefusal(view, column) is { } refused) return Replies.Text(refused);
                if (student is { } picked && view.Present.All(x => x.Id != picked)) return Replies.Text(NotInLesson);
                return ConversationResult.Replacing(MarksScreen(view, column, student ?? NextWithoutMark(view, null)?.Id));
            }
            case "g" when args.Length == 3 && TryColumn(args[2], out var column) && MarkColumns.IsResultGroup(column.Column) && column.Group == 0:
            {
                var view = await FlowViewAsync(lesson, MarkColumn.Current, ct);
                if (ColumnRefusal(view, column with { Group = view.Page.Groups.FirstOrDefault()?.Number ?? 1 }) is { } refused) return Replies.Text(refused);
                return ConversationResult.Replacing(GroupsScreen(view, column.Column));
            }
            case "v" when args.Length == 5 && ButtonData.TryId(args[2], out var studentId) && TryColumn(args[3], out var column)
                && (ValueCodes.ContainsKey(args[4]) || args[4].All(char.IsAsciiDigit)):
                return await WriteMarkAsync(ctx, lesson, studentId, column, args[4], ct);
            case "p" when args.Length == 2:
            {
                ctx.Session.Await(FlowPending + "topic:" + ButtonData.Id(lesson.Id), clock.GetUtcNow().UtcDateTime + FlowQuestionLifetime);
                var view = await FlowViewAsync(lesson, MarkColumn.Current, ct);
                var m = Header(view).Line(string.IsNullOrEmpty(lesson.Topic) ? "Надішліть тему уроку одним повідомленням." : $"Тема зараз: {lesson.Topic}. Надішліть нову одним повідомленням.");
                await PlannedTopicAsync(m, lesson, ct);
                m.ButtonRow(new Button("← До оцінок", MarksData(lesson.Id, MarkColumn.Current)), new Button("Підсумок", FlowData("d", lesson.Id)));
                return ConversationResult.Replacing(m);
            }
            case "k" when args.Length == 3 && int.TryParse(args[2], System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var number):
                return await AcceptPlannedAsync(ctx, lesson, number, ct);
            case "u" when args.Length == 2:
                return await UndoFlowAsync(ctx, lesson, ct);
            case "d" when args.Length == 2:
            {
                if (ctx.Session.Pending?.StartsWith(FlowPending, StringComparison.Ordinal) == true) ctx.Session.TakePending(clock.GetUtcNow().UtcDateTime);
                return WithPage(ctx, lesson.Id, ConversationResult.Replacing(await SummaryAsync(lesson, ct)));
            }
            default:
                return Replies.Text(Replies.Expired);
        }
    }

    private static readonly TimeSpan FlowQuestionLifetime = TimeSpan.FromMinutes(30);

    /// <summary>A typed reply to the flow's question (the topic, then the homework), kept in the chat's session.</summary>
    public async Task<HandlerResult> FlowTypedAsync(ChatContext ctx, string pending, string text, CancellationToken ct)
    {
        var parts = pending[FlowPending.Length..].Split(':');
        if (parts.Length != 2 || !ButtonData.TryId(parts[1], out var lessonId)) return Replies.Text(Replies.Expired);
        var (staffCtx, lesson, refusal) = await FlowLessonAsync(ctx, lessonId, ct);
        if (lesson is null) return Replies.Text(refusal!);
        ctx = staffCtx;
        var homework = parts[0] == "hw";
        var input = new LessonInput(lesson.ClassId, lesson.SubjectId, lesson.GroupId, lesson.Date, lesson.Slot, homework ? null : text, Homework: homework ? text : null);
        var saved = await journal.RecordLessonAsync(ctx.StaffActor, input, ct: ct);
        if (!saved.IsSuccess)
        {
            // Asked again: the teacher types a corrected text.
            ctx.Session.Await(pending, clock.GetUtcNow().UtcDateTime + FlowQuestionLifetime);
            return Replies.Error(saved.Error);
        }

        var view = await FlowViewAsync(saved.Value!, MarkColumn.Current, ct);
        if (!homework && HomeworkAllowed(view))
        {
            ctx.Session.Await(FlowPending + "hw:" + ButtonData.Id(lesson.Id), clock.GetUtcNow().UtcDateTime + FlowQuestionLifetime);
            var ask = Header(view).Line(new Span.Plain("Тему записано: "), new Span.Bold(saved.Value!.Topic))
                .Line("Тепер надішліть домашнє завдання одним повідомленням (що і як виконати: параграф, вправи, сторінки).")
                .ButtonRow(new Button("Без домашнього завдання", FlowData("d", lesson.Id)), new Button("← До оцінок", MarksData(lesson.Id, MarkColumn.Current)));
            return ConversationResult.Of(ask);
        }

        var summary = await SummaryAsync(saved.Value!, ct);
        if (homework) summary.Line(new Span.Italic(await FamiliesNoteAsync(ctx, ct)));
        return ConversationResult.Of(summary);
    }

    /// <summary>
    /// The plan's next topic for a lesson without one (docs/decisions/0050-calendar-plan.md), as a line and a one-tap button
    /// "lf|k|lesson|number"; the flow holds lessons of today only, so the topic is written on its day (J-7).
    /// </summary>
    private async Task PlannedTopicAsync(Message m, Lesson lesson, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(lesson.Topic)) return;
        if (await plans.NextAsync(lesson.ClassId, lesson.SubjectId, lesson.GroupId, ct) is not { } planned) return;
        m.Line(new Span.Plain($"За планом (урок № {planned.Number}): "), new Span.Bold(planned.Topic));
        var label = planned.Topic.Length > 40 ? planned.Topic[..39] + "…" : planned.Topic;
        m.ButtonRow(new Button($"✓ {label}", FlowData("k", lesson.Id, planned.Number.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>A tap on the plan's topic: the topic (and its section, J-6) written as the teacher would type it, then the homework question.</summary>
    private async Task<HandlerResult> AcceptPlannedAsync(ChatContext ctx, Lesson lesson, int number, CancellationToken ct)
    {
        var saved = await plans.AcceptAsync(ctx.StaffActor, lesson.ClassId, lesson.SubjectId, lesson.GroupId, lesson.Date, lesson.Slot, number, ct: ct);
        if (!saved.IsSuccess) return Replies.Error(saved.Error);
        if (ctx.Session.Pending?.StartsWith(FlowPending, StringComparison.Ordinal) == true) ctx.Session.TakePending(clock.GetUtcNow().UtcDateTime);
        var view = await FlowViewAsync(saved.Value!, MarkColumn.Current, ct);
        if (HomeworkAllowed(view))
        {
            ctx.Session.Await(FlowPending + "hw:" + ButtonData.Id(lesson.Id), clock.GetUtcNow().UtcDateTime + FlowQuestionLifetime);
            var ask = Header(view).Line(new Span.Plain("Тему записано: "), new Span.Bold(saved.Value!.Topic))
                .Line("Тепер надішліть домашнє завдання одним повідомленням (що і як виконати: параграф, вправи, сторінки).")
                .ButtonRow(new Button("Без домашнього завдання", FlowData("d", lesson.Id)), new Button("← До оцінок", MarksData(lesson.Id, MarkColumn.Current)));
            return ConversationResult.Replacing(ask, "Тему записано");
        }

        return ConversationResult.Replacing(await SummaryAsync(saved.Value!, ct), "Тему записано");
    }

    /// <summary>
    /// The lesson of a press or a typed reply, checked before anything else is read: it exists, the chat speaks for a
    /// staff member of its school who teaches that page or stands in for it (J-9), and it is that school's today (J-7).
    /// </summary>
    private async Task<(ChatContext Ctx, Lesson? Lesson, string? Refusal)> FlowLessonAsync(ChatContext ctx, Guid lessonId, CancellationToken ct)
    {
        var lesson = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lessonId, ct);
        if (lesson is null) return (ctx, null, Replies.Expired);
        var staff = ctx.Persona.Staff.FirstOrDefault(s => s.SchoolId == lesson.SchoolId);
        if (staff is null) return (ctx, null, NotYourLesson);
        var teaches = lesson.TeacherId == staff.StaffId
            || staff.Assignments.Any(a => a.ClassId == lesson.ClassId && a.SubjectId == lesson.SubjectId && (a.GroupId == null || a.GroupId == lesson.GroupId))
            || await db.DayChanges.AsNoTracking().AnyAsync(c => c.Kind == DayChangeKind.Substitution && c.TeacherId == staff.StaffId
                && c.ClassId == lesson.ClassId && c.SubjectId == lesson.SubjectId && c.Date == lesson.Date, ct);
        if (!teaches) return (ctx, null, NotYourLesson);
        ctx = ctx.ForStaff(staff);
        if (lesson.Date != ctx.Today)
            return (ctx, null, $"Це урок {lesson.Date:dd.MM.yyyy}, а в цьому повідомленні працюють лише з уроками сьогодні. Відкрийте урок заново: /lesson");
        return (ctx, lesson, null);
    }

    private const string NotYourLesson = "Це не ваш урок: відкрити його в боті може лише вчитель, який його веде.";
    private const string NotInLesson = "Цього учня немає в списку уроку (список міг змінитися). Відкрийте урок заново: /lesson";

    /// <summary>The lesson's students on its day (its group's, by the dated stays), without those on individual study (A-3).</summary>
    private async Task<FlowView> FlowViewAsync(Lesson lesson, FlowColumn column, CancellationToken ct)
    {
        var day = await diary.ClassDayAsync(lesson.ClassId, lesson.Date, ct);
        var subject = await db.Subjects.AsNoTracking().FirstAsync(s => s.Id == lesson.SubjectId, ct);
        var page = await FlowPageAsync(lesson, ct);
        var grade = page.Grade;
        var outcomes = MarkColumns.IsResultGroup(column.Column) ? page.Page.Groups.FirstOrDefault(g => g.Number == column.Group) : null;
        // A dateless column's marks by the journal's own slot (a semester mark stands at the semester's end, not today).
        var slot = column.Column == MarkColumn.Current || (MarkColumns.IsResultGroup(column.Column) && outcomes is null)
            ? null
            : Mark.SlotOf(column.Column, lesson.Date, null, outcomes?.Id);
        var yearId = page.Page.Year.Id;
        var studentIds = day.IsSuccess ? day.Value!.Students.Select(s => s.StudentId).ToList() : [];
        var dateless = slot is null
            ? []
            : (await db.Marks.AsNoTracking().Where(m => studentIds.Contains(m.StudentId) && m.SubjectId == lesson.SubjectId && m.SchoolYearId == yearId && m.Slot == slot)
                    .ToListAsync(ct))
                .GroupBy(m => m.StudentId).ToDictionary(g => g.Key, g => g.First().Value.Text);
        var groupName = lesson.GroupId is { } g ? await db.Groups.AsNoTracking().IgnoreAutoIncludes().Where(x => x.Id == g).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var students = new List<FlowStudent>();
        var className = "";
        if (day.IsSuccess)
        {
            className = day.Value!.ClassName;
            var ids = day.Value.Students.Select(s => s.StudentId).ToList();
            var people = await db.Students.AsNoTracking().Where(s => ids.Contains(s.Id))
                .Select(s => new { s.Id, s.StudyMode, s.Sex }).ToListAsync(ct);
            var individual = people.Where(s => s.StudyMode == StudyMode.Individual).Select(s => s.Id).ToHashSet();
            var reports = (await db.AbsenceNotices.AsNoTracking().Where(n => ids.Contains(n.StudentId) && n.Date == lesson.Date)
                    .Select(n => new { n.StudentId, n.Reason, n.ExcusedAtUtc, n.CreatedAtUtc }).ToListAsync(ct))
                .GroupBy(n => n.StudentId)
                .ToDictionary(g => g.Key, g => new FlowReport(g.OrderBy(n => n.CreatedAtUtc).Last().Reason, g.Any(n => n.ExcusedAtUtc != null)));
            var sexes = people.ToDictionary(s => s.Id, s => s.Sex);
            foreach (var s in day.Value.Students)
            {
                var cell = s.Lessons.FirstOrDefault(l => l.LessonId == lesson.Id);
                if (cell is null || individual.Contains(s.StudentId)) continue; // not in this lesson's group; individual study
                var mark = column.Column == MarkColumn.Current
                    ? cell.Marks.FirstOrDefault(x => x.Column == MarkColumn.Current)?.Text
                    : dateless.GetValueOrDefault(s.StudentId);
                students.Add(new FlowStudent(s.StudentId, ShortLabel(s.StudentName), s.StudentName, cell.AbsenceText, mark, sexes.GetValueOrDefault(s.StudentId),
                    reports.GetValueOrDefault(s.StudentId)));
            }
        }

        var title = $"{className} · {ClassGroup.PageTitle(subject.Name, groupName)}";
        return new FlowView(lesson, title, grade, subject.Traits, subject.Kind, students, page.Page, outcomes);
    }

    /// <summary>What the column switch needs of the page: its year and windows, and the subject's groups of results (N-7).</summary>
    private async Task<(int Grade, FlowPage Page)> FlowPageAsync(Lesson lesson, CancellationToken ct)
    {
        var schoolClass = await db.Classes.AsNoTracking().Where(c => c.Id == lesson.ClassId)
            .Select(c => new { c.Grade, c.Letter, c.SchoolYearId, c.IsNus }).FirstAsync(ct);
        var year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == schoolClass.SchoolYearId, ct);
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == lesson.SchoolId).Select(s => new { s.PeriodMarkDays, s.NusThematic }).FirstAsync(ct);
        var nus = schoolClass.IsNus && schoolClass.Grade >= 5; // SchoolClass.AssessedByResultGroups
        var groups = nus
            ? (await db.ResultGroups.AsNoTracking().Where(g => g.SchoolYearId == year.Id && g.SubjectId == lesson.SubjectId).ToListAsync(ct)).OrderBy(g => g.Number).ToList()
            : [];
        return (schoolClass.Grade, new FlowPage(new ClassName(schoolClass.Grade, schoolClass.Letter).ToString(), year, school.PeriodMarkDays, school.NusThematic, nus, groups));
    }

    private static string ShortLabel(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 1 ? $"{parts[0]} {parts[1][0]}." : fullName;
    }

    /// <summary>Every screen names the lesson: page, date and its number in the day and in the journal (J-6).</summary>
    private static Message Header(FlowView view) => new Message()
        .Line(new Span.Bold(view.Title))
        .Line($"{view.Lesson.Date:dd.MM.yyyy}, урок {view.Lesson.Slot}" + (view.Lesson.Number > 0 ? $" (№{view.Lesson.Number} у журналі)" : ""));

    private static Message RollCallScreen(FlowView view, IReadOnlySet<Guid> draft)
    {
        var absent = view.RollCall.Where(s => draft.Contains(s.Id)).ToList();
        var m = Header(view).Line(new Span.Bold("Перекличка: "), new Span.Plain("позначте відсутніх і натисніть «Готово»."));
        m.Line(absent.Count == 0 ? "Відсутніх немає." : $"Відсутні ({absent.Count}): " + string.Join(", ", absent.Select(s => s.Label)));
        ReportLines(m, view);
        if (view.Students.Count > MaxRollCall) m.Line($"Учнів більше {MaxRollCall}: решту позначайте командою /absent.");
        if (view.Students.Count == 0) m.Line("У списку уроку немає учнів.");
        var buttons = view.RollCall.Select(s => new Button((draft.Contains(s.Id) ? "н · " : "") + (s.Report is null ? "" : "📝 ") + s.Label,
            FlowData("t", view.Lesson.Id, ButtonData.Id(s.Id))));
        foreach (var row in buttons.Chunk(3)) m.ButtonRow(row);
        m.ButtonRow(new Button(absent.Count == 0 ? "Усі присутні" : $"Готово (відсутні: {absent.Count})", FlowData("r", view.Lesson.Id)));
        return m;
    }

    /// <summary>
    /// The parents' reports of the day beside the names (ADR 0039): "📝 Іваненко О. — повідомили: хворіє (поважна причина: «н» запишеться як «хв»)".
    /// </summary>
    private static void ReportLines(Message m, FlowView view)
    {
        foreach (var s in view.RollCall.Where(s => s.Report is not null))
            m.Line($"📝 {s.Label} — повідомили батьки: {s.Report!.Reason}" + (s.Report.Excused ? " (поважна причина: «н» запишеться як «хв»)" : ""));
    }

    private async Task<HandlerResult> WriteRollCallAsync(ChatContext ctx, Lesson lesson, CancellationToken ct)
    {
        var view = await FlowViewAsync(lesson, MarkColumn.Current, ct);
        // The draft is taken (cleared) before the write, so a double tap, even handled side by side, writes once.
        var (raw, draft) = await TakeDraftAsync(ctx, lesson.Id, ct);
        if (draft is null)
            return lesson.RollCallAtUtc is not null
                ? ConversationResult.Replacing(MarksScreen(view, MarkColumn.Current, NextWithoutMark(view, null)?.Id), "Перекличку вже записано")
                : DraftLost(ctx, view);
        // Exactly the roll call: "н" for the newly absent, the absence cleared for one now marked present; "хв" stays.
        var cells = view.RollCall.Select(s => (s, Absent: draft.Contains(s.Id)))
            .Where(x => x.Absent != (x.s.Absence is not null))
            .Select(x => new CellInput(x.s.Id, lesson.ClassId, lesson.SubjectId, MarkColumn.Current, x.Absent ? "н" : "", lesson.Id)).ToList();
        var written = await journal.TakeRollCallAsync(ctx.StaffActor, lesson.Id, cells, ct);
        if (!written.IsSuccess)
        {
            await SwapDraftAsync(ctx, null, raw, ct); // nothing written: the draft stays for another «Готово»
            return Replies.Error(written.Error);
        }

        var after = await FlowViewAsync(await db.Lessons.AsNoTracking().FirstAsync(l => l.Id == lesson.Id, ct), MarkColumn.Current, ct);
        var absent = after.Students.Count(s => s.Absence is not null);
        var notice = absent == 0 ? "Перекличку записано: усі присутні" : $"Перекличку записано: відсутні — {absent}";
        return ConversationResult.Replacing(MarksScreen(after, MarkColumn.Current, NextWithoutMark(after, null)?.Id, notice), notice);
    }

    private static Message MarksScreen(FlowView view, FlowColumn column, Guid? selected, string? notice = null)
    {
        var m = Header(view);
        var absent = view.Students.Where(s => s.Absence is not null).ToList();
        m.Line(view.Lesson.RollCallAtUtc is null && absent.Count == 0
            ? "Перекличку ще не проведено."
            : absent.Count == 0 ? "Присутні всі." : $"Відсутні ({absent.Count}): " + string.Join(", ", absent.Select(s => $"{s.Label} ({s.Absence})")));
        if (notice is not null) m.Line(new Span.Italic(notice));
        if (view.Group is { } outcomes) m.Line($"{outcomes.Code} — {outcomes.Title}, {SemesterWord(column.Column)} семестр.");
        var title = ColumnTitle(view, column.Column);
        var student = view.Present.FirstOrDefault(s => s.Id == selected);
        var codes = KeypadCodes(view.Grade, view.Traits);
        // N-13: grades 1–2 get no per-lesson marks to choose; the year's results go to the свідоцтво досягнень (N-21).
        if (codes.Length == 0)
            m.Line(PrimaryNoMarks);
        else if (student is null)
            m.Line(view.Present.Any() ? $"Колонка «{title}»: оберіть учня." : "Присутніх учнів немає.");
        else
        {
            m.Line(new Span.Plain($"{title} для "), new Span.Bold(student.FullName), new Span.Plain(student.Mark is { } now ? $" (зараз {now}):" : ":"));
            Button B(string code) => new(ValueCodes.TryGetValue(code, out var shown) ? shown : code, FlowData("v", view.Lesson.Id, ButtonData.Id(student.Id), column.Token, code));
            foreach (var row in codes.Chunk(6)) m.ButtonRow([.. row.Select(B)]);
            var special = SpecialCodes(view, column.Column);
            if (special.Count > 0) m.ButtonRow([.. special.Select(B)]);
            if (student.Mark is not null) m.ButtonRow(new Button("Очистити", FlowData("v", view.Lesson.Id, ButtonData.Id(student.Id), column.Token, "x")));
        }

        var buttons = view.Present.Select(s => new Button((s.Id == selected ? "▶ " : "") + s.Label + (s.Mark is { } v ? $" · {v}" : ""),
            MarksData(view.Lesson.Id, column, s.Id)));
        if (codes.Length > 0) foreach (var row in buttons.Chunk(3)) m.ButtonRow(row);
        ColumnSwitch(m, view, column);
        m.ButtonRow(new Button("Перекличка", FlowData("a", view.Lesson.Id)),
            new Button(HomeworkAllowed(view) ? "Тема і д/з" : "Тема", FlowData("p", view.Lesson.Id)),
            new Button("Підсумок", FlowData("d", view.Lesson.Id)));
        return m;
    }

    /// <summary>
    /// The column switch: the current-work columns in one row, the period columns open today in another — a group of results
    /// through its picking step (<see cref="GroupsScreen"/>). When none is open, one line says when the next opens (ADR 0033).
    /// </summary>
    private static void ColumnSwitch(Message m, FlowView view, FlowColumn column)
    {
        var work = WorkColumns.Where(c => ColumnRefusal(view, c) is null).ToList();
        var period = PeriodColumns.Where(c => ColumnRefusal(view, MarkColumns.IsResultGroup(c) ? new FlowColumn(c, 1) : c) is null).ToList();
        if (work.Count > 1 || period.Count > 0)
            m.ButtonRow([.. work.Select(c => new Button((c == column.Column ? "✓ " : "") + MarkColumns.Title(c), MarksData(view.Lesson.Id, c)))]);
        if (period.Count > 0)
            m.ButtonRow([.. period.Select(c => MarkColumns.IsResultGroup(c)
                ? new Button((c == column.Column ? "✓ " : "") + (view.Group is { } g && c == column.Column ? g.Code : "Групи результатів"), FlowData("g", view.Lesson.Id, Col(c)))
                : new Button((c == column.Column ? "✓ " : "") + MarkColumns.FullTitle(c), MarksData(view.Lesson.Id, c)))]);
        else if (NextWindow(view) is { } opens)
            m.Line(opens);
    }

    /// <summary>
    /// When no period column is open today: the refusal of the first one the grade takes whose window is still ahead
    /// ("Семестрову оцінку за І семестр можна виставити з 13.12.2026 до 11.01.2027."), or null.
    /// </summary>
    private static string? NextWindow(FlowView view)
    {
        var year = view.Page.Year;
        var ahead = PeriodColumns
            .Where(c => !MarkColumns.IsResultGroup(c) && CellParser.ColumnTakesMarks(view.Grade, c, view.Traits))
            .Select(c => (Column: c, Window: PeriodMarkWindows.For(c, year, view.Page.PeriodMarkDays)!))
            .Where(x => x.Window.From > view.Lesson.Date)
            .OrderBy(x => x.Window.From).ThenBy(x => x.Column)
            .FirstOrDefault();
        return ahead.Window is null || year.IsClosed ? null : PeriodMarkWindows.Refusal(ahead.Column, year, view.Page.PeriodMarkDays, view.Lesson.Date);
    }

    /// <summary>The groups of results of a semester to pick from (N-7): a group, then the students and the keypad.</summary>
    private static Message GroupsScreen(FlowView view, MarkColumn column)
    {
        var m = Header(view).Line(new Span.Bold($"Групи результатів, {SemesterWord(column)} семестр: "), new Span.Plain("оберіть групу."));
        foreach (var g in view.Page.Groups)
            m.ButtonRow(new Button($"{g.Code} · {g.Title}", MarksData(view.Lesson.Id, new FlowColumn(column, g.Number))));
        m.ButtonRow(new Button("← До оцінок", MarksData(view.Lesson.Id, MarkColumn.Current)));
        return m;
    }

    private static string SemesterWord(MarkColumn column) => PeriodMarkWindows.SemesterOf(column) == 1 ? "І" : "ІІ";

    /// <summary>"Поточна", "І семестр", "Скоригована (І семестр)", "ГР2": the column as the screen names it.</summary>
    private static string ColumnTitle(FlowView view, MarkColumn column) =>
        MarkColumns.IsResultGroup(column) && view.Group is { } g ? g.Code : MarkColumns.FullTitle(column);

    private async Task<HandlerResult> WriteMarkAsync(ChatContext ctx, Lesson lesson, Guid studentId, FlowColumn column, string code, CancellationToken ct)
    {
        var view = await FlowViewAsync(lesson, column, ct);
        if (ColumnRefusal(view, column) is { } refused) return Replies.Text(refused);
        var student = view.Present.FirstOrDefault(s => s.Id == studentId);
        if (student is null) return Replies.Text(view.Students.Any(s => s.Id == studentId) ? $"{ShortLabel(view.Students.First(s => s.Id == studentId).FullName)} відсутній(-я) на уроці: спершу змініть перекличку." : NotInLesson);
        var text = ValueCodes.TryGetValue(code, out var coded) ? coded : code;
        var input = column.Column switch
        {
            MarkColumn.Current => new CellInput(studentId, lesson.ClassId, lesson.SubjectId, MarkColumn.Current, text, lesson.Id),
            // A period mark stands where the journal places it (the semester's end); a group of results' mark names its group.
            _ when PeriodMarkWindows.HasWindow(column.Column) =>
                new CellInput(studentId, lesson.ClassId, lesson.SubjectId, column.Column, text, GroupId: lesson.GroupId, ResultGroupId: view.Group?.Id),
            _ => new CellInput(studentId, lesson.ClassId, lesson.SubjectId, column.Column, text, GroupId: lesson.GroupId, Date: lesson.Date),
        };
        // A second press of the same button finds the same value in the cell: nothing is written, nothing is sent twice.
        if (student.Mark == (text.Length == 0 ? null : text))
            return ConversationResult.Replacing(MarksScreen(view, column, NextWithoutMark(view, studentId)?.Id), $"{student.Label}: без змін");
        var written = await journal.SetCellAsync(ctx.StaffActor, input, ct);
        if (!written.IsSuccess) return Replies.Error(written.Error);
        var after = await FlowViewAsync(lesson, column, ct);
        var notice = written.Value!.NewValue is { } v ? $"{student.Label}: {v}" : $"{student.Label}: очищено";
        return ConversationResult.Replacing(MarksScreen(after, column, NextWithoutMark(after, studentId)?.Id, notice), notice);
    }

    /// <summary>The next present student after <paramref name="after"/> (in list order, from the top again) with no mark in the column.</summary>
    private static FlowStudent? NextWithoutMark(FlowView view, Guid? after)
    {
        var present = view.Present.ToList();
        var start = after is { } id ? present.FindIndex(s => s.Id == id) + 1 : 0;
        return present.Skip(start).Concat(present.Take(start)).FirstOrDefault(s => s.Mark is null && s.Id != after);
    }

    private async Task<Message> SummaryAsync(Lesson lesson, CancellationToken ct)
    {
        var fresh = await db.Lessons.AsNoTracking().FirstAsync(l => l.Id == lesson.Id, ct);
        var view = await FlowViewAsync(fresh, MarkColumn.Current, ct);
        var m = Header(view).Line(new Span.Bold("Підсумок уроку"));
        var absent = view.Students.Where(s => s.Absence is not null).ToList();
        m.Line(fresh.RollCallAtUtc is null && absent.Count == 0 ? "Перекличку не проведено."
            : absent.Count == 0 ? "Відсутніх немає." : $"Відсутні ({absent.Count}): " + string.Join(", ", absent.Select(s => $"{s.Label} ({s.Absence})")));
        var marked = view.Students.Where(s => s.Mark is not null).ToList();
        m.Line(marked.Count == 0 ? "Оцінок немає." : $"Оцінки ({marked.Count}): " + string.Join(", ", marked.Select(s => $"{s.Label} — {s.Mark}")));
        m.Line(string.IsNullOrEmpty(fresh.Topic) ? "Тема: не записано." : $"Тема: {fresh.Topic}");
        await PlannedTopicAsync(m, fresh, ct);
        if (HomeworkAllowed(view)) m.Line(fresh.HomeworkField is { Length: > 0 } hw ? $"Домашнє завдання: {hw}" : "Домашнє завдання: не задано.");
        else if (fresh.SubstituteNote is { } note) m.Line(note);
        m.ButtonRow(new Button("← До оцінок", MarksData(lesson.Id, MarkColumn.Current)), new Button("Тема і д/з", FlowData("p", lesson.Id)));
        var window = await rules.UndoWindowAsync(fresh.SchoolId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if ((await FlowUnitsAsync(fresh, ct)).Any(u => now - u.AtUtc <= window)) m.ButtonRow(new Button("Скасувати все", FlowData("u", lesson.Id)));
        return m;
    }

    /// <summary>
    /// The write units (ADR 0029) of the lesson's cells this teacher wrote — the roll call, each mark — that are not undos
    /// and not undone yet, latest first.
    /// </summary>
    private async Task<List<(Guid BatchId, DateTime AtUtc)>> FlowUnitsAsync(Lesson lesson, CancellationToken ct)
    {
        var rows = await db.AuditRecords.AsNoTracking()
            .Where(a => a.LessonId == lesson.Id && a.ActorId != null && a.WriteBatchId != Guid.Empty && a.RevertsBatchId == null
                && (a.EntityType == nameof(Mark) || a.EntityType == nameof(Bot.Domain.Attendance.Absence))
                && !db.AuditRecords.Any(u => u.RevertsBatchId == a.WriteBatchId))
            .Select(a => new { a.WriteBatchId, a.AtUtc, a.ActorId }).ToListAsync(ct);
        return rows.GroupBy(r => r.WriteBatchId).Select(g => (g.Key, g.Max(x => x.AtUtc))).OrderByDescending(u => u.Item2).ToList();
    }

    /// <summary>
    /// «Скасувати все»: takes back every unit of the flow on this lesson still in its undo window, latest first, each whole
    /// (<see cref="JournalService.UndoBatchAsync"/>: only the author's, alerts cancelled), and says which were past it.
    /// The topic and homework stay (corrected with a new reply); so does the record that the roll call was taken.
    /// </summary>
    private async Task<HandlerResult> UndoFlowAsync(ChatContext ctx, Lesson lesson, CancellationToken ct)
    {
        var window = await rules.UndoWindowAsync(lesson.SchoolId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var undone = new List<string>();
        var refused = new List<string>();
        var late = 0;
        foreach (var (batchId, atUtc) in await FlowUnitsAsync(lesson, ct))
        {
            if (now - atUtc > window)
            {
                late++;
                continue;
            }

            var result = await journal.UndoBatchAsync(ctx.StaffActor, batchId, FlowUndoReason, ct);
            if (result.IsSuccess) undone.AddRange(result.Value!.Lines);
            else refused.Add(result.Error.Message);
        }

        var m = await SummaryAsync(lesson, ct);
        m.Blank().Line(new Span.Bold(undone.Count == 0 ? "Нічого не скасовано." : "Скасовано:"));
        foreach (var line in undone) m.Line("• " + line);
        if (late > 0)
            m.Line($"Поза вікном скасування ({Bot.Domain.Text.UkrainianText.Duration(window)}): {late} {Bot.Domain.Text.UkrainianText.Plural(late, "запис", "записи", "записів")} — їх виправляє заступник директора.");
        foreach (var reason in refused.Distinct()) m.Line(reason);
        return ConversationResult.Replacing(m, undone.Count == 0 ? "Нічого не скасовано" : $"Скасовано: {undone.Count}");
    }

    private const string FlowUndoReason = "Скасовано автором (урок у боті)";



    /// <summary>What the families get of a homework, by the school's rules (shared with /homework).</summary>
    private async Task<string> FamiliesNoteAsync(ChatContext ctx, CancellationToken ct)
    {
        var schoolRules = await rules.ForSchoolAsync(ctx.Staff!.SchoolId, ct);
        var window = await rules.UndoWindowAsync(ctx.Staff.SchoolId, ct);
        return schoolRules.HomeworkNotices
            ? $"Батьки отримають домашнє завдання через {Bot.Domain.Text.UkrainianText.Duration(window)} (у тихі години — вранці)."
            : schoolRules.DailyDiary ? "Батьки побачать домашнє завдання у вечірньому щоденнику." : "Батьки побачать домашнє завдання в боті на запит /homework.";
    }

    /// <summary>J-8: no homework in grade 1 nor for optional courses (the journal refuses it; the flow does not ask).</summary>
    private static bool HomeworkAllowed(FlowView view) => view.Grade != 1 && view.Kind != SubjectKind.Optional;

    /// <summary>
    /// Why the flow does not take marks in a column today, or null when it does: the journal's own rules for the page
    /// (M-1, M-3, M-4, N-9, N-13, N-14), an НУШ class and a group of the subject for a group of results (N-7), and the
    /// period's window with its dates (ADR 0033) — the same refusals as /mark and the web grid.
    /// </summary>
    private static string? ColumnRefusal(FlowView view, FlowColumn column)
    {
        var c = column.Column;
        if (!FlowColumns.Contains(c) || (column.Group != 0) != MarkColumns.IsResultGroup(c) || !CellParser.ColumnTakesMarks(view.Grade, c, view.Traits))
            return Replies.Expired;
        if (c == MarkColumn.Thematic && view.Page.Nus && !view.Page.NusThematic) return Replies.Expired;
        if (MarkColumns.IsResultGroup(c))
        {
            if (!view.Page.Nus) return JournalErrors.ResultGroupNotNus(view.Page.ClassName).Message;
            if (view.Page.Groups.All(g => g.Number != column.Group)) return Replies.Expired;
        }

        return view.Page.Year.IsClosed ? null : PeriodMarkWindows.Refusal(c, view.Page.Year, view.Page.PeriodMarkDays, view.Lesson.Date);
    }

    /// <summary>
    /// The special marks (M-11: "н/а", "зв", "зар"; "н/о" in "Зошит") the journal takes in this column of this page, by its
    /// own check (<see cref="CellParser.Parse"/>): "зв" and "зар" in physical education, "н/а" in the period columns.
    /// </summary>
    private static List<string> SpecialCodes(FlowView view, MarkColumn column) =>
        SpecialMarkCodes.Where(code => CellParser.Parse(ValueCodes[code], view.Grade, column, view.Traits).IsSuccess).ToList();

    private static readonly string[] SpecialMarkCodes = ["na", "zv", "zr", "no"];

    /// <summary>What the marks step says in grades 1–2, where no per-lesson mark is offered (N-13).</summary>
    internal const string PrimaryNoMarks =
        "У 1–2 класах поточних оцінок не ставлять: результати року класний керівник записує у свідоцтво досягнень.";

    /// <summary>
    /// The marks of the page's assessment model (M-1, N-14): 1–12, the levels П/С/Д/В, or "сформовано" for a verbal subject
    /// in grades 3–4; none in grades 1–2 (N-13: verbal assessment with the year's results in the свідоцтво досягнень).
    /// </summary>
    private static string[] KeypadCodes(int grade, SubjectTraits subject) => grade <= 2 ? [] : GradeScales.For(grade, subject) switch
    {
        GradeScale.TwelvePoint => ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
        GradeScale.Levels => ["p", "s", "d", "v"],
        _ => ["f"],
    };

    private static string Col(MarkColumn column) => ((int)column).ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a column of button data: "11", or "19.2" (a group of results and the group's number).</summary>
    private static bool TryColumn(string text, out FlowColumn column)
    {
        column = default;
        var parts = text.Split('.');
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || !Enum.IsDefined((MarkColumn)n)) return false;
        var group = 0;
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out group) || group < 1)) return false;
        column = new FlowColumn((MarkColumn)n, group);
        return true;
    }

    private static string FlowData(string step, Guid lessonId, params string[] more) => ButtonData.Make(FlowVerb, [step, ButtonData.Id(lessonId), .. more]);

    private static string MarksData(Guid lessonId, FlowColumn column, Guid? student = null) =>
        student is { } s ? FlowData("m", lessonId, column.Token, ButtonData.Id(s)) : FlowData("m", lessonId, column.Token);

    /// <summary>Opens the flow on a lesson: its roll call, or its marks once the roll call is taken.</summary>
    private async Task<HandlerResult> OpenFlowAsync(ChatContext ctx, Lesson lesson, CancellationToken ct)
    {
        var view = await FlowViewAsync(lesson, MarkColumn.Current, ct);
        return WithPage(ctx, lesson.Id, lesson.RollCallAtUtc is null
            ? OpenRollCall(ctx, view)
            : ConversationResult.Replacing(MarksScreen(view, MarkColumn.Current, NextWithoutMark(view, null)?.Id)));
    }

    /// <summary>
    /// The button that opens the lesson (or the day's list) as a page (ADR 0046): a Mini App in Telegram (who opens it is
    /// signed by Telegram), a short-lived link signed for this staff member elsewhere; none without a public HTTPS address.
    /// </summary>
    private ConversationResult WithPage(ChatContext ctx, Guid? lessonId, ConversationResult result)
    {
        var page = lessonId is { } id ? Bot.Host.LessonPage.LessonPageLinks.PageOf(id) : Bot.Host.LessonPage.LessonPageLinks.Today;
        var url = ctx.Incoming.Channel == Bot.Domain.Audit.Channel.Telegram ? pageLinks.PageUrl(page)
            : ctx.Staff is { } staff ? pageLinks.ViberLink(page, staff.StaffId) : null;
        if (url is not null && pageLinks.Enabled && (result.Replace ?? result.Replies.LastOrDefault()) is { } m)
            m.ButtonRow(Button.Page(lessonId is null ? "📱 Уроки на сторінці" : "📱 Відкрити сторінку уроку", url));
        return result;
    }
}
