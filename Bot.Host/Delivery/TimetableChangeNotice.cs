using System.Text.Json.Nodes;
using Bot.Host.Conversation;
using Bot.Host.Conversation.Formatting;

namespace Bot.Host.Delivery;

/// <summary>
/// The timetable-change notice to a family (<see cref="Bot.Domain.Notifications.NotificationKind.TimetableChange"/>): the
/// next school day's timetable of the child's class changed after the evening diary went out, so the day is sent again as
/// it now stands, each changed lesson with its note.
/// </summary>
public static class TimetableChangeNotice
{
    /// <summary>
    /// "Іваненко Олег (7-А): зміни в розкладі на вівторок, 24 листопада", the day's own notices (remote learning, an
    /// air-raid alert), then the lessons: "2. Алгебра — заміна: Ткаченко А. М.".
    /// </summary>
    public static Message Compose(JsonNode? p, string student)
    {
        var date = DateOnly.TryParse(p?["date"]?.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : (DateOnly?)null;
        var cls = p?["className"]?.GetValue<string>();
        var who = string.IsNullOrEmpty(cls) ? student : $"{student} ({cls})";
        var m = new Message().Line(new Span.Bold(who), new Span.Plain(": зміни в розкладі" + (date is { } day ? $" на {UkrainianDates.Long(day)}" : "")));
        if (p?["dayNotes"] is JsonArray notes)
            foreach (var note in notes.Select(n => n?.GetValue<string>()).OfType<string>())
                m.Line(new Span.Italic(note));
        if (p?["lessons"] is JsonArray lessons)
        {
            foreach (var lesson in lessons.OfType<JsonObject>())
            {
                var line = $"{lesson["number"]?.GetValue<int>()}. {lesson["title"]?.GetValue<string>()}";
                m.Line(lesson["note"]?.GetValue<string>() is { } change ? [new Span.Plain(line + " — "), new Span.Bold(change)] : [new Span.Plain(line)]);
            }

            if (lessons.Count == 0) m.Line("Уроків за розкладом немає.");
        }

        return m;
    }
}
