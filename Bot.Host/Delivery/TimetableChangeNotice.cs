using Bot.Domain.Notifications;
using Bot.Host.Conversation;
using Bot.Host.Conversation.Formatting;

namespace Bot.Host.Delivery;

/// <summary>
/// The timetable-change notice to a family (<see cref="NotificationKind.TimetableChange"/>): the
/// next school day's timetable of the child's class changed after the evening diary went out, so the day is sent again as
/// it now stands, each changed lesson with its note.
/// </summary>
public static class TimetableChangeNotice
{
    /// <summary>
    /// "Іваненко Олег (7-А): зміни в розкладі на вівторок, 24 листопада", the day's own notices (remote learning, an
    /// air-raid alert), then the lessons: "2. Алгебра — заміна: Ткаченко А. М.".
    /// </summary>
    public static Message Compose(TimetableChangePayload p, string student)
    {
        var who = string.IsNullOrEmpty(p.ClassName) ? student : $"{student} ({p.ClassName})";
        var m = new Message().Line(new Span.Bold(who), new Span.Plain(": зміни в розкладі" + (p.Date == default ? "" : $" на {UkrainianDates.WeekdayAccusative(p.Date)}, {UkrainianDates.DayMonth(p.Date)}")));
        foreach (var note in (p.DayNotes ?? []).OfType<string>())
            m.Line(new Span.Italic(note));
        if (p.Lessons is { } lessons)
        {
            foreach (var lesson in lessons)
            {
                var line = $"{lesson.Number}. {lesson.Title}";
                m.Line(lesson.Note is { } change ? [new Span.Plain(line + " — "), new Span.Bold(change)] : [new Span.Plain(line)]);
            }

            if (lessons.Count == 0) m.Line("Уроків за розкладом немає.");
        }

        return m;
    }
}
