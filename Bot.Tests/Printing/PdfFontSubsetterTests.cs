using Bot.Domain.Printing;
using SkiaSharp;

namespace Bot.Tests.Printing;

/// <summary>
/// The fonts of our PDFs are cut to the glyphs used (<see cref="PdfFontSubsetter"/>): the file is a fraction of the
/// size, and a reader gets the same text and the same picture of every page as from the file with the whole fonts.
/// </summary>
public sealed class PdfFontSubsetterTests
{
    private const string Line1 = "Ґрунтовна їжа: Євген і Ярина, 7-А, № 214 «лапки» — тире, апостроф ʼ";
    private const string Line2 = "x² ≤ π·r², Δt = 5 °C, ½ + ¾, α, β; Müller, Łódź, café";

    /// <summary>A two-page document in all four faces, as Skia writes it (the whole fonts embedded).</summary>
    private static byte[] WholeFonts()
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            for (var page = 0; page < 2; page++)
            {
                var canvas = document.BeginPage(595, 842);
                var y = 80f;
                foreach (var face in Enum.GetValues<PdfFace>())
                {
                    using var font = new SKFont(PdfFonts.Typeface(face), 12 + page * 2);
                    canvas.DrawText(Line1, 40, y, SKTextAlign.Left, font, paint);
                    canvas.DrawText(Line2, 40, y + 20, SKTextAlign.Left, font, paint);
                    y += 60;
                }

                document.EndPage();
            }

            document.Close();
        }

        return stream.ToArray();
    }

    [Fact]
    public async Task SubsetFonts_ATenthOfTheSize_SameTextAndSamePages()
    {
        var whole = WholeFonts();
        var subset = PdfFontSubsetter.Subset(whole);

        Assert.True(subset.Length * 10 < whole.Length, $"{subset.Length:N0} bytes of {whole.Length:N0}");
        using var before = new PdfFile(whole);
        using var after = new PdfFile(subset);
        var text = await after.TextAsync();
        Assert.Contains(Line1, text);
        Assert.Contains(Line2, text);
        Assert.Equal(await before.TextAsync(), text);
        Assert.Equal(2, await after.PageCountAsync());

        // Every font is still embedded, and each file is a small part of the face it was cut from.
        var fonts = await InviteSheetTests.RunAsync("pdffonts", after.Path);
        Assert.Equal(4, fonts.Split('\n').Count(l => l.Contains("CID TrueType", StringComparison.Ordinal) && l.Contains(" yes yes yes ", StringComparison.Ordinal)));

        for (var page = 1; page <= 2; page++)
        {
            using var expected = SKBitmap.Decode(await before.RenderAsync(page, dpi: 100));
            using var actual = SKBitmap.Decode(await after.RenderAsync(page, dpi: 100));
            Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
            var differing = 0;
            for (var y = 0; y < expected.Height; y++)
                for (var x = 0; x < expected.Width; x++)
                    if (Math.Abs(expected.GetPixel(x, y).Red - actual.GetPixel(x, y).Red) > 64) differing++;
            Assert.True(differing <= expected.Width * expected.Height / 2000, $"page {page}: {differing} pixels differ");
            Assert.True(await after.InkAsync(page) > 0.002);
        }
    }

    [Fact]
    public void SubsetFonts_AreTheSameBytesEveryTime_ForTheArchivesHashes()
    {
        var whole = WholeFonts();
        Assert.Equal(PdfFontSubsetter.Subset(whole), PdfFontSubsetter.Subset(whole));
    }

    [Theory]
    [InlineData("not a pdf at all")]
    [InlineData("%PDF-1.4\n1 0 obj\n<<>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000009999 00000 n \ntrailer\n<</Size 2>>\nstartxref\n22\n%%EOF\n")]
    public void AFileOfAnotherShape_IsLeftAsItWas(string content)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(content);
        Assert.Same(bytes, PdfFontSubsetter.Subset(bytes));
    }

    [Fact]
    public void ToUnicodeAndWidths_GiveTheGlyphsUsed()
    {
        var glyphs = new SortedSet<uint>();
        var unicodes = new SortedSet<uint>();
        PdfFontSubsetter.ReadToUnicode("2 beginbfchar\n<0003> <0020>\n<039B> <0406>\nendbfchar\n2 beginbfrange\n<000B> <000C> <0028>\n<0AF6> <0AF7> [<2013> <D835DC00>]\nendbfrange",
            glyphs, unicodes);
        Assert.Equal([0x3u, 0xB, 0xC, 0x39B, 0xAF6, 0xAF7], glyphs);
        Assert.Equal([0x20u, 0x28, 0x29, 0x406, 0x2013, 0x1D400], unicodes);

        var widths = new SortedSet<uint>();
        PdfFontSubsetter.ReadWidths("/Subtype /CIDFontType2\n/W [0 [600.1 0 348.1] 11 12 457.03 29 [399.9]]\n/DW 0", widths);
        Assert.Equal([0u, 1, 2, 11, 12, 29], widths);
    }
}
