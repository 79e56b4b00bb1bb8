using Bot.Domain;
using Bot.Domain.Attendance;
using Bot.Domain.Diary;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Printing;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Bot.Host.Conversation.Formatting;
using Bot.Host.Conversation.Parsing;
using Microsoft.EntityFrameworkCore;
using RouteContext = Bot.Host.Conversation.Parsing.RouteContext;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// Parents' and students' commands: diary, marks, homework, timetable, attendance, report, children, a parent's
/// absence report. The student is always one of the chat's own (the persona's), never taken from the text: parents
/// see only their own children.
/// </summary>
public sealed class FamilyHandlers(JournalDbContext db, DiaryQueries diary, AbsenceNoticeService notices, TimeProvider clock, StudentReportPdf reports,
    Bot.Domain.Notifications.ConsentService consents)
{
    private static readonly (string Code, string Label)[] AbsenceReasons = [("ill", "Хворіє"), ("family", "Сімейні обставини"), ("doctor", "Візит до лікаря")];

    /// <summary>Above this many characters an answer about several children goes as one message per child: under Telegram's
    /// 4096 visible characters (and Viber's 7000), so that no child's part is cut across two messages.</summary>
    internal const int OneMessageLimit = 4000;

    public async Task<HandlerResult> HandleAsync(ChatContext ctx, ChatRequest request, string text, CancellationToken ct)
    {
        if (request is ChildrenRequest) return Children(ctx);
        var students = Ordered(ctx);
        if (students.Count == 1) return await ForChildAsync(ctx, students[0], request, ct);
        // A write (an absence report) is about one child: asked with buttons; no child at all: the same question (none to offer).
        if (students.Count == 0 || request is AbsenceReportRequest || !IsRead(request)) return AskChild(ctx, text);
        // Read commands: the child the parent narrowed to (named, with the way back to all), or every child at once.
        if (students.FirstOrDefault(s => s.StudentId == ctx.Session.SelectedStudentId) is { } narrowed)
            return await NarrowedAsync(ctx, narrowed, request, text, ct);
        return await AllChildrenAsync(ctx, students, request, text, ct);
    }

    private static bool IsRead(ChatRequest request) =>
        request is DiaryRequest or MarksRequest or FamilyHomeworkRequest or TimetableRequest or FamilyAttendanceRequest or ReportRequest;

    private async Task<HandlerResult> ForChildAsync(ChatContext ctx, PersonaStudent student, ChatRequest request, CancellationToken ct) =>
        request switch
        {
            DiaryRequest d => await DiaryAsync(ctx, student, d.Days, ct),
            MarksRequest m => await MarksAsync(student, m.Subject, ct),
            FamilyHomeworkRequest h => await HomeworkAsync(ctx, student, h.Days, ct),
            TimetableRequest t => await TimetableAsync(ctx, student, t.Days, ct),
            FamilyAttendanceRequest a => await AttendanceAsync(ctx, student, a.Period, ct),
            ReportRequest => await ReportAsync(ctx, student, ct),
            AbsenceReportRequest r => await AbsenceAsync(ctx, student, r.Reason, r.Days, ct),
            _ => Replies.Text("Ця команда тут недоступна."),
        };

    /// <summary>The chat's children in a stable order: by school, class and name.</summary>
    private static List<PersonaStudent> Ordered(ChatContext ctx) =>
        ctx.Persona.DiaryStudents.OrderBy(s => s.SchoolName, StringComparer.Ordinal).ThenBy(s => s.ClassName, StringComparer.Ordinal)
            .ThenBy(s => s.FullName, StringComparer.Ordinal).ToList();

    /// <summary>"Іваненко Олег, 7-А" (and the school, for a family in two schools).</summary>
    private static string Heading(ChatContext ctx, PersonaStudent s) =>
        (s.ClassName is null ? s.FullName : $"{s.FullName}, {s.ClassName}") + (ctx.Persona.SchoolIds.Count > 1 ? $" ({s.SchoolName})" : "");

    /// <summary>
    /// Every child's answer under a heading of their own, in one message while it fits (<see cref="OneMessageLimit"/>,
    /// and no PDF attached), else one message per child; the last carries a button to narrow to each child.
    /// </summary>
    private async Task<HandlerResult> AllChildrenAsync(ChatContext ctx, IReadOnlyList<PersonaStudent> students, ChatRequest request, string text, CancellationToken ct)
    {
        var parts = new List<(PersonaStudent Student, Message Message)>();
        foreach (var student in students)
        {
            var answer = (await ForChildAsync(ctx, student, request, ct)).Reply;
            // An answer is one message (a report: one with its PDF); a child whose answer is an error shows that error.
            var messages = answer.AllMessages;
            var whole = messages.Count == 1 ? messages[0] : Merge(messages);
            parts.Add((student, whole));
        }

        var narrow = students.Select(s => new Button("Лише " + s.FullName, NarrowData(request, text, ButtonData.Id(s.StudentId)))).ToList();
        return ConversationResult.Of([.. Compose(parts.Select(p => (p.Student, Heading(ctx, p.Student), p.Message)).ToList(), narrow)]);
    }

    /// <summary>
    /// The children's answers under their headings: one message while the whole fits in <paramref name="limit"/> characters
    /// and carries no PDF (buttons the answers share kept once), else one message per child; the narrowing buttons go last.
    /// </summary>
    internal static IReadOnlyList<Message> Compose(IReadOnlyList<(PersonaStudent Student, string Heading, Message Message)> parts, IReadOnlyList<Button> narrow,
        int limit = OneMessageLimit)
    {
        var length = parts.Sum(p => p.Heading.Length + 4 + p.Message.PlainText.Length);
        if (length <= limit && parts.All(p => p.Message.Document is null))
        {
            var one = new Message();
            var buttons = new List<IReadOnlyList<Button>>();
            foreach (var (student, heading, message) in parts)
            {
                if (one.Lines.Count > 0) one.Blank();
                Append(one, student, heading, message);
                buttons.AddRange(message.Buttons.Where(row => buttons.All(r => !r.Select(b => b.Data).SequenceEqual(row.Select(b => b.Data)))));
            }

            foreach (var row in buttons) one.ButtonRow([.. row]);
            foreach (var b in narrow) one.ButtonRow(b);
            return [one];
        }

        var separate = new List<Message>();
        foreach (var (student, heading, message) in parts)
        {
            var m = new Message();
            Append(m, student, heading, message);
            foreach (var row in message.Buttons) m.ButtonRow([.. row]);
            if (message.Document is { } doc) m.WithDocument(doc.FileName, doc.Content, doc.LinkPath);
            separate.Add(m);
        }

        foreach (var b in narrow) separate[^1].ButtonRow(b);
        return separate;
    }

    /// <summary>One child's answer under their heading, with the way back to all children.</summary>
    private async Task<HandlerResult> NarrowedAsync(ChatContext ctx, PersonaStudent student, ChatRequest request, string text, CancellationToken ct)
    {
        var answer = (await ForChildAsync(ctx, student, request, ct)).Reply;
        var messages = answer.AllMessages.ToList();
        if (messages.Count == 0) return answer;
        var first = new Message();
        Append(first, student, Heading(ctx, student), messages[0]);
        foreach (var row in messages[0].Buttons) first.ButtonRow([.. row]);
        if (messages[0].Document is { } doc) first.WithDocument(doc.FileName, doc.Content, doc.LinkPath);
        messages[0] = first;
        messages[^1].ButtonRow(new Button("Усі діти", NarrowData(request, text, "all")));
        return ConversationResult.Of([.. messages]);
    }

    /// <summary>The heading, then the child's answer; its own first line is left out when it only repeats the heading ("Іваненко Олег, 7-А").</summary>
    private static void Append(Message into, PersonaStudent student, string heading, Message body)
    {
        into.Bold("👤 " + heading);
        var lines = body.Lines.AsEnumerable();
        if (body.Lines.Count > 1 && string.Concat(body.Lines[0].Select(s => s.Text)) is var first
            && (first == student.FullName || first == $"{student.FullName}, {student.ClassName}"))
            lines = lines.Skip(1);
        foreach (var line in lines) into.Line([.. line]);
    }

    private static Message Merge(IReadOnlyList<Message> messages)
    {
        var m = new Message();
        foreach (var part in messages)
        {
            foreach (var line in part.Lines) m.Line([.. line]);
            foreach (var row in part.Buttons) m.ButtonRow([.. row]);
        }

        return m;
    }

    /// <summary>
    /// "ch|&lt;child or all&gt;|&lt;the command as typed&gt;": the press narrows (or widens) and answers the same command again;
    /// a command too long for the 64 bytes of button data goes as its bare name.
    /// </summary>
    private static string NarrowData(ChatRequest request, string text, string target)
    {
        var typed = text.Replace('|', ' ').Trim();
        var data = "ch|" + target + "|" + typed;
        if (typed.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(data) <= Button.MaxDataBytes) return data;
        var bare = request switch
        {
            DiaryRequest => "/diary",
            MarksRequest => "/marks",
            FamilyHomeworkRequest => "/homework",
            TimetableRequest => "/timetable",
            FamilyAttendanceRequest => "/attendance",
            ReportRequest => "/report",
            _ => "/diary",
        };
        return "ch|" + target + "|" + bare;
    }

    public async Task<HandlerResult> ButtonAsync(ChatContext ctx, string verb, string[] args, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (verb == "ch" && args is ["all", ..])
        {
            // "Усі діти": back to every child at once, and the command answered again for all (or, from the menu, a word).
            ctx.Session.Select(null);
            if (args.Length > 1 && await RerunAsync(ctx, string.Join("|", args[1..]), ct) is { } all) return all;
            return Replies.Text("Тепер /diary, /marks, /homework, /timetable і /attendance показують усіх дітей одразу.");
        }

        if (verb == "ch" && args.Length >= 1 && ButtonData.TryId(args[0], out var chosen))
        {
            var child = ctx.Persona.DiaryStudents.FirstOrDefault(s => s.StudentId == chosen);
            if (child is null) return Replies.Text(Replies.Expired);
            if (args.Length > 1)
            {
                // "Лише …" under an answer about all children: narrowed to this child, the same command answered for them.
                ctx.Session.Select(child.StudentId);
                return await RerunAsync(ctx, string.Join("|", args[1..]), ct) ?? Replies.Text(Replies.Expired);
            }

            var pending = ctx.Session.TakePending(now);
            if (pending is not null && pending.StartsWith("child:", StringComparison.Ordinal))
            {
                // The answer to "Про кого?" (a write such as /absent): about this child, without changing what reads show.
                var routed = CommandRouter.Route(pending["child:".Length..], new RouteContext(ctx.Roles, ctx.Today, Calendar: ctx.Calendar));
                if (routed is Routed.Command c) return await ForChildAsync(ctx, child, c.Request, ct);
            }

            ctx.Session.Select(child.StudentId);
            return Replies.Text($"Обрано: {child.Display}. Команди /diary, /marks, /homework тепер лише про цю дитину; «Усі діти» в /children — знову про всіх.");
        }

        if (verb == "ab" && args.Length is 2 or 4 && ButtonData.TryId(args[1], out var studentId))
        {
            var reason = AbsenceReasons.FirstOrDefault(r => r.Code == args[0]).Label;
            var student = ctx.Persona.Children.FirstOrDefault(s => s.StudentId == studentId);
            if (student is null || reason is null) return Replies.Text(Replies.Expired);
            var days = args.Length == 4 ? ReadDays(args[2], args[3]) : null;
            ctx.Session.TakePending(now);
            return await RecordAbsenceAsync(ctx, student, reason, days, ct);
        }

        return Replies.Text(Replies.Expired);
    }

    /// <summary>A read command carried by a button, answered as if typed now; null when it is not one.</summary>
    private async Task<HandlerResult?> RerunAsync(ChatContext ctx, string text, CancellationToken ct)
    {
        var routed = CommandRouter.Route(text, new RouteContext(ctx.Roles, ctx.Today, Calendar: ctx.Calendar));
        return routed is Routed.Command { Request: var request } && IsRead(request) ? await HandleAsync(ctx, request, text, ct) : null;
    }

    /// <summary>The parent typed the reason after /absent.</summary>
    public async Task<ConversationResult> AbsenceReasonTypedAsync(ChatContext ctx, string pending, string reason, CancellationToken ct)
    {
        // "studentId" or "studentId:yyyyMMdd:yyyyMMdd" (the days the parent named before the question).
        var parts = pending.Split(':');
        var student = Guid.TryParse(parts[0], out var id) ? ctx.Persona.Children.FirstOrDefault(s => s.StudentId == id) : null;
        var days = parts.Length == 3 ? ReadDays(parts[1], parts[2]) : null;
        return student is null ? Replies.Text(Replies.Expired) : await RecordAbsenceAsync(ctx, student, reason, days, ct);
    }

    private static string DaysArg(DateOnly d) => d.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateRange? ReadDays(string from, string to) =>
        DateOnly.TryParseExact(from, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var f)
        && DateOnly.TryParseExact(to, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t) && t >= f
            ? new DateRange(f, t)
            : null;

    private HandlerResult AskChild(ChatContext ctx, string text)
    {
        ctx.Session.Await("child:" + text, clock.GetUtcNow().UtcDateTime.AddMinutes(30));
        return Replies.Ask("Про кого? Оберіть дитину:", ChildButtons(ctx), perRow: 1);
    }

    private static IEnumerable<Button> ChildButtons(ChatContext ctx) =>
        ctx.Persona.DiaryStudents.OrderBy(s => s.SchoolName).ThenBy(s => s.ClassName)
            .Select(s => new Button(ctx.Persona.SchoolIds.Count > 1 ? $"{s.Display}, {s.SchoolName}" : s.Display, ButtonData.Make("ch", ButtonData.Id(s.StudentId))));

    private static HandlerResult Children(ChatContext ctx)
    {
        var students = ctx.Persona.DiaryStudents.ToList();
        var selected = students.Count > 1 ? students.FirstOrDefault(s => s.StudentId == ctx.Session.SelectedStudentId) : null;
        var m = new Message().Bold("Ваші діти:");
        foreach (var school in students.GroupBy(s => s.SchoolName))
        {
            if (ctx.Persona.SchoolIds.Count > 1) m.Line(new Span.Italic(school.Key));
            foreach (var s in school) m.Line((s.StudentId == selected?.StudentId ? "▸ " : "• ") + s.Display);
        }

        if (students.Count < 2) return ConversationResult.Of(m);
        m.Line(selected is null ? "Команди показують усіх дітей одразу. Оберіть, щоб бачити лише одну дитину:" : $"Команди показують лише: {selected.FullName}. Оберіть:");
        foreach (var b in ChildButtons(ctx)) m.ButtonRow(b);
        m.ButtonRow(new Button((selected is null ? "▸ " : "") + "Усі діти", ButtonData.Make("ch", "all")));
        return ConversationResult.Of(m);
    }

    private async Task<HandlerResult> DiaryAsync(ChatContext ctx, PersonaStudent student, DateRange? days, CancellationToken ct)
    {
        // No day asked: today, or on a weekend or holiday the last school day (what a parent wants to see then) — the
        // child's own school's today (ADR 0022).
        var today = ctx.TodayIn(student.SchoolId);
        var range = days ?? DateRange.Day(await LastSchoolDayAsync(student, today, ct));
        // A week that has not begun has nothing in its diary yet: at the weekend "тиждень" is the week just ended.
        if (!range.IsSingleDay && range.From > today) range = DateRange.WeekOf(range.From.AddDays(-7));
        if (range.IsSingleDay)
            return Render(await diary.StudentDayAsync(student.StudentId, range.From, ct), d => DiaryFormatter.Day(d, today));
        var week = await diary.StudentWeekAsync(student.StudentId, range.From, ct);
        if (!week.IsSuccess) return Replies.Error(week.Error);
        var m = DiaryFormatter.Week(week.Value!, today);
        // This week with nothing recorded yet (a Monday morning): offer the week before, where there is something to read.
        if (week.Value!.Monday == SchoolCalendar.MondayOf(today) && week.Value.Days.All(d => d.Lessons.Count == 0 && d.DatelessMarks.Count == 0))
            m.Line("Цього тижня в журналі ще нічого немає.").ButtonRow(new Button("Минулий тиждень", "c|/diary минулий тиждень"));
        return ConversationResult.Of(m);
    }

    private async Task<HandlerResult> MarksAsync(PersonaStudent student, string? subject, CancellationToken ct) =>
        Render(await diary.StudentMarksAsync(student.StudentId, null, ct), m => DiaryFormatter.Marks(m, subject));

    private async Task<HandlerResult> HomeworkAsync(ChatContext ctx, PersonaStudent student, DateRange? days, CancellationToken ct)
    {
        var today = ctx.TodayIn(student.SchoolId);
        var range = days ?? DateRange.Day(await NextSchoolDayAsync(student, today, ct));
        var m = new Message();
        for (var d = range.From; d <= range.To && d <= range.From.AddDays(6); d = d.AddDays(1))
        {
            if (!range.IsSingleDay && d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var day = await diary.StudentDayAsync(student.StudentId, d, ct);
            if (!day.IsSuccess) return Replies.Error(day.Error);
            if (m.Lines.Count > 0) m.Blank();
            foreach (var line in DiaryFormatter.Homework(day.Value!, today).Lines) m.Line([.. line]);
        }

        return ConversationResult.Of(m);
    }

    private async Task<HandlerResult> TimetableAsync(ChatContext ctx, PersonaStudent student, DateRange? days, CancellationToken ct)
    {
        var (now, today) = (ctx.LocalNowIn(student.SchoolId), ctx.TodayIn(student.SchoolId));
        var date = days?.From ?? (now.Hour < 14 ? today : await NextSchoolDayAsync(student, today, ct));
        return Render(await diary.StudentDayAsync(student.StudentId, date, ct), d => DiaryFormatter.Timetable(d, today));
    }

    private async Task<HandlerResult> AttendanceAsync(ChatContext ctx, PersonaStudent student, AttendancePeriod? period, CancellationToken ct)
    {
        if (student.ClassId is not { } classId) return Replies.Text($"{student.FullName} зараз не навчається в жодному класі.");
        var (from, to) = await PeriodAsync(classId, ctx.TodayIn(student.SchoolId), period ?? AttendancePeriod.Semester, ct);
        var attendance = await diary.ClassAttendanceAsync(classId, from, to, ct);
        if (!attendance.IsSuccess) return Replies.Error(attendance.Error);
        var days = await MissedDaysAsync(attendance.Value!, student.StudentId, ct);
        return ConversationResult.Of(DiaryFormatter.Attendance(attendance.Value!, student.StudentId, student.Sex, days));
    }

    /// <summary>The child's days with a missed lesson (the last ten of them), so that the reply names the subjects: one load.</summary>
    private async Task<IReadOnlyList<StudentDay>> MissedDaysAsync(ClassAttendance attendance, Guid studentId, CancellationToken ct)
    {
        var missed = attendance.Students.FirstOrDefault(s => s.StudentId == studentId)?.Days.Where(d => d.Missed > 0).Select(d => d.Date).ToList() ?? [];
        if (missed.Count == 0) return [];
        var days = await diary.StudentDaysAsync(studentId, missed.TakeLast(10).First(), missed[^1], ct);
        if (!days.IsSuccess) return [];
        // A-3: optional courses do not count, so they are not named among the missed lessons either.
        var subjectIds = days.Value!.SelectMany(d => d.Lessons).Select(l => l.SubjectId).Distinct().ToList();
        var optional = (await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id) && s.Kind == Bot.Domain.Roster.SubjectKind.Optional)
            .Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        return days.Value!.Where(d => missed.Contains(d.Date)).Select(d => d with { Lessons = d.Lessons.Where(l => !optional.Contains(l.SubjectId)).ToList() }).ToList();
    }

    /// <summary>
    /// /report: the semester's marks with averages and the attendance, as text, with the same report as a PDF
    /// (<see cref="StudentReportPdf"/>) attached: Telegram sends it as a document. Only the chat's own children (or the
    /// student themself): the student comes from the persona, never from the text.
    /// </summary>
    private async Task<HandlerResult> ReportAsync(ChatContext ctx, PersonaStudent student, CancellationToken ct)
    {
        var marks = await diary.StudentMarksAsync(student.StudentId, null, ct);
        if (!marks.IsSuccess) return Replies.Error(marks.Error);
        var m = DiaryFormatter.Marks(marks.Value!);
        if (student.ClassId is { } classId)
        {
            var today = ctx.TodayIn(student.SchoolId);
            var attendance = await diary.ClassAttendanceAsync(classId, marks.Value!.From, today < marks.Value.To ? today : marks.Value.To, ct);
            if (attendance.IsSuccess)
            {
                m.Blank();
                var days = await MissedDaysAsync(attendance.Value!, student.StudentId, ct);
                foreach (var line in DiaryFormatter.Attendance(attendance.Value!, student.StudentId, student.Sex, days).Lines) m.Line([.. line]);
            }
        }

        if (await reports.RenderAsync(student.StudentId, marks.Value!.Semester, ct) is { IsSuccess: true } pdf) m.WithDocument(pdf.Value!.FileName, pdf.Value.Content, $"report/{student.StudentId}/{marks.Value.Semester}");
        return ConversationResult.Of(m);
    }

    private async Task<HandlerResult> AbsenceAsync(ChatContext ctx, PersonaStudent student, string? reason, DateRange? days, CancellationToken ct)
    {
        if (!ctx.Persona.Children.Any(c => c.StudentId == student.StudentId))
            return Replies.Text("Повідомити про відсутність можуть батьки.");
        if (!string.IsNullOrWhiteSpace(reason)) return await RecordAbsenceAsync(ctx, student, reason, days, ct);
        var today = ctx.TodayIn(student.SchoolId);
        var dayArgs = days is { } d ? new[] { DaysArg(d.From), DaysArg(d.To) } : [];
        ctx.Session.Await($"absent:{student.StudentId}" + (days is { } r ? $":{DaysArg(r.From)}:{DaysArg(r.To)}" : ""), clock.GetUtcNow().UtcDateTime.AddMinutes(30));
        return Replies.Ask($"Чому {student.FullName} не буде в школі {When(days, today)}? Оберіть або напишіть причину:",
            AbsenceReasons.Select(r => new Button(r.Label, ButtonData.Make("ab", [r.Code, ButtonData.Id(student.StudentId), .. dayArgs]))), perRow: 1);
    }

    /// <summary>"сьогодні", "завтра", "у середу, 9 грудня", "з 10.12 по 12.12".</summary>
    private static string When(DateRange? days, DateOnly today)
    {
        if (days is not { } d) return "сьогодні";
        if (!d.IsSingleDay) return $"з {d.From:dd.MM} по {d.To:dd.MM}";
        return (d.From.DayNumber - today.DayNumber) switch
        {
            0 => "сьогодні",
            1 => "завтра",
            -1 => "вчора",
            _ => $"{(d.From.DayOfWeek == DayOfWeek.Tuesday ? "у" : "в")} {UkrainianDates.WeekdayAccusative(d.From)}, {UkrainianDates.DayMonth(d.From)}",
        };
    }

    private async Task<ConversationResult> RecordAbsenceAsync(ChatContext ctx, PersonaStudent student, string reason, DateRange? days, CancellationToken ct)
    {
        var guardianId = student.GuardianId ?? ctx.Persona.Links.First(l => l.Kind == PersonKind.Guardian && l.SchoolId == student.SchoolId).PersonId;
        var result = await notices.ReportDaysAsync(guardianId, student.StudentId, reason.Trim(), ctx.Incoming.Channel, days?.From, days?.To, ct);
        if (!result.IsSuccess) return Replies.Error(result.Error);
        var recorded = result.Value!;
        var today = ctx.TodayIn(student.SchoolId);
        var when = recorded.Count == 1
            ? When(DateRange.Day(recorded[0].Date), today)
            : $"{UkrainianGrammar.Count(recorded.Count, "навчальний день", "навчальні дні", "навчальних днів")}: {string.Join(", ", recorded.Select(n => n.Date.ToString("dd.MM", System.Globalization.CultureInfo.InvariantCulture)))}";
        var absent = recorded.Count == 1
            ? UkrainianGrammar.BySex(student.Sex, $"{student.FullName} {when} відсутній", $"{student.FullName} {when} відсутня", $"{student.FullName}: відсутність {when}")
            : UkrainianGrammar.BySex(student.Sex, $"{student.FullName} відсутній {when}", $"{student.FullName} відсутня {when}", $"{student.FullName}: відсутність — {when}");
        // Said only when true (ADR 0035): the class teacher (or the stand-in named while they are away, ADR 0049) gets it in a
        // chat of theirs, or the class teacher sees it on the class's page in the panel.
        var (reached, standIn) = await ClassTeacherInTheBotAsync(student, today, ct);
        if (standIn is not null)
            return Replies.Text(reached
                ? $"Дякуємо. Повідомлення надіслано: класного керівника зараз заміщує {standIn}. {absent}, причина — «{recorded[0].Reason}»."
                : $"Дякуємо, повідомлення записано: {absent}, причина — «{recorded[0].Reason}». Класного керівника зараз заміщує {standIn}, " +
                  "але ще не користується ботом, тож у чаті повідомлення поки не отримає; воно збережене в журналі.");
        return Replies.Text(reached
            ? $"Дякуємо. Класного керівника повідомлено: {absent}, причина — «{recorded[0].Reason}»."
            : $"Дякуємо, повідомлення записано: {absent}, причина — «{recorded[0].Reason}». " +
              "Класний керівник ще не користується ботом, тож побачить його на сторінці класу в електронному журналі школи, а не в чаті.");
    }

    /// <summary>
    /// Whether the report reaches a chat: the student's class teacher's, or the stand-in's while one is named (then their
    /// name is returned too, for the parent's answer).
    /// </summary>
    private async Task<(bool Reached, string? StandIn)> ClassTeacherInTheBotAsync(PersonaStudent student, DateOnly today, CancellationToken ct)
    {
        if (student.ClassId is not { } classId) return (false, null);
        var teacher = await db.Classes.AsNoTracking().Where(k => k.Id == classId).Select(k => k.ClassTeacherId).FirstOrDefaultAsync(ct);
        if (teacher is not { } id) return (false, null);
        var standIn = await Bot.Domain.Talk.StandInService.ActiveAsync(db, classId, today, ct);
        var name = standIn is null ? null : await db.Staff.AsNoTracking().Where(s => s.Id == standIn.StaffId).Select(s => s.LastName + " " + s.FirstName).FirstAsync(ct);
        var facts = await consents.FactsAsync(PersonKind.Staff, standIn?.StaffId ?? id, student.SchoolId, ct);
        return (Bot.Domain.Notifications.DeliveryRules.Plan(Bot.Domain.Notifications.NotificationKind.AbsenceReport, Bot.Domain.Notifications.RecipientKind.Staff, facts)
            is Bot.Domain.Notifications.DeliveryPlan.To, name);
    }

    private async Task<DateOnly> LastSchoolDayAsync(PersonaStudent student, DateOnly today, CancellationToken ct)
    {
        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == student.SchoolId).ToListAsync(ct);
        var year = SchoolYears.Current(years, today);
        return year is null ? today : SchoolCalendar.LastSchoolDayOnOrBefore(year, today) ?? today;
    }

    private async Task<DateOnly> NextSchoolDayAsync(PersonaStudent student, DateOnly today, CancellationToken ct)
    {
        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == student.SchoolId).ToListAsync(ct);
        var year = SchoolYears.Current(years, today);
        return year is null ? today.AddDays(1) : SchoolCalendar.NextSchoolDay(year, today) ?? today.AddDays(1);
    }

    private async Task<(DateOnly From, DateOnly To)> PeriodAsync(Guid classId, DateOnly today, AttendancePeriod period, CancellationToken ct)
    {
        var yearId = await db.Classes.Where(c => c.Id == classId).Select(c => c.SchoolYearId).FirstAsync(ct);
        var year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == yearId, ct);
        return PeriodRanges.For(period, year, today);
    }

    private static HandlerResult Render<T>(Result<T> result, Func<T, Message> format) =>
        result.IsSuccess ? ConversationResult.Of(format(result.Value!)) : Replies.Error(result.Error);
}
