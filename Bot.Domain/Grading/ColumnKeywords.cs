using System.Text;
using Bot.Domain.Text;

namespace Bot.Domain.Grading;

/// <summary>The keywords behind <see cref="MarkColumns.TryParseKeyword"/>.</summary>
internal static class ColumnKeywords
{
    private const int MinPrefixLength = 3;

    // Written already folded: lower case, no spaces, dots, hyphens or apostrophes.
    private static readonly (string Keyword, MarkColumn Column)[] Keywords =
    [
        ("поточна", MarkColumn.Current),
        ("зошит", MarkColumn.Notebook),
        ("напамять", MarkColumn.ByHeart),
        ("діалог", MarkColumn.Dialogue),
        ("уснийтвір", MarkColumn.OralEssay),
        ("твір", MarkColumn.OralEssay),
        ("уснийпереказ", MarkColumn.OralRetelling),
        ("переказ", MarkColumn.OralRetelling),
        ("читаннявголос", MarkColumn.ReadingAloud),
        ("вголос", MarkColumn.ReadingAloud),
        ("аудіювання", MarkColumn.Listening),
        ("читання", MarkColumn.Reading),
        ("письмо", MarkColumn.Writing),
        ("говоріння", MarkColumn.Speaking),
        ("мовлення", MarkColumn.Speaking),
        ("тематична", MarkColumn.Thematic),
        ("семестр1", MarkColumn.Semester1),
        ("1семестр", MarkColumn.Semester1),
        ("ісеместр", MarkColumn.Semester1),
        ("сем1", MarkColumn.Semester1),
        ("1сем", MarkColumn.Semester1),
        ("ісем", MarkColumn.Semester1),
        ("семестр2", MarkColumn.Semester2),
        ("2семестр", MarkColumn.Semester2),
        ("іісеместр", MarkColumn.Semester2),
        ("сем2", MarkColumn.Semester2),
        ("2сем", MarkColumn.Semester2),
        ("іісем", MarkColumn.Semester2),
        ("скоригована", MarkColumn.Corrected1),
        ("скоригована1", MarkColumn.Corrected1),
        ("скор", MarkColumn.Corrected1),
        ("скор1", MarkColumn.Corrected1),
        ("кор", MarkColumn.Corrected1),
        ("кор1", MarkColumn.Corrected1),
        ("1кор", MarkColumn.Corrected1),
        ("скоригована2", MarkColumn.Corrected2),
        ("скор2", MarkColumn.Corrected2),
        ("кор2", MarkColumn.Corrected2),
        ("2кор", MarkColumn.Corrected2),
        ("річна", MarkColumn.Annual),
        ("дпа", MarkColumn.Dpa),
        ("апеляційна", MarkColumn.Appeal),
        ("апеляція", MarkColumn.Appeal),
    ];

    public static bool TryParse(string? text, out MarkColumn column)
    {
        column = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var folded = Fold(text);
        if (folded.Length == 0)
            return false;

        foreach (var (keyword, candidate) in Keywords)
        {
            if (keyword == folded)
            {
                column = candidate;
                return true;
            }
        }
        if (folded.Length < MinPrefixLength)
            return false;

        var matches = Keywords
            .Where(k => k.Keyword.StartsWith(folded, StringComparison.Ordinal))
            .Select(k => k.Column)
            .Distinct()
            .ToList();
        if (matches.Count != 1)
            return false;
        column = matches[0];
        return true;
    }

    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in Letters.FoldTyped(text))
        {
            if (char.IsWhiteSpace(c) || c == '.' || Letters.IsHyphen(c) || Letters.IsApostrophe(c))
                continue;
            builder.Append(c);
        }
        return builder.ToString();
    }
}
