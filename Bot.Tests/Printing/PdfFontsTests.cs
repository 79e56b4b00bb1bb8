using System.Diagnostics;
using Bot.Domain.Printing;
using SkiaSharp;

namespace Bot.Tests.Printing;

/// <summary>The shipped font sets Ukrainian text that a PDF reader gets back letter for letter (docs/architecture.md "PDF").</summary>
public sealed class PdfFontsTests
{
    [Theory]
    [InlineData(PdfFace.Regular)]
    [InlineData(PdfFace.Bold)]
    [InlineData(PdfFace.Condensed)]
    [InlineData(PdfFace.CondensedBold)]
    public void EveryFace_HasTheUkrainianLetters(PdfFace face)
    {
        var typeface = PdfFonts.Typeface(face);
        using var font = new SKFont(typeface, 12);
        Assert.All("ҐґЄєІіЇї’АБВЯя".ToCharArray(), c => Assert.NotEqual((ushort)0, font.GetGlyph(c)));
    }

    [Fact]
    public async Task TextDrawnInAPdf_IsReadBackByPdftotext()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fonts-{Guid.NewGuid():N}.pdf");
        try
        {
            using (var stream = File.Create(file))
            using (var document = SKDocument.CreatePdf(stream))
            {
                var canvas = document.BeginPage(595, 842);
                using var font = new SKFont(PdfFonts.Typeface(PdfFace.Regular), 14);
                using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
                canvas.DrawText("Ґрунтовна їжа: Євген і Ярина, 7-А", 40, 80, SKTextAlign.Left, font, paint);
                document.EndPage();
                document.Close();
            }

            var start = new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Ґрунтовна їжа: Євген і Ярина, 7-А", text);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
