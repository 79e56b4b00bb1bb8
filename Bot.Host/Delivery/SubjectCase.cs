namespace Bot.Host.Delivery;

/// <summary>
/// "з алгебри", "з української мови", "з історії України": a subject's name after "з" (genitive) for the usual shapes of
/// school subject names; other names are quoted instead ("з предмета «Основи здоровʼя»"), never declined wrongly.
/// </summary>
public static class SubjectCase
{
    public static string AfterZ(string pageTitle)
    {
        var name = pageTitle.Split(" (", 2)[0].Trim();
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? result = words switch
        {
            [var noun] => Noun(noun.ToLowerInvariant()),
            [var first, var proper] when char.IsUpper(proper[0]) => Noun(first.ToLowerInvariant()) is { } n ? $"{n} {proper}" : null,
            [var adjective, var noun] => Adjective(adjective.ToLowerInvariant()) is { } a && Noun(noun.ToLowerInvariant()) is { } n ? $"{a} {n}" : null,
            _ => null,
        };
        return result is null ? $"з предмета «{pageTitle}»" : $"з {result}";
    }

    private static string? Noun(string w) => w switch
    {
        _ when w.EndsWith("ія", StringComparison.Ordinal) => w[..^1] + "ї",
        _ when w.EndsWith("ння", StringComparison.Ordinal) => w,
        _ when w.Length > 2 && w.EndsWith('а') && "жчшщ".Contains(w[^2]) => w[..^1] + "і",
        _ when w.Length > 2 && w.EndsWith('а') => w[..^1] + "и",
        _ when w.Length > 2 && w.EndsWith('о') => w[..^1] + "а",
        _ => null,
    };

    private static string? Adjective(string w) => w switch
    {
        _ when w.EndsWith("ька", StringComparison.Ordinal) || w.EndsWith("на", StringComparison.Ordinal) || w.EndsWith("ова", StringComparison.Ordinal) => w[..^1] + "ої",
        _ when w.EndsWith("че", StringComparison.Ordinal) || w.EndsWith("не", StringComparison.Ordinal) || w.EndsWith("ве", StringComparison.Ordinal) => w[..^1] + "ого",
        _ => null,
    };
}
