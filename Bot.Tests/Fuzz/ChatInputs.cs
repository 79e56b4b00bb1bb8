using System.Text;
using Bot.Host.Conversation;

namespace Bot.Tests.Fuzz;

/// <summary>
/// What a fuzzed person types and presses, from one seeded <see cref="Random"/>: the bot's commands with real, random and
/// malformed arguments (marks of 0, 13, "12.5", huge numbers; unicode junk, right-to-left marks, zero-width characters,
/// markup, very long text, nothing), plain words, and button data forged from real ids of other classes, teachers and
/// schools, random bytes, cut-off data and data longer than Telegram's 64 bytes. Latin junk is lower-case, so that it
/// cannot spell a rule id or a setting name the reply checks look for.
/// </summary>
public sealed class ChatInputs(Random random, IReadOnlyList<Guid> ids)
{
    private static readonly string[] Commands =
    [
        "/start", "/help", "/settings", "/unlink", "/mark", "/lesson", "/homework", "/absent", "/excuse", "/undo", "/diary",
        "/timetable", "/marks", "/report", "/children", "/write", "/ack", "/attendance", "/nosuch", "/MARK", "/mark@school_journal_test_bot",
    ];

    private static readonly string[] Classes = ["7-А", "7а", "7-a", "7 А", "11-А", "3-А", "1-А", "7-Б", "99-Я", "0-А", "7-АА", "-А", "7-"];
    private static readonly string[] Subjects = ["алгебра", "алг", "англ", "укр мова", "українська мова", "шахи", "хімія", "геом", "читання", "Алгебра"];
    private static readonly string[] Students = ["Іваненко", "Петренко", "Сидоренко", "Яковенко", "Гнатюк", "Зінченко", "Лисенко", "Іваненко Олег", "Іван", "іваненко"];

    private static readonly string[] Marks =
    [
        "10", "12", "1", "0", "13", "12.5", "12,5", "-1", "+5", "99999999999999999999999", "2147483648", "1e9", "н", "Н", "зв", "зар", "н/а", "н/о",
        "П", "С", "Д", "В", "сформовано", "10/11", "10 11", "٣", "１０", "⑩", "x", "",
    ];

    private static readonly string[] Dates = ["12.11", "20.11", "31.02", "00.00", "01.01.1900", "вчора", "завтра", "сьогодні", "тиждень", "пн", "з 01.11 по 30.11", "32.13.2026", "99999999"];
    private static readonly string[] Words = ["оцінки", "розклад", "розклад завтра", "пропуски", "щоденник", "домашнє", "привіт", "дякую", "так", "ні", "?", "допоможіть", "меню"];

    private static readonly string[] Junk =
    [
        "\u202Eзворотний\u202C", "\u200F\u200Fалгебра", "\u200B", "\u200B\u200C\u200D\uFEFF", "\u00AD", "\u00A0\u00A0", "🙂👍🏽", "👨‍👩‍👧", "e\u0301\u0301\u0301",
        "<b>жирний", "</i>", "<a href=\"javascript:x\">клік</a>", "&amp;", "&lt;", "a < b & c > d", "\"'`", "\\", "|", "||", "\t", "\r\n", "\n\n\n",
        "%s %d {0}", "'; drop table marks; --", "\uD83D", "\uFFFF", "\u0000", "ℌ𝔢𝔩𝔩𝔬", "ا‎ل", "中文", "ї'є", "Ґ", "§3, № 11",
    ];

    private const string LatinLetters = "abcdefghijklmnopqrstuvwxyz";

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public bool Chance(double p) => random.NextDouble() < p;

    /// <summary>A message: mostly a command with arguments, else plain words or junk.</summary>
    public string Text() => random.Next(10) switch
    {
        < 2 => WellFormed(),
        < 6 => Command(),
        < 8 => Pick(Words) + (Chance(0.3) ? " " + Argument() : ""),
        _ => Argument(),
    };

    /// <summary>A command as a teacher means it (so that the run writes, and the writes are judged), now and then for another class.</summary>
    private string WellFormed()
    {
        var cls = Pick(["7-А", "7-А", "7-А", "11-А", "3-А"]);
        var subject = Pick(["алгебра", "алгебра", "укр мова", "англ"]);
        var student = Pick(["Іваненко", "Петренко", "Сидоренко", "Яковенко"]);
        return random.Next(7) switch
        {
            0 or 1 => $"/mark {cls} {subject} {student} {1 + random.Next(12)}",
            2 => $"/lesson {cls} {subject} {Pick(["Дроби", "Рівняння", "Present Perfect", "Прикметник"])}",
            3 => $"/homework {cls} {subject} §{1 + random.Next(20)}, № {1 + random.Next(500)}",
            4 => $"/absent {cls} {student}",
            5 => $"/excuse {student} {Pick(["20.11", "19.11", "сьогодні"])}",
            _ => "/undo",
        };
    }

