using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Domain.Printing;

/// <summary>
/// Cuts the fonts embedded in a PDF written by Skia down to the glyphs the document uses. SkiaSharp's native build has
/// no font subsetter compiled in: Skia names each face as a subset ("AAAAAA+DejaVuSans") but embeds the whole file,
/// ≈1.4 MB of fonts in every PDF, a one-page report included. Here, after the document is written, each embedded
/// TrueType face (FontFile2) is subset with HarfBuzz's subsetter (the native library of HarfBuzzSharp) keeping the glyph
/// ids, so the pages' text (Identity-H: code = glyph id) stays as it is, and the file is written again with a new
/// cross-reference table. The glyphs kept are those of the font's ToUnicode map and width array, which Skia writes
/// for the glyphs used. A file of any other shape, or a subsetter that fails, leaves the PDF as it was.
/// </summary>
public static partial class PdfFontSubsetter
{
    /// <summary>The PDF with its embedded TrueType faces subset; the input itself when nothing could be done.</summary>
    public static byte[] Subset(byte[] pdf)
    {
        try
        {
            return TrySubset(pdf) ?? pdf;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or ArgumentException or IndexOutOfRangeException
                                      or DllNotFoundException or EntryPointNotFoundException)
        {
            return pdf;
        }
    }

    private static byte[]? TrySubset(byte[] pdf)
    {
        var objects = ReadObjects(pdf, out var trailer);
        if (objects is null) return null;
        var replaced = new Dictionary<int, byte[]>();
        foreach (var (number, span) in objects)
        {
            var head = Head(pdf, span);
            if (!head.Contains("/Subtype /Type0", StringComparison.Ordinal)) continue;
            var descendant = Reference(head, "DescendantFonts", inArray: true);
            var toUnicode = Reference(head, "ToUnicode");
            if (descendant is null || !objects.TryGetValue(descendant.Value, out var cidSpan)) continue;
            var cidFont = Head(pdf, cidSpan);
            var descriptor = Reference(cidFont, "FontDescriptor");
            if (descriptor is null || !objects.TryGetValue(descriptor.Value, out var descriptorSpan)) continue;
            var fontFile = Reference(Head(pdf, descriptorSpan), "FontFile2");
            if (fontFile is null || !objects.TryGetValue(fontFile.Value, out var fileSpan) || replaced.ContainsKey(fontFile.Value)) continue;

            var glyphs = new SortedSet<uint> { 0 };
            var unicodes = new SortedSet<uint>();
            if (toUnicode is { } tu && objects.TryGetValue(tu, out var tuSpan)) ReadToUnicode(Encoding.ASCII.GetString(StreamData(pdf, tuSpan)), glyphs, unicodes);
            ReadWidths(cidFont, glyphs);
            if (glyphs.Count <= 1) continue;

            var face = StreamData(pdf, fileSpan);
            var subset = HarfBuzzSubset(face, glyphs, unicodes);
            if (subset is null || subset.Length >= face.Length) continue;
            replaced[fontFile.Value] = FontFileObject(fontFile.Value, subset);
        }

        return replaced.Count == 0 ? null : Write(pdf, objects, replaced, trailer);
    }

