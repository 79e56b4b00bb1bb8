using System.IO.Compression;

namespace Bot.Domain.Roster.Import;

/// <summary>
/// Checks an XLSX against <see cref="ImportLimits"/> before anything parses it, in constant memory: the number of parts,
/// the unpacked size that the archive declares (and packed data no bigger than that), then every part unpacked as a
/// stream — counting what it really unpacks to, since a declared size can lie — and the sheets and shared strings scanned
/// byte by byte for rows, columns and the length of every text. Nothing is kept but counters; the first bound passed
/// stops the reading. (.NET's ZIP reader also stops a part at its declared size, so no reader of this file — MiniExcel
/// included — ever sees more than the declared bytes, which are bounded here first.)
/// </summary>
internal static class XlsxBounds
{
    /// <summary>A refusal, or null when the file keeps every bound. The stream is left where it was.</summary>
    public static DomainError? Check(Stream stream)
    {
        var start = stream.Position;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > ImportLimits.MaxParts) return ImportLimits.TooManyParts;
            // Two parts of one name: no spreadsheet program writes that, and readers disagree on which one counts.
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (zip.Entries.Any(e => !names.Add(e.FullName.Replace('\\', '/').TrimStart('/')))) return RosterFile.UnreadableXlsx;
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                // Deflate never makes data bigger by more than a few bytes per block: packed data larger than the size they
                // declare unpack to more than they say.
                if (entry.Length < 0 || entry.CompressedLength > entry.Length + entry.Length / 100 + 1024) return ImportLimits.SizesLie;
                declared += entry.Length;
                if (declared > ImportLimits.MaxUnpackedBytes) return ImportLimits.UnpackedTooBig;
            }

            var buffer = new byte[64 * 1024];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.Replace('\\', '/').TrimStart('/');
                var scan = name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) ? new XmlScan(sheet: true)
                    : name.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase) ? new XmlScan(sheet: false)
                    : null;
                long actual = 0;
                try
                {
                    using var part = entry.Open();
                    int read;
                    while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        actual += read;
                        total += read;
                        if (actual > entry.Length) return ImportLimits.SizesLie;
                        if (total > ImportLimits.MaxUnpackedBytes) return ImportLimits.UnpackedTooBig;
                        if (scan?.Feed(buffer.AsSpan(0, read)) is { } problem) return problem;
                    }
                }
                catch (InvalidDataException)
                {
                    // .NET's own reader stops a part that unpacks past its declared size (or fails its CRC) this way.
                    return ImportLimits.SizesLie;
                }

                if (actual != entry.Length) return ImportLimits.SizesLie;
            }

            return null;
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>
    /// A byte-level scan of SpreadsheetML (UTF-8): counts the characters of every text run (an entity counts as one),
    /// bounds the length of every tag, and in a sheet the rows, the row numbers (<c>row r="…"</c>), the columns of the
    /// cells (<c>c r="…"</c>) and the sheet's declared dimension.
    /// </summary>
    private sealed class XmlScan(bool sheet)
    {
        private const int MaxTagBytes = 64 * 1024;
        private const int KeptTagBytes = 256;

        private readonly byte[] _tag = new byte[KeptTagBytes];
        private int _tagLength;
        private bool _inTag;
        private bool _inEntity;
        private int _textChars;
        private int _rows;

        public DomainError? Feed(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (_inTag)
                {
                    if (b == (byte)'>')
                    {
                        _inTag = false;
                        _textChars = 0;
                        if (sheet && TagProblem() is { } problem) return problem;
                        continue;
                    }

                    if (_tagLength < KeptTagBytes) _tag[_tagLength] = b;
                    if (++_tagLength > MaxTagBytes) return ImportLimits.MarkupTooLong;
                    continue;
                }

                if (b == (byte)'<')
                {
                    _inTag = true;
                    _inEntity = false;
                    _tagLength = 0;
                    continue;
                }

                if (_inEntity)
                {
                    if (b == (byte)';') _inEntity = false;
                    continue;
                }

                if ((b & 0xC0) == 0x80) continue; // a UTF-8 continuation byte: the same character
                if (b == (byte)'&') _inEntity = true;
                if (++_textChars > ImportLimits.MaxCellChars) return ImportLimits.CellTooLong(null);
            }

            return null;
        }

        /// <summary>Checks a sheet's tag just closed: its name without a namespace prefix, and its r or ref attribute.</summary>
        private DomainError? TagProblem()
        {
            var tag = _tag.AsSpan(0, Math.Min(_tagLength, KeptTagBytes));
            var nameEnd = tag.IndexOfAny(" \t\r\n/"u8);
            var name = nameEnd < 0 ? tag : tag[..nameEnd];
            var colon = name.IndexOf((byte)':');
            if (colon >= 0) name = name[(colon + 1)..];
            if (name.SequenceEqual("row"u8))
            {
                if (++_rows > ImportLimits.MaxRows + 1) return ImportLimits.TooManyRows;
                if (Attribute(tag, " r=\""u8) is { } r && Cell(r).Row > ImportLimits.MaxRows + 1) return ImportLimits.TooManyRows;
            }
            else if (name.SequenceEqual("c"u8))
            {
                if (Attribute(tag, " r=\""u8) is { } r && Cell(r).Column > ImportLimits.MaxColumns) return ImportLimits.TooManyColumns;
            }
            else if (name.SequenceEqual("dimension"u8) && Attribute(tag, " ref=\""u8) is { } reference)
            {
                foreach (var corner in reference.Split(':'))
                {
                    var (row, column) = Cell(corner);
                    if (row > ImportLimits.MaxRows + 1) return ImportLimits.TooManyRows;
                    if (column > ImportLimits.MaxColumns) return ImportLimits.TooManyColumns;
                }
            }

            return null;
        }

        private static string? Attribute(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> prefix)
        {
            var at = tag.IndexOf(prefix);
            if (at < 0) return null;
            var value = tag[(at + prefix.Length)..];
            var end = value.IndexOf((byte)'"');
            return end < 0 ? null : System.Text.Encoding.ASCII.GetString(value[..end]);
        }

        /// <summary>"AD17" → (17, 30); "17" → (17, 0). Numbers past int saturate rather than wrap.</summary>
        private static (long Row, long Column) Cell(string reference)
        {
            long row = 0, column = 0;
            foreach (var ch in reference.Trim().TrimStart('$'))
            {
                if (char.IsAsciiLetter(ch)) column = Math.Min(column * 26 + (char.ToUpperInvariant(ch) - 'A' + 1), int.MaxValue);
                else if (char.IsAsciiDigit(ch)) row = Math.Min(row * 10 + (ch - '0'), int.MaxValue);
            }

            return (row, column);
        }
    }
}
