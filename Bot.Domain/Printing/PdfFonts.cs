using System.Collections.Concurrent;
using SkiaSharp;

namespace Bot.Domain.Printing;

/// <summary>The font faces every PDF of the product is set in.</summary>
public enum PdfFace
{
    Regular,
    Bold,
    Condensed,
    CondensedBold,
}

/// <summary>
/// DejaVu Sans, shipped inside Bot.Domain (docs/architecture.md "PDF": a Cyrillic font with the app, never the machine's fonts), so a
/// PDF looks the same on every server and in a container with no fonts at all. Typefaces are loaded once per process.
/// </summary>
public static class PdfFonts
{
    private static readonly ConcurrentDictionary<PdfFace, SKTypeface> Loaded = new();

    public static SKTypeface Typeface(PdfFace face) => Loaded.GetOrAdd(face, Load);

    private static SKTypeface Load(PdfFace face)
    {
        var file = face switch
        {
            PdfFace.Regular => "DejaVuSans.ttf",
            PdfFace.Bold => "DejaVuSans-Bold.ttf",
            PdfFace.Condensed => "DejaVuSansCondensed.ttf",
            PdfFace.CondensedBold => "DejaVuSansCondensed-Bold.ttf",
            _ => throw new ArgumentOutOfRangeException(nameof(face)),
        };
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream("Fonts." + file)
            ?? throw new InvalidOperationException($"The font {file} is not embedded in Bot.Domain.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The font {file} could not be read.");
    }
}