    /// <summary>Every object's byte span by the cross-reference table (Skia writes one classic table), and the trailer's dictionary.</summary>
    private static SortedDictionary<int, (int Start, int End)>? ReadObjects(byte[] pdf, out string trailer)
    {
        trailer = "";
        var tail = Encoding.ASCII.GetString(pdf, Math.Max(0, pdf.Length - 1024), Math.Min(1024, pdf.Length));
        var startxref = StartXref().Match(tail);
        if (!startxref.Success) return null;
        var xrefAt = int.Parse(startxref.Groups[1].Value, CultureInfo.InvariantCulture);
        if (xrefAt <= 0 || xrefAt >= pdf.Length) return null;
        var table = Encoding.ASCII.GetString(pdf, xrefAt, pdf.Length - xrefAt);
        if (!table.StartsWith("xref", StringComparison.Ordinal)) return null;
        var trailerAt = table.IndexOf("trailer", StringComparison.Ordinal);
        var trailerEnd = table.IndexOf("startxref", StringComparison.Ordinal);
        if (trailerAt < 0 || trailerEnd < trailerAt) return null;
        trailer = table[(trailerAt + "trailer".Length)..trailerEnd].Trim();
        if (trailer.Contains("/Prev", StringComparison.Ordinal) || trailer.Contains("/Encrypt", StringComparison.Ordinal)) return null;

        var starts = new SortedDictionary<int, int>();
        var lines = table[4..trailerAt].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length;)
        {
            var section = lines[i++].Split(' ');
            if (section.Length != 2) return null;
            var first = int.Parse(section[0], CultureInfo.InvariantCulture);
            var count = int.Parse(section[1], CultureInfo.InvariantCulture);
            for (var k = 0; k < count; k++, i++)
            {
                var entry = lines[i].Split(' ');
                if (entry.Length != 3) return null;
                if (entry[2] == "n") starts[first + k] = int.Parse(entry[0], CultureInfo.InvariantCulture);
            }
        }

