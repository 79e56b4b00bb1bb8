using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace Bot.Domain.Roster.Import;

/// <summary>A data row of a roster file: its line (as the spreadsheet numbers it, the header is line 1) and its cells by header.</summary>
public sealed record RosterFileRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.TryGetValue(column, out var v) ? v : "";
}

/// <summary>
/// Reads a roster file into rows of text: CSV (`;` or `,`, UTF-8 with or without BOM; CsvHelper finds the separator) or
/// XLSX (MiniExcel; dates typed as dates and numbers typed as numbers come back as the text a person sees). The
/// header must hold exactly the columns of <see cref="RosterColumns"/>, in any order.
/// </summary>
public static class RosterFile
{
    public static Result<IReadOnlyList<RosterFileRow>> Read(Stream stream, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".csv" or ".txt" => ReadCsv(stream),
            ".xlsx" => ReadXlsx(stream),
            _ => new DomainError("import.format", "Файл має бути CSV (.csv) або Excel (.xlsx)."),
        };
    }

    public static Result<IReadOnlyList<RosterFileRow>> ReadCsv(Stream stream)
    {
        try
        {
            using var reader = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, TrackLineNumbers = true }, leaveOpen: true);
            var rows = new List<RosterFileRow>();
            IReadOnlyList<string>? headers = null;
            foreach (var row in reader)
            {
                headers ??= reader.Headers.Select(RosterColumns.Normalize).ToList();
                var cells = row.ToArray();
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < headers.Count && i < cells.Length; i++) map[headers[i]] = cells[i].Trim();
                rows.Add(new RosterFileRow((int)reader.LineNumber, map));
            }

            headers ??= reader.Headers?.Select(RosterColumns.Normalize).ToList() ?? [];
            return CheckHeaders(headers) is { } bad ? bad : rows;
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvValidationException or InvalidOperationException or FormatException or System.Text.DecoderFallbackException)
        {
            return new DomainError("import.unreadable", $"Файл CSV не вдалося прочитати: {ex.Message}");
        }
    }

    public static Result<IReadOnlyList<RosterFileRow>> ReadXlsx(Stream stream)
    {
        try
        {
            var sheet = MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
            var headers = MiniExcel.GetColumns(Rewind(stream), useHeaderRow: true, excelType: ExcelType.XLSX)?.Select(h => RosterColumns.Normalize(h ?? "")).ToList() ?? [];
            var rows = new List<RosterFileRow>();
            for (var i = 0; i < sheet.Count; i++)
            {
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (header, value) in sheet[i]) map[RosterColumns.Normalize(header)] = Text(value);
                if (map.Values.All(string.IsNullOrWhiteSpace)) continue;
                rows.Add(new RosterFileRow(i + 2, map));
            }

            return CheckHeaders(headers.Where(h => h.Length > 0).ToList()) is { } bad ? bad : rows;
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or IOException or FormatException or NotSupportedException
            or System.Xml.XmlException)
        {
            return new DomainError("import.unreadable", $"Файл Excel не вдалося прочитати: {ex.Message}");
        }
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

    private static DomainError? CheckHeaders(IReadOnlyList<string> headers)
    {
        var problems = new List<string>();
        var missing = RosterColumns.All.Where(c => !headers.Contains(c)).ToList();
        if (missing.Count > 0) problems.Add($"немає стовпців {string.Join(", ", missing.Select(c => $"«{c}»"))}");
        var unknown = headers.Where(h => !RosterColumns.All.Contains(h)).ToList();
        if (unknown.Count > 0) problems.Add($"невідомі стовпці {string.Join(", ", unknown.Select(c => $"«{c}»"))}");
        var twice = headers.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0) problems.Add($"стовпці повторюються: {string.Join(", ", twice.Select(c => $"«{c}»"))}");
        return problems.Count == 0 ? null
            : new DomainError("import.headers", $"Перший рядок файлу має містити саме ці заголовки (у будь-якому порядку): " +
                $"{string.Join("; ", RosterColumns.All)}. У цьому файлі {string.Join("; ", problems)}.");
    }
}
