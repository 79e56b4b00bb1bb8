namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// The common Ukrainian words for the bot's commands: "щоденник", "оцінки", "розклад завтра",
/// "домашнє на пʼятницю", "пропуски", "завтра", "тиждень"… become the command they mean, in both messengers, so a
/// Viber parent whose keyboard was replaced is never stuck with Latin commands. Only a short text that begins with such a
/// word is read so; a sentence ("оцінки в сина погіршились, що робити?") is a message for the teacher, not a command.
/// </summary>
public static class PlainWords
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["щоденник"] = "diary", ["щоденника"] = "diary",
        ["оцінки"] = "marks", ["оцінка"] = "marks", ["оцінок"] = "marks", ["бали"] = "marks",
        ["розклад"] = "timetable", ["розкладу"] = "timetable", ["уроки"] = "timetable",
        ["домашнє"] = "homework", ["домашня"] = "homework", ["домашка"] = "homework", ["дз"] = "homework", ["д/з"] = "homework", ["завдання"] = "homework",
        ["пропуски"] = "attendance", ["пропусків"] = "attendance", ["відвідування"] = "attendance",
        ["звіт"] = "report", ["табель"] = "report",
        ["діти"] = "children", ["дитина"] = "children",
        ["налаштування"] = "settings",
        ["допомога"] = "help", ["меню"] = "help", ["команди"] = "help",
        ["написати"] = "write",
    };

    /// <summary>Words that name days: alone, they ask for the diary of those days.</summary>
    private static readonly HashSet<string> Days = new(StringComparer.Ordinal) { "сьогодні", "завтра", "вчора", "тиждень", "післязавтра" };

    /// <summary>Words a person adds that change nothing ("домашнє завдання", "розклад уроків", "написати вчителю").</summary>
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal) { "завдання", "уроків", "вчителю", "вчительці", "класному", "керівнику", "мені", "будь", "ласка" };

    /// <summary>The most words a text read as a command may have.</summary>
    private const int MaxWords = 4;

    /// <summary>The command the text means ("/timetable завтра"), or null when it is not one of these words.</summary>
    public static string? Command(string? text)
    {
        var line = (text ?? "").Trim().TrimEnd('?', '!', '.', ',').Replace('\'', 'ʼ').Replace('’', 'ʼ').ToLowerInvariant();
        var words = line.Split((char[])[' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > MaxWords) return null;
        if (words.Length == 1 && Days.Contains(words[0])) return "/diary " + words[0];
        if (!Words.TryGetValue(words[0], out var command)) return null;
        var rest = words.Skip(1).Where(w => !Filler.Contains(w)).ToList();
        if (command == "write") return rest.Count == 0 ? "/write" : null;
        // Whatever follows must read as days or a subject: the command's own parser says whether it does.
        return rest.Count == 0 ? "/" + command : $"/{command} {string.Join(' ', rest)}";
    }
}
