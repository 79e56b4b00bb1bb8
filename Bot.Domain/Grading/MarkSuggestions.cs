using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Grading;

/// <summary>Proposals for thematic, semester and mathematics marks (M-4, M-5, M-6, M-9).</summary>
public static class MarkSuggestions
{
    /// <summary>Marks are means rounded to an integer, half away from zero: 7.5 → 8 (M-5, M-9).</summary>
    public const MidpointRounding Rounding = MidpointRounding.AwayFromZero;

    private const int ObjectiveMarkCount = 3;
    private const int ObjectiveKindCount = 2;

    /// <summary>Rounds a mean to a mark: 7.5 → 8, 8.49 → 8.</summary>
    public static int RoundMark(decimal mean) => (int)Math.Round(mean, 0, Rounding);

    /// <summary>
    /// M-4: notebook marks count as current marks only where the subject says so (Ukrainian
    /// language and literatures), and never in 5th-grade НУШ classes.
    /// </summary>
    public static bool NotebookCounts(SubjectTraits subject, int grade, bool nusClass)
    {
        ArgumentNullException.ThrowIfNull(subject);
        GradeScales.ForGrade(grade);
        return subject.Notebook == NotebookPolicy.CountsAsCurrent && !(nusClass && grade == 5);
    }

    /// <summary>
    /// M-5: the mean of the theme's numeric current marks (dated, speech activities, by heart,
    /// and notebook where <see cref="NotebookCounts"/>), rounded. Objective with at least three
    /// marks of at least two kinds of work. A missed theme without marks gives "н/а"; a theme
    /// with only "зв" (or only "зар") gives that mark. Twelve-point scale only.
    /// </summary>
    public static Suggestion SuggestThematic(
        IReadOnlyCollection<GradedWork> works, SubjectTraits subject, int grade, bool nusClass, bool missedTheme)
    {
        ArgumentNullException.ThrowIfNull(works);
        ArgumentNullException.ThrowIfNull(subject);
        if (GradeScales.ForGrade(grade) != GradeScale.TwelvePoint)
            return new(null, false,
                GradeScales.HasSemesterResults(grade)
                    ? $"У {grade} класі тематичних оцінок не ставлять: у 3–4 класах фіксують семестрові та річний результати."
                    : $"У {grade} класі тематичних оцінок не ставлять: у 1–2 класах фіксують лише річний результат.");

        var notebookCounts = NotebookCounts(subject, grade, nusClass);
        var counted = works
            .Where(w => MarkColumns.IsCurrentWork(w.Column) || (w.Column == MarkColumn.Notebook && notebookCounts))
            .ToList();
        var numeric = counted.Where(w => w.Value.IsNumeric).ToList();
        var notebookNote = !notebookCounts && works.Any(w => w.Column == MarkColumn.Notebook && w.Value.IsNumeric)
            ? " Оцінки за зошит не враховано."
            : "";

        if (numeric.Count == 0)
            return NoMarks(counted.Select(w => w.Value), missedTheme, "за тему", notebookNote);

        var kinds = numeric.Select(KindOf).Distinct(StringComparer.Ordinal).ToList();
        var mean = Mean(numeric.Select(w => w.Value).ToList());
        var objective = numeric.Count >= ObjectiveMarkCount && kinds.Count >= ObjectiveKindCount;
        var explanation = $"Середнє {FormatMean(mean)} з {numeric.Count} {MarksWord(numeric.Count)}: {string.Join(", ", kinds)}.";
        if (numeric.Count < ObjectiveMarkCount)
            explanation += " Оцінок менше трьох, тож тематична може бути необʼєктивною.";
        else if (!objective)
            explanation += " Усі оцінки за один вид роботи, тож тематична може бути необʼєктивною.";
        if (missedTheme)
            explanation += " Учня не було на частині уроків теми: можна поставити й «н/а».";
        return new(MarkValue.FromPoints(RoundMark(mean)), objective, explanation + notebookNote);
    }

    /// <summary>
    /// M-6: the mean of the numeric thematic marks, rounded. Pass the compulsory kinds of
    /// assessment that count in a subject (speech activities in foreign languages, seed II.2)
    /// together with the thematic marks. Not objective when some themes are "н/а": the reason
    /// for the absence has to be weighed. A missed semester without marks gives "н/а".
    /// </summary>
    public static Suggestion SuggestSemester(IReadOnlyCollection<MarkValue> thematicMarks, bool missedSemester)
    {
        ArgumentNullException.ThrowIfNull(thematicMarks);
        var numeric = thematicMarks.Where(m => m.IsNumeric).ToList();
        if (numeric.Count == 0)
            return NoMarks(thematicMarks, missedSemester, "за семестр", "");

        var mean = Mean(numeric);
        var notAttested = thematicMarks.Count(m => m.Kind == MarkKind.NotAttested);
        var explanation = $"Середнє {FormatMean(mean)} з {numeric.Count} {MarksWord(numeric.Count)}.";
        if (notAttested > 0)
            explanation += $" Ще {notAttested} «н/а»: врахуйте причину пропусків.";
        return new(MarkValue.FromPoints(RoundMark(mean)), notAttested == 0, explanation);
    }

