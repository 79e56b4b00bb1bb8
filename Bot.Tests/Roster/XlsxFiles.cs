using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Bot.Tests.Roster;

/// <summary>
/// Hand-made XLSX files for the import's bounds: a small valid workbook whose one sheet's XML the test writes, and the two
/// "zip bombs" of hardening — 840 MB of sheet XML and one cell of 1.5 GB — in a few MB, made in well under a second
/// without compressing a gigabyte: the repeated part is compressed once between two sync flushes (its window is the
/// same each time) and that deflate segment is repeated. Nothing big is committed; a bomb's CRC is left 0, since every
/// refusal comes long before the end where a reader would check it.
/// </summary>
internal static class XlsxFiles
{
    private const string Ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly (string Name, string Xml)[] Frame =
    [
        ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"""),
        ("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
        ("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{Ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Учні" sheetId="1" r:id="rId1"/></sheets></workbook>"""),
        ("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""),
    ];

    /// <summary>The nine headers as a first row of inline strings.</summary>
    public static string HeaderRow =>
        "<row r=\"1\">" + string.Concat(Bot.Domain.Roster.Import.RosterColumns.All.Select((h, i) => Cell((char)('A' + i) + "1", h))) + "</row>";

    public static string Cell(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>";

    /// <summary>A valid workbook whose sheet holds <paramref name="rows"/> (row elements) after the header row.</summary>
    public static byte[] Workbook(string rows, string? dimension = null) => Zip(
    [
        .. Frame.Select(p => Part.Of(p.Name, p.Xml)),
        Part.Of("xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{Ns}" count="0" uniqueCount="0"/>"""),
        Part.Of("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Ns}">{(dimension is null ? "" : $"<dimension ref=\"{dimension}\"/>")}<sheetData>{HeaderRow}{rows}</sheetData></worksheet>"""),
    ]);

    /// <summary>About <paramref name="xmlBytes"/> of sheet XML: the same student's row over and over.</summary>
    public static byte[] SheetBomb(long xmlBytes, long? declared = null)
    {
        var row = "<row>" + Cell("A2", "7-А") + Cell("B2", "Іваненко") + Cell("C2", "Олег") + "</row>";
        return Zip(
        [
            .. Frame.Select(p => Part.Of(p.Name, p.Xml)),
            Part.Of("xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{Ns}" count="0" uniqueCount="0"/>"""),
            Part.Repeated("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Ns}"><sheetData>{HeaderRow}""",
                row, "</sheetData></worksheet>", xmlBytes, declared),
        ]);
    }

    /// <summary>One shared string of about <paramref name="chars"/> letters «ї», used by one cell of a valid sheet.</summary>
    public static byte[] CellBomb(long chars, long? declared = null) => Zip(
    [
        .. Frame.Select(p => Part.Of(p.Name, p.Xml)),
        Part.Repeated("xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{Ns}" count="1" uniqueCount="1"><si><t>""",
            "ї", "</t></si></sst>", chars * 2, declared),
        Part.Of("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Ns}"><sheetData>{HeaderRow}<row r="2"><c r="B2" t="s"><v>0</v></c></row></sheetData></worksheet>"""),
    ]);

    /// <summary>A part of the archive: its deflated bytes, CRC, real size and the size its headers declare.</summary>
    private sealed record Part(string Name, byte[] Deflated, uint Crc, long Size, long Declared)
    {
        public static Part Of(string name, string xml)
        {
            var bytes = Encoding.UTF8.GetBytes(xml);
            using var packed = new MemoryStream();
            using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true)) deflate.Write(bytes);
            return new Part(name, packed.ToArray(), Crc32(bytes), bytes.Length, bytes.Length);
        }

