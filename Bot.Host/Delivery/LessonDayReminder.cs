using System.Globalization;
using Bot.Domain.Notifications;
using Bot.Host.Conversation;

namespace Bot.Host.Delivery;

/// <summary>
/// The end of a teacher's day (<see cref="NotificationKind.LessonsToRecord"/>, ADR 0034): the day's lessons still
/// without a topic or a roll call, one line each, and a button per lesson into the lesson flow ("ld|entry|yyyyMMdd"),
/// which opens it on that day only (J-7).
/// </summary>
public static class LessonDayReminder
{
    public const string Verb = "ld";

    public static string ButtonData(Guid entryId, DateOnly date) =>
        Conversation.ButtonData.Make(Verb, Conversation.ButtonData.Id(entryId), date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    public static Message Compose(LessonsToRecordPayload day)
    {
        var m = new Message()
            .Bold($"Незаписані уроки за {day.Date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)} ({Conversation.Formatting.UkrainianDates.Weekday(day.Date)})")
            .Line("Уроки записують у день, коли їх проведено. Допишіть, поки триває цей день:");
        foreach (var lesson in day.Lessons.OrderBy(l => l.Number))
            m.Line($"• Урок {lesson.Number} · {lesson.Class} · {lesson.Subject}: {Missing(lesson)}");
        foreach (var lesson in day.Lessons.OrderBy(l => l.Number))
            m.ButtonRow(new Button($"Урок {lesson.Number} · {lesson.Class} · {lesson.Subject}", ButtonData(lesson.EntryId, day.Date)));
        return m;
    }

    private static string Missing(LessonToRecord lesson) => (lesson.NoTopic, lesson.NoRollCall) switch
    {
        (true, true) => "немає теми, перекличку не проведено",
        (true, false) => "немає теми",
        _ => "перекличку не проведено",
    };
}
