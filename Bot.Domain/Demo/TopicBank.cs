using System.Globalization;

namespace Bot.Domain.Demo;

/// <summary>A theme (section) of a subject's programme: its title and the topics of its first lessons (J-6).</summary>
internal sealed record ThemeSpec(string Title, IReadOnlyList<string> Topics);

/// <summary>
/// Themes and lesson topics of each subject by grade, from a realistic Ukrainian programme. The texts live in
/// <c>Topics.*.cs</c>, one line a theme: <c>grades | title | topic; topic; ...</c> under a <c>[subject]</c> header.
/// </summary>
internal static partial class TopicBank
{
    private static readonly Lazy<Dictionary<string, List<(int From, int To, ThemeSpec Theme)>>> Bank =
        new(() => Parse(string.Join('\n', Languages, Mathematics, Sciences, Society, Arts)));

    /// <summary>The themes of a subject in a grade, in programme order.</summary>
    public static IReadOnlyList<ThemeSpec> ThemesFor(string subjectKey, int grade)
    {
        var themes = Bank.Value.TryGetValue(subjectKey, out var all)
            ? all.Where(t => t.From <= grade && grade <= t.To).Select(t => t.Theme).ToList()
            : [];
        return themes.Count > 0 ? themes : throw new InvalidOperationException($"No demo themes for '{subjectKey}' in grade {grade}.");
    }

    private static Dictionary<string, List<(int, int, ThemeSpec)>> Parse(string text)
    {
        var bank = new Dictionary<string, List<(int, int, ThemeSpec)>>(StringComparer.Ordinal);
        List<(int, int, ThemeSpec)>? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line[0] == '[')
            {
                current = [];
                bank.Add(line.Trim('[', ']'), current);
                continue;
            }

            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            var grades = parts[0].Split('-');
            var from = int.Parse(grades[0], CultureInfo.InvariantCulture);
            var to = grades.Length > 1 ? int.Parse(grades[1], CultureInfo.InvariantCulture) : from;
            var topics = parts[2].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            (current ?? throw new FormatException($"A theme before any [subject]: {line}")).Add((from, to, new ThemeSpec(parts[1], topics)));
        }

        return bank;
    }
}
