using Bot.Domain.Text;

namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// Where a student is looked for: the students a word may name (<see cref="Pool"/>: the class, or the members of
/// the teacher's groups), and the whole class, to tell "not in your group" from "no such student".
/// </summary>
internal sealed record StudentScope(string ClassName, IReadOnlyList<StudentEntry> Class, IReadOnlyList<StudentEntry> Pool, string? GroupPage = null)
{
    public static StudentScope WholeClass(string className, IReadOnlyList<StudentEntry> students) => new(className, students, students);
}

/// <summary>
/// Finds a student by a surname prefix ("іван", "Іваненко", "IВАН" with a Latin I), with the first name or its
/// initial after it when two share a surname ("Бондар О.", "Бондар Ірина"). A word equal to a whole name part
/// beats a prefix: "Бондар" is Бондар, not Бондаренко. Several students left → an <see cref="Ambiguity"/>;
/// none → a refusal naming the class and suggesting close names.
/// </summary>
internal static class StudentMatcher
{
    private const int MaxSuggestions = 5;
    private const int SuggestionPrefix = 3;
    private const int SuggestionDistance = 2;

    /// <summary>The students whose name words start with <paramref name="typed"/> words in order, best fits only.</summary>
    public static IReadOnlyList<StudentEntry> Match(IReadOnlyList<string> typed, IEnumerable<StudentEntry> students)
    {
        if (typed.Count == 0 || typed.Any(t => t.Length == 0))
            return [];
        var scored = new List<(StudentEntry Student, int Exact)>();
        foreach (var student in students)
        {
            var words = student.Words;
            if (typed.Count > words.Length)
                continue;
            var exact = 0;
            var fits = true;
            for (var i = 0; i < typed.Count && fits; i++)
            {
                fits = words[i].StartsWith(typed[i], StringComparison.Ordinal);
                if (words[i].Length == typed[i].Length)
                    exact++;
            }
            if (fits)
                scored.Add((student, exact));
        }
        if (scored.Count == 0)
            return [];
        var best = scored.Max(s => s.Exact);
        return scored.Where(s => s.Exact == best).Select(s => s.Student).ToList();
    }

    /// <summary>Matches surname first, then — for two words typed the other way round — first name first.</summary>
    public static IReadOnlyList<StudentEntry> MatchEitherOrder(IReadOnlyList<string> typed, IEnumerable<StudentEntry> students)
    {
        var list = students as IReadOnlyList<StudentEntry> ?? students.ToList();
        var found = Match(typed, list);
        return found.Count == 0 && typed.Count == 2 ? Match([typed[1], typed[0]], list) : found;
    }

    /// <summary>The one student <paramref name="name"/> names in <paramref name="scope"/>.</summary>
    public static Parsed<StudentEntry> Resolve(IReadOnlyList<Token> name, StudentScope scope, Choices choices)
    {
        var typedText = string.Join(" ", name.Select(t => t.Text));
        var typed = name.SelectMany(t => t.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var found = MatchEitherOrder(typed, scope.Pool);
        if (found.Count == 1)
            return found[0];
        if (found.Count > 1)
        {
            var slot = Choices.Slot(AmbiguityKind.Student, name[0]);
            if (choices.Pick(slot, found, s => s.Id) is { } picked)
                return picked;
            return new Ambiguity(AmbiguityKind.Student, slot, typedText, ParseTexts.StudentQuestion(typedText),
                Sorted(found).Select(s => new Candidate(s.Id, s.FullName)).ToList());
        }
        if (scope.GroupPage is not null && MatchEitherOrder(typed, scope.Class) is [var outside])
            return ParseTexts.StudentNotInGroup(outside.FullName, scope.GroupPage);
        // A typo: the students it resembles are offered as buttons (a press reads the command again with that student).
        var similar = Suggest(typed.FirstOrDefault() ?? "", scope.Pool);
        if (similar.Count == 0) return ParseTexts.StudentUnknown(typedText, scope.ClassName, []);
        var typoSlot = Choices.Slot(AmbiguityKind.Student, name[0]);
        if (choices.Pick(typoSlot, similar, s => s.Id) is { } chosen)
            return chosen;
        return new Ambiguity(AmbiguityKind.Student, typoSlot, typedText, ParseTexts.StudentTypoQuestion(typedText, scope.ClassName),
            similar.Select(s => new Candidate(s.Id, s.FullName)).ToList());
    }

    /// <summary>
    /// Reads students one after another from words without commas: a student takes two words when the second
    /// narrows the first ("Бондар О. Петренко" is Бондар Олег and Петренко), otherwise one.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Token>> SplitNames(IReadOnlyList<Token> words, IReadOnlyList<StudentEntry> students)
    {
        var names = new List<IReadOnlyList<Token>>();
        var i = 0;
        while (i < words.Count)
        {
            var takeTwo = i + 1 < words.Count && Match([words[i].Key, words[i + 1].Key], students).Count > 0;
            var count = takeTwo ? 2 : 1;
            names.Add(words.Skip(i).Take(count).ToList());
            i += count;
        }
        return names;
    }

    /// <summary>Students whose surname begins with the same three letters, or is at most two edits away.</summary>
    public static IReadOnlyList<StudentEntry> Suggest(string typedSurname, IEnumerable<StudentEntry> students)
    {
        if (typedSurname.Length == 0)
            return [];
        var prefix = typedSurname.Length >= SuggestionPrefix ? typedSurname[..SuggestionPrefix] : null;
        return Sorted(students.Where(s =>
                (prefix is not null && s.LastNameKey.StartsWith(prefix, StringComparison.Ordinal))
                || Distance(typedSurname, s.LastNameKey) <= SuggestionDistance))
            .Take(MaxSuggestions)
            .ToList();
    }

    private static IEnumerable<StudentEntry> Sorted(IEnumerable<StudentEntry> students) =>
        students.OrderBy(s => s.FullName, UkrainianText.Comparer);

    // Levenshtein distance, two rows.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
