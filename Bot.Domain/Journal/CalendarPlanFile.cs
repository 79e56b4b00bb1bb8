using System.Text;
using System.Text.RegularExpressions;
using Bot.Domain.Roster.Import;
using Bot.Domain.Text;

namespace Bot.Domain.Journal;

/// <summary>A good line of a plan being imported: where it was (file row or pasted line), its number, topic and section (J-6).</summary>
public sealed record PlanRow(int Line, int Number, string Topic, string? Section);

/// <summary>A line of a plan that cannot be imported, and why, in Ukrainian.</summary>
public sealed record PlanProblem(int Line, string Reason)
{
    public string Describe() => $"Рядок {Line}: {Reason}.";
}

/// <summary>
/// A plan as read: its good lines and its bad ones, or a refusal of the whole file (<see cref="Error"/>). Only a plan without
/// a single bad line is imported (<see cref="CanImport"/>): all or nothing.
/// </summary>
public sealed record PlanDraft(IReadOnlyList<PlanRow> Rows, IReadOnlyList<PlanProblem> Problems, string? Error = null)
{
    public bool CanImport => Error is null && Problems.Count == 0 && Rows.Count > 0;

    public static PlanDraft Refused(string error) => new([], [], error);

    /// <summary>The plan as lines "number TAB topic TAB section", which <see cref="CalendarPlanFile.ReadText"/> reads back (the preview's confirmation).</summary>
    public string AsText() => string.Join("\n", Rows.Select(r => $"{r.Number}\t{r.Topic}\t{r.Section}".TrimEnd('\t')));
}

/// <summary>
/// Reads a calendar-thematic plan (docs/decisions/0050-calendar-plan.md): a CSV or XLSX with the columns «№», «Тема» and,
/// if needed, «Розділ» — within the roster import's bounds (<see cref="ImportLimits"/>, checked before parsing; Windows-1251
/// CSV detected; a formula's protective apostrophe taken off) — or lines pasted into a form, "1; Тема; Розділ" or
/// tab-separated as copied from a spreadsheet, or "1. Тема". Numbers run 1, 2, 3… in order; the section's title stands on the
/// line of its first lesson (J-6).
/// </summary>
public static partial class CalendarPlanFile
{
    public const string NumberColumn = "№";
    public const string TopicColumn = "Тема";
    public const string SectionColumn = "Розділ";

    /// <summary>Lessons in one plan: a subject of seven lessons a week for a whole year has about 250.</summary>
    public const int MaxLines = 400;

    public static TableColumns Columns { get; } = new([NumberColumn, TopicColumn, SectionColumn], [NumberColumn, TopicColumn],
        new Dictionary<string, string>
        {
            ["номер"] = NumberColumn, ["№ уроку"] = NumberColumn, ["№ з/п"] = NumberColumn, ["номер уроку"] = NumberColumn,
            ["тема уроку"] = TopicColumn, ["зміст уроку"] = TopicColumn,
            ["розділ (тема)"] = SectionColumn, ["назва розділу"] = SectionColumn, ["тема розділу"] = SectionColumn,
        });

    public static string Summary =>
        $"Файл CSV або Excel зі стовпцями «{NumberColumn}», «{TopicColumn}» і, якщо треба, «{SectionColumn}» — до {ImportLimits.MaxFileBytes / 1024 / 1024} МБ, до {MaxLines} уроків.";

    public static PlanDraft ReadFile(Stream stream, string fileName)
    {
        var read = RosterFile.Read(stream, fileName, Columns);
        if (!read.IsSuccess) return PlanDraft.Refused(read.Error.Code == "import.too_many_rows" ? TooManyLines : read.Error.Message);
        if (read.Value!.Count > MaxLines) return PlanDraft.Refused(TooManyLines);
        return Check(read.Value!.Select(r => (r.Line, r[NumberColumn], r[TopicColumn], r[SectionColumn])));
    }

    /// <summary>Lines pasted into the form; their size, count and length are checked before they are split.</summary>
    public static PlanDraft ReadText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return PlanDraft.Refused("Вставте рядки плану: номер, тема і, якщо треба, розділ.");
        if (Encoding.UTF8.GetByteCount(text) > ImportLimits.MaxFileBytes) return PlanDraft.Refused(ImportLimits.FileTooBig.Message);
        if (text.AsSpan().Count('\n') >= MaxLines * 2) return PlanDraft.Refused(TooManyLines);
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var cells = new List<(int, string, string, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (line.Length > ImportLimits.MaxCellChars * 3) return PlanDraft.Refused(ImportLimits.CellTooLong(i + 1).Message);
            var parts = line.Contains('\t') ? line.Split('\t', 3) : line.Split(';', 3);
            if (parts.Length == 1 && NumberedLine().Match(line) is { Success: true } m) parts = [m.Groups[1].Value, m.Groups[2].Value];
            parts = [.. parts.Select(p => SpreadsheetCells.Unprotect(p.Trim()).Trim())];
            if (parts.Any(p => p.Length > ImportLimits.MaxCellChars)) return PlanDraft.Refused(ImportLimits.CellTooLong(i + 1).Message);
            // A header copied with the table.
            if (cells.Count == 0 && Columns.Normalize(parts[0]) == NumberColumn) continue;
            cells.Add((i + 1, parts[0], parts.Length > 1 ? parts[1] : "", parts.Length > 2 ? parts[2] : ""));
        }

        if (cells.Count > MaxLines) return PlanDraft.Refused(TooManyLines);
        return Check(cells);
    }

    private static string TooManyLines => $"У плані понад {MaxLines} уроків (можна до {MaxLines}): перевірте файл — можливо, в ньому плани кількох предметів.";

    private static PlanDraft Check(IEnumerable<(int Line, string Number, string Topic, string Section)> raw)
    {
        var rows = new List<PlanRow>();
        var problems = new List<PlanProblem>();
        var expected = 1;
        foreach (var (line, numberText, topicText, sectionText) in raw)
        {
            var reasons = new List<string>();
            var number = 0;
            var digits = numberText.Trim().TrimEnd('.', ')');
            if (digits.Length == 0) reasons.Add("не вказано номер уроку");
            else if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) || number < 1)
                reasons.Add($"номер «{numberText}» — не номер уроку (1, 2, 3…)");
            else if (number != expected) reasons.Add($"номер {number}, а за порядком має бути {expected} (уроки нумеруються підряд від 1)");
            if (number >= 1) expected = number + 1;
            else expected++;

            var topic = VisibleText.Normalize(topicText);
            var section = VisibleText.Normalize(sectionText);
            if (topic.Length == 0) reasons.Add("не вказано тему уроку");
            else if (topic.Length > CalendarPlanLine.MaxTopicLength) reasons.Add($"тема довша за {CalendarPlanLine.MaxTopicLength} символів");
            if (section.Length > CalendarPlanLine.MaxSectionLength) reasons.Add($"назва розділу довша за {CalendarPlanLine.MaxSectionLength} символів");
            if (reasons.Count > 0) problems.Add(new PlanProblem(line, string.Join("; ", reasons)));
            else rows.Add(new PlanRow(line, number, topic, section.Length == 0 ? null : section));
        }

        if (rows.Count == 0 && problems.Count == 0) return PlanDraft.Refused("У плані немає жодного уроку.");
        return new PlanDraft(rows, problems);
    }

    [GeneratedRegex(@"^\s*(\d{1,3})[.)]?\s+(\S.*)$")]
    private static partial Regex NumberedLine();
}
