using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Bot.Domain.Text;
using CsvHelper;
using MiniExcelLibs;

namespace Bot.Domain.Roster.Import;

/// <summary>A data row of a roster file: its line (as the spreadsheet numbers it, the header is line 1) and its cells by header.</summary>
public sealed record RosterFileRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.TryGetValue(column, out var v) ? v : "";
}

/// <summary>
/// Reads a roster file into rows of text, within <see cref="ImportLimits"/>: CSV (`;` or `,`, UTF-8 with or without BOM, or
/// Windows-1251; CsvHelper finds the separator) or
/// XLSX (MiniExcel; dates typed as dates and numbers typed as numbers come back as the text a person sees). The
/// header must hold exactly the columns of <see cref="RosterColumns"/>, in any order.
/// </summary>
public static class RosterFile
{
    public static readonly DomainError UnreadableCsv = new("import.unreadable",
        "Файл CSV не вдалося прочитати: схоже, він пошкоджений. Збережіть таблицю в Excel ще раз як «CSV (роздільники — коми)» або як книгу Excel (.xlsx).");

    public static readonly DomainError UnreadableXlsx = new("import.unreadable",
        "Файл Excel не вдалося прочитати: він пошкоджений або це не книга Excel (.xlsx). Збережіть його в Excel ще раз як «Книга Excel (.xlsx)» або як CSV.");

    public static Result<IReadOnlyList<RosterFileRow>> Read(Stream stream, string fileName, TableColumns? columns = null)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".csv" or ".txt" => ReadCsv(stream, columns),
            ".xlsx" => ReadXlsx(stream, columns),
            _ => new DomainError("import.format", "Файл має бути CSV (.csv) або Excel (.xlsx)."),
        };
    }

    /// <summary>
    /// A CSV of at most <see cref="ImportLimits.MaxFileBytes"/>: UTF-8 (with or without a BOM), or — when it is not valid
    /// UTF-8 and has no BOM — Windows-1251, what Excel saves as "CSV" on a Ukrainian Windows.
    /// </summary>
    public static Result<IReadOnlyList<RosterFileRow>> ReadCsv(Stream stream, TableColumns? columns = null)
    {
        columns ??= RosterColumns.Table;
        var bytes = ReadBounded(stream);
        if (bytes is null) return ImportLimits.FileTooBig;
        try
        {
            var options = new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, TrackLineNumbers = true };
            using var reader = CsvEncoding(bytes) is { } legacy
                ? CsvReader.Create(new StringReader(legacy.GetString(bytes)), options)
                : CsvReader.Create(new MemoryStream(bytes, writable: false), options);
            var rows = new List<RosterFileRow>();
            IReadOnlyList<string>? headers = null;
            foreach (var row in reader)
            {
                headers ??= reader.Headers.Select(columns.Normalize).ToList();
                var cells = row.ToArray();
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                if (rows.Count == ImportLimits.MaxRows) return ImportLimits.TooManyRows;
                if (cells.Any(c => c.Length > ImportLimits.MaxCellChars)) return ImportLimits.CellTooLong((int)reader.LineNumber);
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < headers.Count && i < cells.Length; i++) map[headers[i]] = SpreadsheetCells.Unprotect(cells[i].Trim()).Trim();
                rows.Add(new RosterFileRow((int)reader.LineNumber, map));
            }

            headers ??= reader.Headers?.Select(columns.Normalize).ToList() ?? [];
            return columns.Check(headers) is { } bad ? bad : rows;
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvValidationException or InvalidOperationException or FormatException or System.Text.DecoderFallbackException)
        {
            // The reader's own words are English and name its internals: the school is told what to do instead.
            return UnreadableCsv;
        }
    }

    /// <summary>
    /// The encoding of a CSV that is not UTF-8: Windows-1251 when the bytes have no byte order mark and are not valid
    /// UTF-8 (a Cyrillic letter in 1251 is one byte of 0xC0..0xFF, which UTF-8 never has alone); null for UTF-8 (and for
    /// a file with a BOM, which the reader honours).
    /// </summary>
    public static Encoding? CsvEncoding(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return null;
        return Utf8.IsValid(bytes) ? null : CodePagesEncodingProvider.Instance.GetEncoding(1251);
    }

    /// <summary>
    /// An XLSX within <see cref="ImportLimits"/>: its size, then its parts' declared and real unpacked sizes, rows,
    /// columns and cell lengths (<see cref="XlsxBounds"/>) are checked before MiniExcel reads it, row by row.
    /// </summary>
    public static Result<IReadOnlyList<RosterFileRow>> ReadXlsx(Stream stream, TableColumns? columns = null)
    {
        columns ??= RosterColumns.Table;
        var bytes = ReadBounded(stream);
        if (bytes is null) return ImportLimits.FileTooBig;
        try
        {
            using var file = new MemoryStream(bytes, writable: false);
            if (XlsxBounds.Check(file) is { } tooBig) return tooBig;
            var headers = MiniExcel.GetColumns(file, useHeaderRow: true, excelType: ExcelType.XLSX)?.Select(h => columns.Normalize(h ?? "")).ToList() ?? [];
            var rows = new List<RosterFileRow>();
            var line = 1;
            foreach (IDictionary<string, object?> cells in Rewind(file).Query(useHeaderRow: true, excelType: ExcelType.XLSX))
            {
                line++;
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (header, value) in cells) map[columns.Normalize(header)] = SpreadsheetCells.Unprotect(Text(value)).Trim();
                if (map.Values.All(string.IsNullOrWhiteSpace)) continue;
                if (rows.Count == ImportLimits.MaxRows) return ImportLimits.TooManyRows;
                if (map.Values.Any(v => v.Length > ImportLimits.MaxCellChars)) return ImportLimits.CellTooLong(line);
                rows.Add(new RosterFileRow(line, map));
            }

            return columns.Check(headers.Where(h => h.Length > 0).ToList()) is { } bad ? bad : rows;
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or IOException or FormatException or NotSupportedException
            or System.Xml.XmlException or ArgumentException)
        {
            return UnreadableXlsx;
        }
    }

    /// <summary>The rest of <paramref name="stream"/>, or null when it holds more than <see cref="ImportLimits.MaxFileBytes"/>.</summary>
    private static byte[]? ReadBounded(Stream stream)
    {
        if (stream.CanSeek && stream.Length - stream.Position > ImportLimits.MaxFileBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > ImportLimits.MaxFileBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Stream Rewind(Stream stream)
    {
        stream.Position = 0;
        return stream;
    }

    /// <summary>What a person sees in a cell: a date as dd.MM.yyyy, a number without exponent or grouping.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString(RosterColumns.DateFormat, CultureInfo.InvariantCulture),
        double n => n.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal n => n.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() ?? "",
    };
}