    private string Command()
    {
        var command = Pick(Commands);
        var n = random.Next(5);
        var parts = new List<string> { command };
        if (command is "/mark" or "/lesson" or "/homework" or "/absent" && Chance(0.7))
        {
            // The command's own shape, with something off now and then.
            parts.Add(Pick(Classes));
            parts.Add(Pick(Subjects));
            if (command == "/mark")
                for (var i = 0; i < 1 + random.Next(3); i++)
                {
                    parts.Add(Pick(Students));
                    parts.Add(Pick(Marks));
                }
            else if (command == "/absent") parts.Add(Pick(Students));
            else parts.Add(Argument());
        }
        else if (command is "/excuse" && Chance(0.7))
        {
            parts.Add(Pick(Students));
            parts.Add(Pick(Dates));
        }
        else
        {
            for (var i = 0; i < n; i++) parts.Add(Argument());
        }

        return string.Join(Chance(0.1) ? "  \u00A0" : " ", parts);
    }

    /// <summary>One argument: a real word of the school, a mark, a date, junk, a huge or empty text.</summary>
    public string Argument() => random.Next(12) switch
    {
        0 => Pick(Classes),
        1 => Pick(Subjects),
        2 => Pick(Students),
        3 => Pick(Marks),
        4 => Pick(Dates),
        5 or 6 => Pick(Junk),
        7 => Latin(1 + random.Next(12)),
        8 => new string(Pick(['щ', 'a', '<', '&', '\u200B', ' ']), random.Choose(1, 50, 4100, 9000)),
        9 => string.Concat(Enumerable.Range(0, 1 + random.Next(6)).Select(_ => Pick(Junk))),
        10 => random.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) + random.Next(1000),
        _ => "",
    };

    private string Latin(int length) => new(Enumerable.Range(0, length).Select(_ => LatinLetters[random.Next(LatinLetters.Length)]).ToArray());

    private static readonly string[] Verbs =
    [
        "lf", "mw", "ml", "ms", "mv", "ch", "ab", "st", "cs", "tw", "ts", "tr", "ta", "tp", "ax", "ak", "fa", "sh", "ro", "pk", "c", "ld", "zz", "",
    ];

    private static readonly string[] FlowSteps = ["t", "r", "a", "m", "v", "p", "u", "d", "h", "x", ""];

    /// <summary>
    /// Button data nobody was given: a known verb with real ids of other lessons, classes and schools, random bytes,
    /// a valid press cut short or run past 64 bytes, or another chat's button.
    /// </summary>
    public string Forged(IReadOnlyList<string> seen) => random.Next(8) switch
    {
        < 3 => ForgedFlow(),
        3 => string.Join('|', [Pick(Verbs), .. Enumerable.Range(0, random.Next(5)).Select(_ => IdOrJunk())]),
        4 => RandomBytes(),
        5 when seen.Count > 0 => Pick(seen) is var s && s.Length > 1 ? s[..random.Next(1, s.Length)] : s,
        6 when seen.Count > 0 => Pick(seen) + new string('|', 1 + random.Next(3)) + IdOrJunk() + (Chance(0.5) ? new string('x', 70) : ""),
        _ => Pick(Verbs) + "|" + new string('ї', 40 + random.Next(40)),
    };

    private string ForgedFlow()
    {
        var step = Pick(FlowSteps);
        var args = new List<string> { "lf", step, ButtonData.Id(Pick(ids)) };
        switch (step)
        {
            case "t": args.Add(ButtonData.Id(Pick(ids))); break;
            case "m": args.Add(Pick(["c", "n", "s1", "zz", ""])); if (Chance(0.5)) args.Add(ButtonData.Id(Pick(ids))); break;
            case "v": args.AddRange([ButtonData.Id(Pick(ids)), Pick(["c", "n", "x"]), Pick(["10", "12", "13", "0", "н", "x", "999999", "зв", ""])]); break;
        }

        if (Chance(0.1)) args.Add(IdOrJunk());
        return string.Join('|', args);
    }

    private string IdOrJunk() => random.Next(5) switch
    {
        < 2 => ButtonData.Id(Pick(ids)),
        2 => ButtonData.Id(RandomGuid()),
        3 => ButtonData.Id(Pick(ids))[..random.Next(22)],
        _ => Latin(random.Next(30)),
    };

    private Guid RandomGuid()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private string RandomBytes()
    {
        var bytes = new byte[1 + random.Next(80)];
        random.NextBytes(bytes);
        return Encoding.UTF8.GetString(bytes);
    }
}

internal static class RandomExtensions
{
    public static int Choose(this Random random, params int[] options) => options[random.Next(options.Length)];
}
