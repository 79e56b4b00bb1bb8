using CsvHelper;

namespace Bot.Domain.Text;

/// <summary>
/// Text that leaves the product for a spreadsheet cannot run there as a formula (CSV injection, OWASP): a CSV cell that
/// begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading single quote, which
/// Excel and LibreOffice read as "this cell is text" and do not show. Every CSV writer of the product goes through
/// <see cref="WriteCsvAsync"/> (or <see cref="Protect"/> for the columns a person typed); XLSX cells are written as
/// text, never as formulas. The roster import removes the quote again (<see cref="Unprotect"/>), so an exported roster
/// imports unchanged — a phone "+380…" included.
/// </summary>
public static class SpreadsheetCells
{
    /// <summary>What OWASP puts in front of a cell that a spreadsheet would take for a formula.</summary>
    public const char TextMark = '\'';

    /// <summary>Whether a spreadsheet would take <paramref name="value"/> for a formula (or a formula's start).</summary>
    public static bool LooksLikeFormula(ReadOnlySpan<char> value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The cell as a CSV export writes it: with <see cref="TextMark"/> in front when it looks like a formula.</summary>
    public static string Protect(string? value) => value is null ? "" : LooksLikeFormula(value) ? TextMark + value : value;

    /// <summary>The cell as it was before <see cref="Protect"/>: the mark is removed only where Protect would have put it.</summary>
    public static string Unprotect(string value) =>
        value.Length > 1 && value[0] == TextMark && LooksLikeFormula(value.AsSpan(1)) ? value[1..] : value;

    /// <summary>
    /// A CSV as the panel and the CLI export it for a school's spreadsheets: UTF-8 with a BOM, <c>;</c>, CRLF, fields quoted
    /// when needed, and every cell (the header too) through <see cref="Protect"/>.
    /// </summary>
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var options = new CsvWriterOptions { Separator = ';', NewLine = "\r\n", Quoting = CsvQuoting.WhenNeeded, WriteByteOrderMark = true };
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        csv.WriteHeader(headers.Select(Protect).ToArray());
        foreach (var row in rows) await csv.WriteRecordAsync(row.Select(Protect).ToArray(), ct);
        await csv.FlushAsync(ct);
    }
}