        // An object runs to the next one's start (the last to the table): untouched objects are copied byte for byte.
        var ordered = starts.OrderBy(s => s.Value).ToList();
        var objects = new SortedDictionary<int, (int, int)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var end = i + 1 < ordered.Count ? ordered[i + 1].Value : xrefAt;
            if (ordered[i].Value >= end) return null;
            var expected = $"{ordered[i].Key} 0 obj";
            if (Encoding.ASCII.GetString(pdf, ordered[i].Value, Math.Min(expected.Length, end - ordered[i].Value)) != expected) return null;
            objects[ordered[i].Key] = (ordered[i].Value, end);
        }

        return objects;
    }

    /// <summary>An object's text up to its stream, if it has one (dictionaries only: the stream's bytes are not decoded).</summary>
    private static string Head(byte[] pdf, (int Start, int End) span)
    {
        var bytes = pdf.AsSpan(span.Start, span.End - span.Start);
        var stream = bytes.IndexOf("stream"u8);
        return Encoding.Latin1.GetString(stream < 0 ? bytes : bytes[..stream]);
    }

    private static int? Reference(string dictionary, string key, bool inArray = false)
    {
        var m = Regex.Match(dictionary, "/" + key + (inArray ? @"\s*\[\s*" : @"\s+") + @"(\d+)\s+0\s+R");
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A stream object's data, inflated when it is Flate-encoded.</summary>
    private static byte[] StreamData(byte[] pdf, (int Start, int End) span)
    {
        var head = Head(pdf, span);
        var length = Regex.Match(head, @"/Length\s+(\d+)(?!\s+0\s+R)");
        if (!length.Success) throw new FormatException("A stream without a direct /Length.");
        var at = span.Start + Encoding.Latin1.GetByteCount(head) + "stream".Length;
        if (pdf[at] == '\r') at++;
        if (pdf[at] == '\n') at++;
        var n = int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture);
        if (at + n > span.End) throw new FormatException("A stream longer than its object.");
        if (!head.Contains("/FlateDecode", StringComparison.Ordinal)) return pdf.AsSpan(at, n).ToArray();
        using var z = new ZLibStream(new MemoryStream(pdf, at, n), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        z.CopyTo(inflated);
        return inflated.ToArray();
    }

    /// <summary>The glyphs (and their characters) of a ToUnicode CMap: "&lt;g&gt; &lt;u&gt;" pairs and "&lt;g1&gt; &lt;g2&gt; &lt;u&gt;|[...]" ranges.</summary>
    internal static void ReadToUnicode(string cmap, ISet<uint> glyphs, ISet<uint> unicodes)
    {
        foreach (Match block in BfChars().Matches(cmap))
        foreach (Match pair in HexPair().Matches(block.Groups[1].Value))
        {
            glyphs.Add(Hex(pair.Groups[1].Value));
            AddUtf16(pair.Groups[2].Value, unicodes);
        }

        foreach (Match block in BfRanges().Matches(cmap))
        foreach (Match range in HexRange().Matches(block.Groups[1].Value))
        {
            var (from, to) = (Hex(range.Groups[1].Value), Hex(range.Groups[2].Value));
            if (to < from || to - from > 0xFFFF) throw new FormatException("A ToUnicode range out of order.");
            for (var g = from; g <= to; g++) glyphs.Add(g);
            if (range.Groups[3].Success)
            {
                var first = Hex(range.Groups[3].Value);
                for (var u = first; u <= first + (to - from); u++) unicodes.Add(u);
            }
            else
            {
                foreach (Match item in HexString().Matches(range.Groups[4].Value)) AddUtf16(item.Groups[1].Value, unicodes);
            }
        }
    }

    /// <summary>The glyphs of a CIDFont's /W array: "c [w1 w2 ...]" (c, c+1, ...) and "c1 c2 w" (c1..c2).</summary>
    internal static void ReadWidths(string cidFont, ISet<uint> glyphs)
    {
        var w = Regex.Match(cidFont, @"/W\s*\[((?:[^\[\]]|\[[^\[\]]*\])*)\]");
        if (!w.Success) return;
        var tokens = WidthTokens().Matches(w.Groups[1].Value).Select(m => m.Value).ToList();
        for (var i = 0; i < tokens.Count;)
        {
            var first = uint.Parse(tokens[i], CultureInfo.InvariantCulture);
            if (i + 1 < tokens.Count && tokens[i + 1].StartsWith('['))
            {
                var count = WidthTokens().Matches(tokens[i + 1][1..^1]).Count;
                for (var k = 0u; k < count; k++) glyphs.Add(first + k);
                i += 2;
            }
            else if (i + 2 < tokens.Count)
            {
                var last = uint.Parse(tokens[i + 1], CultureInfo.InvariantCulture);
                if (last < first || last - first > 0xFFFF) throw new FormatException("A /W range out of order.");
                for (var g = first; g <= last; g++) glyphs.Add(g);
                i += 3;
            }
            else
            {
                throw new FormatException("A /W array of an unknown shape.");
            }
        }
    }

    private static uint Hex(string hex) => uint.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static void AddUtf16(string hex, ISet<uint> unicodes)
    {
        var units = Enumerable.Range(0, hex.Length / 4).Select(i => (char)Hex(hex.Substring(i * 4, 4))).ToArray();
        var text = new string(units);
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1) unicodes.Add((uint)char.ConvertToUtf32(text, i));
    }

    private static byte[] FontFileObject(int number, byte[] face)
    {
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(face);
        var head = Encoding.ASCII.GetBytes($"{number} 0 obj\n<</Length1 {face.Length} /Filter /FlateDecode /Length {compressed.Length}>> stream\n");
        var tail = "\nendstream\nendobj\n"u8;
        return [.. head, .. compressed.ToArray(), .. tail];
    }

    /// <summary>The file again: the header, every object in its old order (the subset faces in place of the whole ones), a new table.</summary>
    private static byte[] Write(byte[] pdf, SortedDictionary<int, (int Start, int End)> objects, Dictionary<int, byte[]> replaced, string trailer)
    {
        using var output = new MemoryStream(pdf.Length);
        var firstObject = objects.Values.Min(o => o.Start);
        output.Write(pdf, 0, firstObject);
        var offsets = new SortedDictionary<int, long>();
        foreach (var (number, span) in objects.OrderBy(o => o.Value.Start))
        {
            offsets[number] = output.Position;
            if (replaced.TryGetValue(number, out var fresh)) output.Write(fresh);
            else output.Write(pdf, span.Start, span.End - span.Start);
        }

        var xref = output.Position;
        var size = objects.Keys.Max() + 1;
        var table = new StringBuilder().Append("xref\n0 ").Append(size).Append('\n').Append("0000000000 65535 f \n");
        for (var i = 1; i < size; i++)
            table.Append(offsets.TryGetValue(i, out var at) ? $"{at:D10} 00000 n \n" : "0000000000 65535 f \n");
        table.Append("trailer\n").Append(trailer).Append("\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        output.Write(Encoding.ASCII.GetBytes(table.ToString()));
        return output.ToArray();
    }

    /// <summary>HarfBuzz's subsetter with the glyph ids kept (dropped glyphs stay as empty ones) and no hinting.</summary>
    private static byte[]? HarfBuzzSubset(byte[] face, IEnumerable<uint> glyphs, IEnumerable<uint> unicodes)
    {
        const uint retainGids = 0x2, noHinting = 0x1;
        var pinned = GCHandle.Alloc(face, GCHandleType.Pinned);
        IntPtr blob = 0, source = 0, input = 0, result = 0, resultBlob = 0;
        try
        {
            blob = HarfBuzz.hb_blob_create(pinned.AddrOfPinnedObject(), (uint)face.Length, 1 /* read-only */, 0, 0);
            source = HarfBuzz.hb_face_create(blob, 0);
            input = HarfBuzz.hb_subset_input_create_or_fail();
            if (input == 0) return null;
            var glyphSet = HarfBuzz.hb_subset_input_glyph_set(input);
            foreach (var g in glyphs) HarfBuzz.hb_set_add(glyphSet, g);
            var unicodeSet = HarfBuzz.hb_subset_input_unicode_set(input);
            foreach (var u in unicodes) HarfBuzz.hb_set_add(unicodeSet, u);
            HarfBuzz.hb_subset_input_set_flags(input, retainGids | noHinting);
            result = HarfBuzz.hb_subset_or_fail(source, input);
            if (result == 0) return null;
            resultBlob = HarfBuzz.hb_face_reference_blob(result);
            var data = HarfBuzz.hb_blob_get_data(resultBlob, out var length);
            if (data == 0 || length == 0) return null;
            var bytes = new byte[length];
            Marshal.Copy(data, bytes, 0, (int)length);
            return bytes;
        }
        finally
        {
            if (resultBlob != 0) HarfBuzz.hb_blob_destroy(resultBlob);
            if (result != 0) HarfBuzz.hb_face_destroy(result);
            if (input != 0) HarfBuzz.hb_subset_input_destroy(input);
            if (source != 0) HarfBuzz.hb_face_destroy(source);
            if (blob != 0) HarfBuzz.hb_blob_destroy(blob);
            pinned.Free();
        }
    }

    private static class HarfBuzz
    {
        private const string Library = "libHarfBuzzSharp";

        [DllImport(Library)] internal static extern IntPtr hb_blob_create(IntPtr data, uint length, int mode, IntPtr userData, IntPtr destroy);
        [DllImport(Library)] internal static extern void hb_blob_destroy(IntPtr blob);
        [DllImport(Library)] internal static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);
        [DllImport(Library)] internal static extern IntPtr hb_face_create(IntPtr blob, uint index);
        [DllImport(Library)] internal static extern void hb_face_destroy(IntPtr face);
        [DllImport(Library)] internal static extern IntPtr hb_face_reference_blob(IntPtr face);
        [DllImport(Library)] internal static extern IntPtr hb_subset_input_create_or_fail();
        [DllImport(Library)] internal static extern void hb_subset_input_destroy(IntPtr input);
        [DllImport(Library)] internal static extern IntPtr hb_subset_input_glyph_set(IntPtr input);
        [DllImport(Library)] internal static extern IntPtr hb_subset_input_unicode_set(IntPtr input);
        [DllImport(Library)] internal static extern void hb_subset_input_set_flags(IntPtr input, uint flags);
        [DllImport(Library)] internal static extern IntPtr hb_subset_or_fail(IntPtr source, IntPtr input);
        [DllImport(Library)] internal static extern void hb_set_add(IntPtr set, uint codepoint);
    }

    [GeneratedRegex(@"startxref\s+(\d+)\s+%%EOF\s*$")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChars();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRanges();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexPair();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])")]
    private static partial Regex HexRange();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>")]
    private static partial Regex HexString();

    [GeneratedRegex(@"\[[^\]]*\]|[\d.]+")]
    private static partial Regex WidthTokens();
}
