using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// /mark without arguments: the teacher's lessons of the day by the timetable → the class list with each student's
/// mark so far → a student's mark on one press. A whole class marked in under a minute on a phone.
/// Button data: "mw|timetable entry", "ml|lesson", "ms|lesson|student", "mv|lesson|student|value code".
/// </summary>
public sealed partial class TeacherHandlers
{
    /// <summary>Value codes keep button data ASCII and short (64 bytes; Cyrillic is 2 bytes a letter).</summary>
    private static readonly Dictionary<string, string> ValueCodes = new()
    {
        ["n"] = "н", ["i"] = "хв", ["f"] = "сформовано", ["p"] = "П", ["s"] = "С", ["d"] = "Д", ["v"] = "В", ["x"] = "",
    };

    private async Task<HandlerResult> TodayLessonsAsync(ChatContext ctx, CancellationToken ct)
    {
        // A teacher of two schools sees the day of both, each by its own school's clock and marked with the school's name.
        var schools = ctx.Persona.Staff.Select(s => s.SchoolId).Distinct().Count();
        var buttons = new List<Button>();
        foreach (var staff in ctx.Persona.Staff)
            buttons.AddRange(await TodayLessonButtonsAsync(ctx.ForStaff(staff), schools > 1 ? staff.SchoolName : null, ct));
        if (buttons.Count == 0)
            return Replies.Text("Сьогодні за розкладом у вас уроків немає. Оцінку можна поставити командою: /mark 7-А алгебра Іваненко 10 19.11");
        var m = new Message().Line("Оберіть урок:");
        foreach (var button in buttons) m.ButtonRow(button);
        return ConversationResult.Of(m);
    }