        /// <summary><paramref name="head"/>, <paramref name="unit"/> repeated to about <paramref name="size"/> bytes, <paramref name="tail"/>.</summary>
        public static Part Repeated(string name, string head, string unit, string tail, long size, long? declared)
        {
            var unitBytes = Encoding.UTF8.GetBytes(unit);
            var chunk = new byte[unitBytes.Length * Math.Max(1, 64 * 1024 / unitBytes.Length)];
            for (var i = 0; i < chunk.Length; i += unitBytes.Length) unitBytes.CopyTo(chunk, i);
            const int segmentChunks = 64;
            var headBytes = Encoding.UTF8.GetBytes(head);
            var tailBytes = Encoding.UTF8.GetBytes(tail);
            using var packed = new MemoryStream();
            byte[] first, segment, last;
            using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                deflate.Write(headBytes);
                deflate.Write(chunk);
                deflate.Write(chunk);
                deflate.Flush();
                first = packed.ToArray();
                for (var i = 0; i < segmentChunks; i++) deflate.Write(chunk);
                deflate.Flush();
                segment = packed.ToArray()[first.Length..];
                deflate.Write(tailBytes);
            }

            last = packed.ToArray()[(first.Length + segment.Length)..];
            var repeats = Math.Max(1, (size - headBytes.Length - 2L * chunk.Length) / ((long)segmentChunks * chunk.Length));
            var total = headBytes.Length + 2L * chunk.Length + repeats * segmentChunks * chunk.Length + tailBytes.Length;
            var deflated = new byte[first.Length + repeats * segment.Length + last.Length];
            first.CopyTo(deflated, 0);
            for (var i = 0; i < repeats; i++) segment.CopyTo(deflated, first.Length + i * segment.Length);
            last.CopyTo(deflated, first.Length + repeats * segment.Length);
            return new Part(name, deflated, 0, total, declared ?? total);
        }
    }

    /// <summary>A ZIP (no ZIP64) of deflated parts, with the sizes each part declares in its local and central headers.</summary>
    private static byte[] Zip(IReadOnlyList<Part> parts)
    {
        using var zip = new MemoryStream();
        var offsets = new List<long>();
        foreach (var p in parts)
        {
            offsets.Add(zip.Position);
            var name = Encoding.UTF8.GetBytes(p.Name);
            Span<byte> local = new byte[30];
            BinaryPrimitives.WriteUInt32LittleEndian(local, 0x04034b50);
            BinaryPrimitives.WriteUInt16LittleEndian(local[4..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(local[6..], 0x0800);
            BinaryPrimitives.WriteUInt16LittleEndian(local[8..], 8);
            BinaryPrimitives.WriteUInt16LittleEndian(local[12..], 0x21);
            BinaryPrimitives.WriteUInt32LittleEndian(local[14..], p.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(local[18..], checked((uint)p.Deflated.Length));
            BinaryPrimitives.WriteUInt32LittleEndian(local[22..], checked((uint)p.Declared));
            BinaryPrimitives.WriteUInt16LittleEndian(local[26..], (ushort)name.Length);
            zip.Write(local);
            zip.Write(name);
            zip.Write(p.Deflated);
        }

        var directory = zip.Position;
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            var name = Encoding.UTF8.GetBytes(p.Name);
            Span<byte> central = new byte[46];
            central.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(central, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(central[4..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(central[6..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(central[8..], 0x0800);
            BinaryPrimitives.WriteUInt16LittleEndian(central[10..], 8);
            BinaryPrimitives.WriteUInt16LittleEndian(central[14..], 0x21);
            BinaryPrimitives.WriteUInt32LittleEndian(central[16..], p.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(central[20..], checked((uint)p.Deflated.Length));
            BinaryPrimitives.WriteUInt32LittleEndian(central[24..], checked((uint)p.Declared));
            BinaryPrimitives.WriteUInt16LittleEndian(central[28..], (ushort)name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(central[42..], checked((uint)offsets[i]));
            zip.Write(central);
            zip.Write(name);
        }

        Span<byte> end = stackalloc byte[22];
        end.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)parts.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)parts.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], checked((uint)(zip.Position - directory)));
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], checked((uint)directory));
        zip.Write(end);
        return zip.ToArray();
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }

        return ~crc;
    }
}