    /// <summary>The audit reason of a semester mark that is the groups of outcomes' proposal (N-7).</summary>
    public const string AcceptedResultGroupMean = "запропоновано середнє ГР";

    /// <summary>The audit reason of a semester mark other than the groups of outcomes' proposal (N-7).</summary>
    public const string OverriddenResultGroupMean = "не як середнє ГР";

    /// <summary>
    /// N-7: the semester mark of an НУШ class "is formed on the basis of" the marks of the subject's groups of learning
    /// outcomes: the mean of the numeric ones, rounded half up, as a proposal the teacher accepts or overrides. "н/а" of a
    /// group makes it not objective; only "н/а", "зв" or "зар" propose that mark.
    /// </summary>
    public static Suggestion SuggestFromResultGroups(IReadOnlyCollection<MarkValue> groupMarks)
    {
        ArgumentNullException.ThrowIfNull(groupMarks);
        var numeric = groupMarks.Where(m => m.IsNumeric).ToList();
        if (numeric.Count == 0)
        {
            var special = groupMarks.Select(m => m.Kind).Distinct().ToList();
            return special switch
            {
                [MarkKind.NotAttested] => new(MarkValue.NotAttested, false, "За групами результатів лише «н/а»."),
                [MarkKind.Exempt] => new(MarkValue.Exempt, false, "За групами результатів лише «зв»: звільнення від занять."),
                [MarkKind.Credited] => new(MarkValue.Credited, false, "За групами результатів лише «зар»: спеціальна медична група."),
                _ => new(null, false, "Оцінок за групами результатів ще немає, тож пропонувати нічого."),
            };
        }

        var mean = Mean(numeric);
        var notAttested = groupMarks.Count(m => m.Kind == MarkKind.NotAttested);
        var explanation = $"Середнє {FormatMean(mean)} з {numeric.Count} {MarksWord(numeric.Count)} за групами результатів.";
        if (notAttested > 0)
            explanation += $" Ще {notAttested} «н/а»: врахуйте причину.";
        return new(MarkValue.FromPoints(RoundMark(mean)), notAttested == 0, explanation);
    }

    /// <summary>
    /// M-9: grades 10–11, the mathematics mark is the mean of the algebra and geometry marks,
    /// rounded (9 and 10 → 10). Null unless both are numeric.
    /// </summary>
    public static MarkValue? CombineMathematics(MarkValue algebra, MarkValue geometry) =>
        algebra.IsNumeric && geometry.IsNumeric
            ? MarkValue.FromPoints(RoundMark((algebra.Points + geometry.Points) / 2m))
            : null;

    /// <summary>M-9: the header of the mathematics column on the algebra page, e.g. "І семестр. Математика".</summary>
    public static string MathematicsTitle(MarkColumn column) => column switch
    {
        MarkColumn.Semester1 or MarkColumn.Semester2 or MarkColumn.Corrected1 or MarkColumn.Corrected2
            or MarkColumn.Annual => $"{MarkColumns.Title(column)}. Математика",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column,
            "Only semester, corrected and annual marks have a mathematics column."),
    };

    // No numeric marks: "н/а" for a missed period, "зв"/"зар" when that is all there is, else nothing.
    private static Suggestion NoMarks(IEnumerable<MarkValue> marks, bool missed, string period, string note)
    {
        var special = marks.Select(m => m.Kind).Distinct().ToList();
        if (missed)
            return new(MarkValue.NotAttested, false, $"Оцінок {period} немає, учня не було на уроках: «н/а».{note}");
        if (special is [MarkKind.Exempt])
            return new(MarkValue.Exempt, false, $"{Capitalized(period)} лише «зв»: звільнення від занять.{note}");
        if (special is [MarkKind.Credited])
            return new(MarkValue.Credited, false, $"{Capitalized(period)} лише «зар»: спеціальна медична група.{note}");
        return new(null, false, $"Оцінок {period} немає, тож пропонувати нічого.{note}");
    }

    // In decimal, so that 15 / 2 is exactly 7.5 before rounding.
    private static decimal Mean(IReadOnlyCollection<MarkValue> marks) =>
        marks.Sum(m => m.Points) / (decimal)marks.Count;

    // The label, ignoring case and spaces around it; the column title when there is no label.
    private static string KindOf(GradedWork work)
    {
        var label = string.IsNullOrWhiteSpace(work.WorkKind) ? MarkColumns.Title(work.Column) : work.WorkKind.Trim();
        return string.Concat(label.Select(Letters.ToLower));
    }

    // 8.333 → "8,33"; 7.5 → "7,5"; 8 → "8"
    private static string FormatMean(decimal mean) =>
        Math.Round(mean, 2, Rounding).ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ',');

    // "з 1 оцінки", "з 21 оцінки", but "з 2 оцінок", "з 11 оцінок"
    private static string MarksWord(int count) =>
        count % 10 == 1 && count % 100 != 11 ? "оцінки" : "оцінок";

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
