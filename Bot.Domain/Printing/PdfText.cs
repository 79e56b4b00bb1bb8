using SkiaSharp;

namespace Bot.Domain.Printing;

/// <summary>A face and a size in points: how a piece of text is set.</summary>
public readonly record struct PdfStyle(PdfFace Face, float Size)
{
    public static PdfStyle Title => new(PdfFace.Bold, 20);
    public static PdfStyle Heading => new(PdfFace.Bold, 12);
    public static PdfStyle Body => new(PdfFace.Regular, 9);
    public static PdfStyle Small => new(PdfFace.Condensed, 7.5f);
    public static PdfStyle SmallBold => new(PdfFace.CondensedBold, 7.5f);

    /// <summary>The distance between the baselines of two lines.</summary>
    public float LineHeight => Size * 1.2f;

    public PdfStyle WithSize(float size) => this with { Size = size };
}

public enum PdfAlign
{
    Left,
    Center,
    Right,
}

/// <summary>
/// Measures and wraps text in the embedded fonts. One instance per document (an <see cref="SKFont"/> is not shared
/// between threads). Text is wrapped at spaces; a word wider than the line is broken between letters: nothing is
/// ever cut off.
/// </summary>
public sealed class PdfText : IDisposable
{
    private readonly Dictionary<PdfStyle, SKFont> _fonts = [];

    public SKFont Font(PdfStyle style)
    {
        if (!_fonts.TryGetValue(style, out var font))
        {
            font = new SKFont(PdfFonts.Typeface(style.Face), style.Size) { Subpixel = true };
            _fonts[style] = font;
        }

        return font;
    }

    public float Width(string text, PdfStyle style) => Font(style).MeasureText(text);

    /// <summary>The distance from the top of a line to its baseline.</summary>
    public float Ascent(PdfStyle style) => style.Size * 0.93f;

    /// <summary>The lines <paramref name="text"/> takes in <paramref name="width"/> points; at least one (an empty one for no text).</summary>
    public IReadOnlyList<string> Wrap(string? text, PdfStyle style, float width)
    {
        if (string.IsNullOrEmpty(text)) return [""];
        var font = Font(style);
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0) lines.Add(line);
                line = word;
                while (font.MeasureText(line) > width)
                {
                    // A word longer than the line: as many letters as fit (at least one), the rest on the next line.
                    var fits = Math.Max(1, (int)font.BreakText(line, width));
                    if (fits >= line.Length) break;
                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values) font.Dispose();
        _fonts.Clear();
    }
}
