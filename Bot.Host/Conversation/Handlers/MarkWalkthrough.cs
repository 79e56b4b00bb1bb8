using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// /lesson or /mark without arguments: the teacher's lessons of the day by the timetable, each a button into the lesson
/// flow (<see cref="FlowButtonAsync"/>, ADR 0031). Button data: "mw|timetable entry".
/// </summary>
public sealed partial class TeacherHandlers
{
    /// <summary>Value codes keep button data ASCII and short (64 bytes; Cyrillic is 2 bytes a letter).</summary>
    private static readonly Dictionary<string, string> ValueCodes = new()
    {
        ["n"] = "н", ["i"] = "хв", ["f"] = "сформовано", ["p"] = "П", ["s"] = "С", ["d"] = "Д", ["v"] = "В", ["x"] = "",
        ["na"] = "н/а", ["zv"] = "зв", ["zr"] = "зар", ["no"] = "н/о",
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
        return WithPage(ctx, null, ConversationResult.Of(m));
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

    /// <summary>
    /// The day's lesson list ("mw") opens the lesson flow; buttons of messages sent before the flow existed ("ml" a class
    /// list, "ms" a student) lead into it, and an old mark button ("mv") writes nothing and says where marking is now.
    /// </summary>
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
                if (!lesson.IsSuccess) return Replies.Error(lesson.Error);
                var (_, checkedLesson, refusal) = await FlowLessonAsync(ctx, lesson.Value!.Id, ct);
                return checkedLesson is null ? Replies.Text(refusal!) : await OpenFlowAsync(ctx, checkedLesson, ct);
            }
            case "ml" when args.Length == 1:
                return await FlowButtonAsync(ctx, ["m", args[0], "0"], ct);
            case "ms" when args.Length == 2:
                return await FlowButtonAsync(ctx, ["m", args[0], "0", args[1]], ct);
            case "mv":
                return Replies.Text("Ця кнопка — зі старого повідомлення, і нічого не записано. Оцінки тепер ставлять в одному повідомленні уроку: /lesson");
            default:
                return Replies.Text(Replies.Expired);
        }
    }
}
