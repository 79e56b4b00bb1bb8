using System.Globalization;

namespace Bot.Domain.Grading;

/// <summary>
/// A mark as it stands in a cell. <see cref="Points"/> is 1–12 for <see cref="MarkKind.Points"/>,
/// 1–4 for <see cref="MarkKind.Level"/> (П=1, С=2, Д=3, В=4) and 0 for every other kind.
/// Teachers' text becomes a mark only through <see cref="CellParser"/>; the persistence layer
/// stores <see cref="Text"/> and reads it back with <see cref="FromStored"/>.
/// </summary>
public readonly record struct MarkValue
{
    public const int MinPoints = 1;
    public const int MaxPoints = 12;

    private const string LevelLetters = "ПСДВ";

    public MarkValue(MarkKind kind, int points)
    {
        var valid = kind switch
        {
            MarkKind.Points => points is >= MinPoints and <= MaxPoints,
            MarkKind.Level => points is >= 1 and <= 4,
            MarkKind.Formed or MarkKind.NotAttested or MarkKind.Exempt
                or MarkKind.Credited or MarkKind.NotebookAbsent or MarkKind.NotCredited => points == 0,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        if (!valid)
            throw new ArgumentOutOfRangeException(nameof(points), points, $"Invalid points for a {kind} mark.");
        Kind = kind;
        Points = points;
    }

    public MarkKind Kind { get; }

    public int Points { get; }

    public static MarkValue Formed { get; } = new(MarkKind.Formed, 0);
    public static MarkValue NotAttested { get; } = new(MarkKind.NotAttested, 0);
    public static MarkValue Exempt { get; } = new(MarkKind.Exempt, 0);
    public static MarkValue Credited { get; } = new(MarkKind.Credited, 0);
    public static MarkValue NotebookAbsent { get; } = new(MarkKind.NotebookAbsent, 0);
    public static MarkValue NotCredited { get; } = new(MarkKind.NotCredited, 0);

    /// <summary>A mark of the twelve-point scale, 1–12.</summary>
    public static MarkValue FromPoints(int points) => new(MarkKind.Points, points);

    /// <summary>A level, 1–4: П, С, Д, В.</summary>
    public static MarkValue FromLevel(int level) => new(MarkKind.Level, level);

    /// <summary>Canonical text: "10", "Д", "сформовано", "н/а", "зв", "зар", "незар", "н/о".</summary>
    public string Text => Kind switch
    {
        MarkKind.Points => Points.ToString(CultureInfo.InvariantCulture),
        MarkKind.Level => LevelLetters[Points - 1].ToString(),
        MarkKind.Formed => "сформовано",
        MarkKind.NotAttested => "н/а",
        MarkKind.Exempt => "зв",
        MarkKind.Credited => "зар",
        MarkKind.NotebookAbsent => "н/о",
        MarkKind.NotCredited => "незар",
        _ => throw new InvalidOperationException($"Unknown mark kind {Kind}."),
    };

    /// <summary>Only points are numbers: levels and special marks are not averaged.</summary>
    public bool IsNumeric => Kind == MarkKind.Points;

    /// <summary>The points of a numeric mark; null for every other kind.</summary>
    public int? Numeric => IsNumeric ? Points : null;

    public override string ToString() => Text;

    public void Deconstruct(out MarkKind kind, out int points)
    {
        kind = Kind;
        points = Points;
    }

    /// <summary>The inverse of <see cref="Text"/>; anything else is a <see cref="FormatException"/>.</summary>
    public static MarkValue FromStored(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text)
        {
            case "сформовано": return Formed;
            case "н/а": return NotAttested;
            case "зв": return Exempt;
            case "зар": return Credited;
            case "н/о": return NotebookAbsent;
            case "незар": return NotCredited;
        }
        if (text.Length == 1 && LevelLetters.IndexOf(text[0]) is var level and >= 0)
            return FromLevel(level + 1);
        if (text.Length is 1 or 2 && text.All(char.IsAsciiDigit) && text[0] != '0'
            && int.Parse(text, CultureInfo.InvariantCulture) is >= MinPoints and <= MaxPoints and var points)
            return FromPoints(points);
        throw new FormatException($"\"{text}\" is not a stored mark.");
    }
}
