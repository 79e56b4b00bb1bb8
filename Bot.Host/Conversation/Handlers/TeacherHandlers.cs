using Bot.Domain;
using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Text;
using Bot.Host.Conversation.Formatting;
using Bot.Host.Conversation.Parsing;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// Teachers' and class teachers' commands: /mark (typed or with buttons), /absent, /lesson, /homework, /undo,
/// /attendance, /excuse. Every change goes through <see cref="JournalService"/> with the chat's channel as the
/// audit's channel; the rights are the journal's (own classes and subjects only).
/// </summary>
public sealed partial class TeacherHandlers(JournalDbContext db, JournalService journal, TeacherRoster roster, DiaryQueries diary,
    Bot.Domain.Notifications.NotificationRulesService rules, TimeProvider clock, Bot.Host.LessonPage.LessonPageLinks pageLinks, CalendarPlanService plans)
{
    public async Task<HandlerResult> HandleAsync(ChatContext ctx, ChatRequest request, Choices choices, CancellationToken ct)
    {
        if (ctx.Staff is null) return Replies.Text("Ця команда — для вчителів.");
        ctx = SchoolOfNamedClass(ctx, request);
        return request switch
        {
            MarkWalkthroughRequest => await TodayLessonsAsync(ctx, ct),
            UndoRequest => await UndoAsync(ctx, ct),
            TeacherRequest { Form: TeacherForm.Mark } r => await MarkAsync(ctx, r.Args, choices, ct),
            TeacherRequest { Form: TeacherForm.Absent } r => await AbsentAsync(ctx, r.Args, choices, ct),
            TeacherRequest { Form: TeacherForm.Lesson } r => await LessonAsync(ctx, r.Args, choices, homework: false, ct),
            TeacherRequest { Form: TeacherForm.Homework } r => await LessonAsync(ctx, r.Args, choices, homework: true, ct),
            TeacherRequest { Form: TeacherForm.Attendance } r => await AttendanceAsync(ctx, r.Args, ct),
            TeacherRequest { Form: TeacherForm.Excuse } r => await ExcuseAsync(ctx, r.Args, choices, ct),
            _ => Replies.Text("Ця команда тут недоступна."),
        };
    }

    private async Task<HandlerResult> MarkAsync(ChatContext ctx, CommandArgs args, Choices choices, CancellationToken ct)
    {
        var groupCodes = await db.ResultGroups.AsNoTracking().Where(g => g.SchoolId == ctx.Staff!.SchoolId).Select(g => g.Code).Distinct().ToListAsync(ct);
        var parsed = MarkParser.Parse(args, await roster.LoadAsync(ctx, ct, args), ctx.Today, choices, groupCodes, ctx.Calendar);
        if (parsed.IsAmbiguous) return HandlerResult.Ask(parsed.Ambiguity);
        if (parsed.IsFailure) return Replies.Error(parsed.Error);
        var command = parsed.Value!;
        ResultGroup? outcomes = null;
        if (command.ResultGroup is { } target)
        {
            var found = await FindResultGroupAsync(command, target, command.Date ?? ctx.Today, ct);
            if (!found.IsSuccess) return Replies.Error(found.Error);
            (outcomes, var groupColumn) = found.Value;
            command = command with { Column = groupColumn, ResultGroupId = outcomes.Id };
        }

        if (CellParser.IsCouncilCreditColumn(command.Column))
        {
            // N-12: the class's year may hold the teachers' council's "зараховано / не зараховано" for its grade.
            var year = await db.Classes.AsNoTracking().Where(c => c.Id == command.ClassId)
                .Join(db.SchoolYears, c => c.SchoolYearId, y => y.Id, (c, y) => y).FirstOrDefaultAsync(ct);
            command = command with { CouncilCredit = year?.CreditsPeriodMarks(command.Class.Name.Grade) == true };
        }

        var check = command.Check();
        if (!check.IsSuccess) return Replies.Error(check.Error);

        var date = command.Date ?? ctx.Today;
        var unit = Guid.NewGuid(); // the command's write unit: its lesson (when it creates one) and every student's cell
        Guid? lessonId = null;
        int? slot = null;
        if (command.Column == MarkColumn.Current)
        {
            // Two lessons of the page that day: asked by number, never guessed.
            var slots = await roster.SlotsOfDayAsync(command.ClassId, command.SubjectId, command.GroupId, date, ct);
            if (slots.Count > 1)
            {
                var candidates = slots.Select(n => new Candidate(TeacherRoster.SlotId(n), $"Урок {n}")).ToList();
                var picked = choices.Pick(LessonSlot, candidates, c => c.Id);
                if (picked is null)
                    return HandlerResult.Ask(new Ambiguity(AmbiguityKind.Lesson, LessonSlot, "",
                        $"{command.Class.Name} · {command.PageTitle}: {date:dd.MM.yyyy} уроків {slots.Count}. На який записати?", candidates));
                slot = slots[candidates.IndexOf(picked)];
            }

            var lesson = await roster.FindOrCreateLessonAsync(ctx, command.ClassId, command.SubjectId, command.GroupId, date, slot, ct, unit);
            if (!lesson.IsSuccess)
                return lesson.Error.Code == TeacherRoster.NotInTimetable
                    ? Replies.Text($"{lesson.Error.Message} Вкажіть дату уроку в кінці команди, наприклад: /mark {args.Text} {TeacherRoster.PreviousWeekday(date):dd.MM}")
                    : Replies.Error(lesson.Error);
            lessonId = lesson.Value!.Id;
            slot = lesson.Value.Slot;
        }

        var written = await journal.SetCellsAsync(ctx.StaffActor, command.ToCellInputs(lessonId), ct: ct, batchId: unit);
        if (!written.IsSuccess) return Replies.Error(written.Error);
        // A dateless column's mark stands where the journal placed it (a semester mark at the semester's end), not at today.
        var placed = written.Value!.Select(c => c.Mark?.Date).FirstOrDefault(d => d is not null) ?? date;
        var column = command.Column == MarkColumn.Current ? $"{date:dd.MM.yyyy}, урок {slot}"
            : outcomes is not null ? $"{outcomes.Code} «{outcomes.Title}», {(command.Column == MarkColumn.ResultGroup1 ? "І" : "ІІ")} семестр"
            : $"{MarkColumns.FullTitle(command.Column)}, {placed:dd.MM.yyyy}";
        var m = new Message().Line(new Span.Plain("Записано: "), new Span.Bold($"{command.Class.Name} · {command.PageTitle} · {column}"));
        foreach (var (item, change) in command.Items.Zip(written.Value!))
            m.Line($"• {item.StudentName} — {change.NewValue ?? "очищено"}" + (change.Outcome == CellOutcome.Changed ? $" (було {change.OldValue})" : ""));
        var window = await rules.UndoWindowAsync(ctx.Staff!.SchoolId, ct);
        m.Line(new Span.Italic($"Помилились? /undo — скасувати протягом {UkrainianText.Duration(window)}; батьки отримають сповіщення після цього."));
        return ConversationResult.Of(m);
    }

    private const string LessonSlot = "lesson";

    /// <summary>
    /// N-7: the group of results a teacher typed in /mark ("гр2", a group's code) among the subject's groups of the class's
    /// year, in an НУШ class only; the semester the keyword named, else the one of the date. Refusals list the groups.
    /// </summary>
    private async Task<Result<(ResultGroup Group, MarkColumn Column)>> FindResultGroupAsync(MarkCommand command, ResultGroupTarget target, DateOnly date,
        CancellationToken ct)
    {
        var schoolClass = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.ClassId, ct);
        if (schoolClass is null) return JournalErrors.NotFound("Клас");
        if (!schoolClass.AssessedByResultGroups) return JournalErrors.ResultGroupNotNus(command.Class.Name.ToString());
        var year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == schoolClass.SchoolYearId, ct);
        var groups = (await db.ResultGroups.AsNoTracking()
                .Where(g => g.SchoolYearId == year.Id && g.SubjectId == command.SubjectId).ToListAsync(ct))
            .OrderBy(g => g.Number).ToList();
        var page = $"{command.Class.Name} · {command.Subject.Name}";
        if (groups.Count == 0)
            return new DomainError("mark.no_result_groups",
                $"{page}: у предмета ще немає груп результатів на цей навчальний рік. Їх задає заступник директора в панелі, на сторінці «Групи результатів».");

        var typed = ResultGroupWords.Fold(target.Typed);
        var number = ResultGroupWords.Number(target.Typed);
        var group = groups.FirstOrDefault(g => ResultGroupWords.Fold(g.Code) == typed) ?? groups.FirstOrDefault(g => number == g.Number);
        if (group is null)
        {
            var list = string.Join("\n", groups.Select(g => $"• {g.Code} — {g.Title}"));
            var example = $"/mark {command.Class.Name} {command.Subject.Name.ToLowerInvariant()} {groups[0].Code.ToLowerInvariant()}: {command.Items[0].StudentName.Split(' ')[0]} 10";
            var what = number is null && typed == "гр" ? "Вкажіть групу результатів." : $"Групи результатів «{target.Typed}» немає.";
            return new DomainError("mark.unknown_result_group", $"{page}: {what} Групи цього предмета:\n{list}\nНаприклад: {example}");
        }

        var semester = target.Semester ?? (date > year.Semester1End ? 2 : 1);
        return (group, MarkColumns.ResultGroupOf(semester));
    }

    private async Task<HandlerResult> AbsentAsync(ChatContext ctx, CommandArgs args, Choices choices, CancellationToken ct)
    {
        var snapshot = await roster.LoadAsync(ctx, ct, args);
        var parsed = AbsentParser.Parse(args, snapshot, ctx.Today, choices, ctx.Calendar);
        if (parsed.IsAmbiguous) return HandlerResult.Ask(parsed.Ambiguity);
        if (parsed.IsFailure) return Replies.Error(parsed.Error);
        var command = parsed.Value!;
        var date = command.Date ?? ctx.Today;

        // The teacher's lesson in that class on that day: the numbered one, or the one under way by the bell times.
        var pages = snapshot.AssignmentsIn(command.Class.Id);
        if (pages.Count == 0) return Replies.Error(JournalErrors.NotYourLesson);
        var page = await PageInTimetableAsync(ctx, command.Class.Id, pages, date, command.LessonNumber, ct) ?? pages[0];
        var unit = Guid.NewGuid(); // the command's write unit: its lesson (when it creates one) and every student's "н"
        var lesson = await roster.FindOrCreateLessonAsync(ctx, command.Class.Id, page.Subject.Id, page.GroupId, date, command.LessonNumber, ct, unit);
        if (!lesson.IsSuccess) return Replies.Error(lesson.Error);
        var inputs = command.Students.Select(s => new CellInput(s.Id, command.Class.Id, page.Subject.Id, MarkColumn.Current, "н", lesson.Value!.Id)).ToList();
        var written = await journal.SetCellsAsync(ctx.StaffActor, inputs, ct: ct, batchId: unit);
        if (!written.IsSuccess)
            return written.Error.Code == JournalErrors.AbsenceOverMarkCode
                ? Replies.Text($"{written.Error.Message}\n{await ClearMarksHintAsync(command.Class.Name.ToString(), page.Subject.Name, lesson.Value!.Id, command.Students, ct)}")
                : Replies.Error(written.Error);
        var window = await rules.UndoWindowAsync(ctx.Staff!.SchoolId, ct);
        return Replies.Text($"Відсутні ({command.Class.Name}, {page.PageTitle}, {date:dd.MM}, урок {lesson.Value!.Slot}): " +
            string.Join(", ", command.Students.Select(s => s.FullName)) + ".\nКласний керівник може змінити «н» на «хв»." +
            $"\nПомилились? /undo — скасувати протягом {UkrainianText.Duration(window)}.");
    }

    private async Task<TeachingEntry?> PageInTimetableAsync(ChatContext ctx, Guid classId, IReadOnlyList<TeachingEntry> pages, DateOnly date, int? number,
        CancellationToken ct)
    {
        var weekday = date.DayOfWeek;
        var subjectIds = pages.Select(p => p.Subject.Id).ToList();
        var entries = (await db.Timetable.AsNoTracking().Where(t => t.ClassId == classId && t.Day == weekday && subjectIds.Contains(t.SubjectId)).ToListAsync(ct))
            .Where(t => t.AppliesOn(date)).OrderBy(t => t.LessonNumber).ToList();
        if (number is { } n) entries = entries.Where(t => t.LessonNumber == n).ToList();
        if (entries.Count == 0) return null;
        var bells = await roster.BellsAsync(ctx, ct);
        var now = TimeOnly.FromDateTime(ctx.LocalNow);
        var entry = entries.LastOrDefault(t => date != ctx.Today || (bells.TryGetValue(t.LessonNumber, out var s) && s <= now)) ?? entries[0];
        return pages.FirstOrDefault(p => p.Subject.Id == entry.SubjectId && (entry.GroupId is null || p.GroupId == entry.GroupId));
    }

    private async Task<HandlerResult> LessonAsync(ChatContext ctx, CommandArgs args, Choices choices, bool homework, CancellationToken ct)
    {
        var snapshot = await roster.LoadAsync(ctx, ct);
        Guid classId, subjectId;
        Guid? groupId;
        string text, page;
        if (homework)
        {
            var parsed = LessonTextParser.ParseHomework(args, snapshot, choices);
            if (parsed.IsAmbiguous) return HandlerResult.Ask(parsed.Ambiguity);
            if (parsed.IsFailure) return Replies.Error(parsed.Error);
            var c = parsed.Value!;
            (classId, subjectId, groupId, text, page) = (c.Class.Id, c.Subject.Id, c.GroupId, c.Text, $"{c.Class.Name} · {Domain.Roster.ClassGroup.PageTitle(c.Subject.Name, c.GroupName)}");
        }
        else
        {
            var parsed = LessonTextParser.ParseLesson(args, snapshot, choices);
            if (parsed.IsAmbiguous) return HandlerResult.Ask(parsed.Ambiguity);
            if (parsed.IsFailure) return Replies.Error(parsed.Error);
            var c = parsed.Value!;
            (classId, subjectId, groupId, text, page) = (c.Class.Id, c.Subject.Id, c.GroupId, c.Topic, $"{c.Class.Name} · {Domain.Roster.ClassGroup.PageTitle(c.Subject.Name, c.GroupName)}");
        }

        // Only invisible characters: refused before today's lesson is found or created, so nothing at all is written.
        if (VisibleText.IsInvisibleOnly(text)) return Replies.Error(JournalErrors.InvisibleText(homework ? "Домашнє завдання" : "Тема уроку"));
        var lesson = await roster.FindOrCreateLessonAsync(ctx, classId, subjectId, groupId, ctx.Today, null, ct);
        if (!lesson.IsSuccess) return Replies.Error(lesson.Error);
        var l = lesson.Value!;
        var input = new LessonInput(classId, subjectId, groupId, l.Date, l.Slot, homework ? null : text, Homework: homework ? text : null);
        var saved = await journal.RecordLessonAsync(ctx.StaffActor, input, ct: ct);
        if (!saved.IsSuccess) return Replies.Error(saved.Error);
        if (!homework) return Replies.Text($"Тему уроку записано ({page}, {l.Date:dd.MM}, урок {l.Slot}, №{saved.Value!.Number}): {text}");
        // What the families get, by the school's rules: a notice after the undo window (quiet hours hold it), or the evening diary.
        var schoolRules = await rules.ForSchoolAsync(ctx.Staff!.SchoolId, ct);
        var window = await rules.UndoWindowAsync(ctx.Staff.SchoolId, ct);
        var families = schoolRules.HomeworkNotices
            ? $"Батьки отримають його через {UkrainianText.Duration(window)} (у тихі години — вранці)."
            : schoolRules.DailyDiary ? "Батьки побачать його у вечірньому щоденнику." : "Батьки побачать його в боті на запит /homework.";
        return Replies.Text($"Домашнє завдання записано ({page}, {l.Date:dd.MM}, урок {l.Slot}): {text}\n{families}");
    }

    /// <summary>
    /// /undo: takes back the teacher's latest write unit (everything one command wrote: every student of a multi-student
    /// /mark or /absent) whole, if it is still within the undo window counted from its write; a second /undo takes back
    /// the unit before it. Alerts of the undone unit never go (<see cref="JournalService.UndoBatchAsync"/>).
    /// </summary>
    private async Task<HandlerResult> UndoAsync(ChatContext ctx, CancellationToken ct)
    {
        // The latest unit of any of the chat's staff records (a teacher of two schools), undone as that school's record.
        var latest = await journal.LatestUnitAsync(ctx.Persona.Staff.Select(s => s.StaffId).ToList(), ct);
        if (latest is null) return Replies.Text("Немає записів, які можна скасувати.");
        ctx = ctx.ForSchool(latest.SchoolId);
        var undone = await journal.UndoBatchAsync(ctx.StaffActor, latest.BatchId, UndoReason, ct);
        if (!undone.IsSuccess) return Replies.Error(undone.Error);
        var m = new Message().Bold("Скасовано:");
        foreach (var line in undone.Value!.Lines) m.Line("• " + line);
        m.Line(new Span.Italic("Батьки нічого з цього не отримають."));
        return ConversationResult.Of(m);
    }

    private const string UndoReason = "Скасовано автором (/undo)";

    /// <summary>The command that clears the marks standing in the way of "н" (the teacher's own, while they may still fix them).</summary>
    private async Task<string> ClearMarksHintAsync(string className, string subject, Guid lessonId, IReadOnlyList<StudentEntry> students, CancellationToken ct)
    {
        var ids = students.Select(s => s.Id).ToList();
        var marked = await db.Marks.AsNoTracking().Where(m => m.LessonId == lessonId && ids.Contains(m.StudentId)).Select(m => m.StudentId).ToListAsync(ct);
        var names = students.Where(s => marked.Contains(s.Id)).Select(s => $"{s.LastName} -");
        return $"Очистити оцінку: /mark {className} {subject.ToLowerInvariant()}: {string.Join(", ", names)}";
    }

    private async Task<HandlerResult> AttendanceAsync(ChatContext ctx, CommandArgs args, CancellationToken ct)
    {
        ctx = ClassTeacherRecord(ctx);
        var own = ctx.Staff!.ClassTeacherOf;
        var classes = own.Select(c => new ClassEntry(c.ClassId, Domain.Roster.ClassName.Parse(c.ClassName).Value)).ToList();
        var parsed = AttendanceParser.Parse(args, classes);
        // Not one of theirs: read again among the school's classes, so a class that exists but is not theirs is told as
        // such (and only one that is in no list is "not in the school").
        if (!parsed.IsSuccess && parsed.Error.Code == ParseErrorCodes.ClassNotInSchool
            && (await roster.LoadAsync(ctx, ct)).Classes is { Count: > 0 } schoolClasses)
            parsed = AttendanceParser.Parse(args, schoolClasses);
        if (!parsed.IsSuccess) return Replies.Error(parsed.Error);
        var cls = parsed.Value!.Class ?? classes.FirstOrDefault();
        if (cls is null) return Replies.Text("Зведення відвідування бачить класний керівник свого класу.");
        if (classes.All(c => c.Id != cls.Id))
            return Replies.Text($"{cls.Name} — не ваш клас: зведення відвідування бачить його класний керівник."
                + (classes.Count == 0 ? "" : $" Ваш клас: {string.Join(", ", classes.Select(c => c.Name.ToString()))}."));
        var yearId = await db.Classes.Where(c => c.Id == cls.Id).Select(c => c.SchoolYearId).FirstAsync(ct);
        var year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == yearId, ct);
        var (from, to) = PeriodRanges.For(parsed.Value.Period ?? AttendancePeriod.Week, year, ctx.Today);
        var attendance = await diary.ClassAttendanceAsync(cls.Id, from, to, ct);
        if (!attendance.IsSuccess) return Replies.Error(attendance.Error);
        var report = await diary.AbsencesToReportAsync(cls.Id, year.Semester1Start, ctx.Today, ct);
        var m = DiaryFormatter.ClassAttendance(attendance.Value!, report.IsSuccess ? report.Value : null);
        var notices = await db.AbsenceNotices.AsNoTracking().Where(n => n.Date >= from && n.Date <= to)
            .Join(db.Enrolments.Where(e => e.ClassId == cls.Id), n => n.StudentId, e => e.StudentId, (n, e) => n)
            .OrderBy(n => n.Date).ToListAsync(ct);
        if (notices.Count > 0)
        {
            var names = attendance.Value!.Students.ToDictionary(s => s.StudentId, s => s.StudentName);
            m.Blank().Line(new Span.Bold("Повідомлення батьків:"));
            foreach (var n in notices) m.Line($"• {n.Date:dd.MM} {names.GetValueOrDefault(n.StudentId, "")}: {n.Reason} ({n.ReportedBy})");
        }

        return ConversationResult.Of(m);
    }

    private async Task<HandlerResult> ExcuseAsync(ChatContext ctx, CommandArgs args, Choices choices, CancellationToken ct)
    {
        ctx = ClassTeacherRecord(ctx);
        var own = ctx.Staff!.ClassTeacherOf.FirstOrDefault();
        if (own is null) return Replies.Error(JournalErrors.ExcuseOnlyClassTeacher);
        var snapshot = await roster.LoadAsync(ctx, ct);
        var cls = new ClassEntry(own.ClassId, Domain.Roster.ClassName.Parse(own.ClassName).Value);
        var parsed = ExcuseParser.Parse(args, cls, snapshot.StudentsOf(own.ClassId), ctx.Today, choices, ctx.Calendar);
        if (parsed.IsAmbiguous) return HandlerResult.Ask(parsed.Ambiguity);
        if (parsed.IsFailure) return Replies.Error(parsed.Error);
        var command = parsed.Value!;
        var total = 0;
        DomainError? lastError = null;
        for (var d = command.Days.From; d <= command.Days.To; d = d.AddDays(1))
        {
            var r = await journal.SetDayAbsenceKindAsync(ctx.StaffActor, command.Student.Id, d, AbsenceKind.Ill, ct: ct);
            if (r.IsSuccess) total += r.Value;
            else lastError = r.Error;
        }

        if (total == 0 && lastError is not null) return Replies.Error(lastError);
        return Replies.Text($"{command.Student.FullName}: «н» змінено на «хв» ({total} {Bot.Domain.Text.UkrainianText.Plural(total, "урок", "уроки", "уроків")}, {command.Days}).");
    }
}