    private async Task<List<Button>> TodayLessonButtonsAsync(ChatContext ctx, string? schoolName, CancellationToken ct)
    {
        var staff = ctx.Staff!;
        // The day as planned: the teacher's own lessons (not cancelled or moved away) and those they stand in for (J-9).
        var substituted = await db.DayChanges.AsNoTracking()
            .Where(c => c.Kind == DayChangeKind.Substitution && c.TeacherId == staff.StaffId && c.Date == ctx.Today)
            .Select(c => c.ClassId!.Value).ToListAsync(ct);
        var classIds = staff.Assignments.Select(a => a.ClassId).Concat(substituted).Distinct().ToList();
        var plans = await TimetablePlans.DaysAsync(db, staff.SchoolId, classIds, ctx.Today, ct);
        var lessons = plans.Values.SelectMany(p => p.Held.Select(l => (p.ClassId, Lesson: l)))
            .Where(x => x.Lesson.EntryId is not null && x.Lesson.TeacherId == staff.StaffId)
            .OrderBy(x => x.Lesson.Number).ToList();
        if (lessons.Count == 0) return [];
        var subjectIds = lessons.Select(x => x.Lesson.SubjectId).Distinct().ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(x => subjectIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var classes = (await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id)).ToListAsync(ct)).ToDictionary(c => c.Id, c => c.Name.ToString());
        var groupIds = lessons.Select(x => x.Lesson.GroupId).OfType<Guid>().Distinct().ToList();
        var groups = await db.Groups.AsNoTracking().IgnoreAutoIncludes().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        return lessons.Select(x =>
        {
            var l = x.Lesson;
            var title = $"{classes.GetValueOrDefault(x.ClassId)} · {Domain.Roster.ClassGroup.PageTitle(subjects.GetValueOrDefault(l.SubjectId, "?"), l.GroupId is { } g ? groups.GetValueOrDefault(g) : null)}";
            var label = $"{l.Number}. {title}" + (l.IsSubstitution ? " (заміна)" : "") + (schoolName is null ? "" : $" — {schoolName}");
            return new Button(label, ButtonData.Make("mw", ButtonData.Id(l.EntryId!.Value)));
        }).ToList();
    }

    public async Task<HandlerResult> ButtonAsync(ChatContext ctx, string verb, string[] args, CancellationToken ct)
    {
        if (ctx.Staff is null) return Replies.Text(Replies.Expired);
        switch (verb)
        {
            case "mw" when args.Length == 1 && ButtonData.TryId(args[0], out var entryId):
            {
                var entry = await db.Timetable.AsNoTracking().FirstOrDefaultAsync(t => t.Id == entryId, ct);
                if (entry is null) return Replies.Text(Replies.Expired);
                ctx = ctx.ForSchool(entry.SchoolId);
                var groupId = entry.GroupId ?? ctx.Staff!.Assignments.FirstOrDefault(a => a.ClassId == entry.ClassId && a.SubjectId == entry.SubjectId)?.GroupId;
                var lesson = await roster.FindOrCreateLessonAsync(ctx, entry.ClassId, entry.SubjectId, groupId, ctx.Today, entry.LessonNumber, ct);
                return lesson.IsSuccess ? await ClassListAsync(lesson.Value!.Id, null, ct) : Replies.Error(lesson.Error);
            }
            case "ml" when args.Length == 1 && ButtonData.TryId(args[0], out var lessonId):
                return await ClassListAsync(lessonId, null, ct);
            case "ms" when args.Length == 2 && ButtonData.TryId(args[0], out var lessonId) && ButtonData.TryId(args[1], out var studentId):
                return await ValuesAsync(lessonId, studentId, ct);
            case "mv" when args.Length == 3 && ButtonData.TryId(args[0], out var lessonId) && ButtonData.TryId(args[1], out var studentId):
            {
                var text = ValueCodes.TryGetValue(args[2], out var coded) ? coded : args[2];
                var lesson = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lessonId, ct);
                if (lesson is null) return Replies.Text(Replies.Expired);
                ctx = ctx.ForSchool(lesson.SchoolId);
                var written = await journal.SetCellAsync(ctx.StaffActor,
                    new CellInput(studentId, lesson.ClassId, lesson.SubjectId, MarkColumn.Current, text, lessonId), ct);
                if (!written.IsSuccess) return Replies.Error(written.Error);
                var notice = written.Value!.NewValue is { } v ? $"Записано: {v}" : "Клітинку очищено";
                return (await ClassListAsync(lessonId, notice, ct)).Reply with { Notice = notice };
            }
            default:
                return Replies.Text(Replies.Expired);
        }
    }

    /// <summary>The class list of a lesson with what each student has so far; a press opens the marks for that student.</summary>
    private async Task<HandlerResult> ClassListAsync(Guid lessonId, string? notice, CancellationToken ct)
    {
        var lesson = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lessonId, ct);
        if (lesson is null) return Replies.Text(Replies.Expired);
        var day = await diary.ClassDayAsync(lesson.ClassId, lesson.Date, ct);
        if (!day.IsSuccess) return Replies.Error(day.Error);
        var subject = await db.Subjects.AsNoTracking().Where(s => s.Id == lesson.SubjectId).Select(s => s.Name).FirstAsync(ct);
        var m = new Message().Line(new Span.Bold($"{day.Value!.ClassName} · {subject} · {lesson.Date:dd.MM}, урок {lesson.Slot}"))
            .Line("Натисніть на учня, щоб поставити оцінку або «н».");
        if (notice is not null) m.Line(new Span.Italic(notice));
        var buttons = new List<Button>();
        foreach (var s in day.Value.Students)
        {
            var cell = s.Lessons.FirstOrDefault(l => l.LessonId == lessonId);
            if (cell is null) continue; // not in this lesson's group
            var value = cell.Absence is not null ? cell.AbsenceText : cell.Marks.FirstOrDefault(x => x.Column == MarkColumn.Current)?.Text;
            var parts = s.StudentName.Split(' ');
            var label = parts.Length > 1 ? $"{parts[0]} {parts[1][0]}." : s.StudentName;
            buttons.Add(new Button(value is null ? label : $"{label} — {value}", ButtonData.Make("ms", ButtonData.Id(lessonId), ButtonData.Id(s.StudentId))));
        }

        foreach (var row in buttons.Chunk(2)) m.ButtonRow(row);
        return ConversationResult.Of(m);
    }

    private async Task<HandlerResult> ValuesAsync(Guid lessonId, Guid studentId, CancellationToken ct)
    {
        var lesson = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lessonId, ct);
        var student = await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.Id == studentId, ct);
        if (lesson is null || student is null) return Replies.Text(Replies.Expired);
        var grade = await db.Classes.Where(c => c.Id == lesson.ClassId).Select(c => c.Grade).FirstAsync(ct);
        string[] codes = GradeScales.ForGrade(grade) switch
        {
            GradeScale.TwelvePoint => ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
            GradeScale.Levels => ["p", "s", "d", "v"],
            _ => ["f"],
        };
        Button B(string code) => new(code.All(char.IsDigit) ? code : ValueCodes[code],
            ButtonData.Make("mv", ButtonData.Id(lessonId), ButtonData.Id(studentId), code));
        var m = new Message().Line(new Span.Plain("Оцінка для "), new Span.Bold(student.FullName), new Span.Plain(":"));
        foreach (var row in codes.Chunk(4)) m.ButtonRow([.. row.Select(B)]);
        m.ButtonRow(B("n"), B("i"), new Button("Очистити", ButtonData.Make("mv", ButtonData.Id(lessonId), ButtonData.Id(studentId), "x")));
        m.ButtonRow(new Button("← До списку", ButtonData.Make("ml", ButtonData.Id(lessonId))));
        return ConversationResult.Of(m);
    }
}
