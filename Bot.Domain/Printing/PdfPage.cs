using SkiaSharp;

namespace Bot.Domain.Printing;

public enum PdfOrientation
{
    Portrait,
    Landscape,
}

/// <summary>One thing to draw on a page, in points from the page's top left corner.</summary>
internal abstract record PdfOp;

internal sealed record PdfTextOp(float X, float Y, string Text, PdfStyle Style, PdfAlign Align, bool Vertical) : PdfOp;

internal sealed record PdfLineOp(float X1, float Y1, float X2, float Y2, float Width) : PdfOp;

internal sealed record PdfFillOp(SKRect Rect, SKColor Color) : PdfOp;

/// <summary>
/// A laid-out page of A4: what to draw on it, and a cursor (<see cref="Y"/>) that flowing content moves down. Nothing is
/// drawn until the whole document is laid out (<see cref="PdfBook.WriteTo"/>), so the footer knows the page count.
/// </summary>
public sealed class PdfPage
{
    public const float A4Short = 595.28f;
    public const float A4Long = 841.89f;

    internal PdfPage(PdfOrientation orientation, float margin, float headerHeight, float footerHeight, string? caption)
    {
        Orientation = orientation;
        Width = orientation == PdfOrientation.Portrait ? A4Short : A4Long;
        Height = orientation == PdfOrientation.Portrait ? A4Long : A4Short;
        Left = margin;
        Right = Width - margin;
        Top = margin + headerHeight;
        Bottom = Height - margin - footerHeight;
        Y = Top;
        Caption = caption;
    }

    public PdfOrientation Orientation { get; }
    public float Width { get; }
    public float Height { get; }

    /// <summary>The content area: inside the margins, below the running header and above the footer.</summary>
    public float Left { get; }

    public float Right { get; }
    public float Top { get; }
    public float Bottom { get; }
    public float ContentWidth => Right - Left;

    /// <summary>Where the next flowing content starts.</summary>
    public float Y { get; set; }

    public float Remaining => Bottom - Y;

    /// <summary>Printed on the right of the running header (the subject page's title, the section's name).</summary>
    public string? Caption { get; }

    internal List<PdfOp> Ops { get; } = [];

    public void Text(float x, float baseline, string text, PdfStyle style, PdfAlign align = PdfAlign.Left) =>
        Ops.Add(new PdfTextOp(x, baseline, text, style, align, false));

    /// <summary>Text read from bottom to top, starting at (<paramref name="x"/>, <paramref name="baseline"/>).</summary>
    public void VerticalText(float x, float baseline, string text, PdfStyle style) =>
        Ops.Add(new PdfTextOp(x, baseline, text, style, PdfAlign.Left, true));

    public void Line(float x1, float y1, float x2, float y2, float width = 0.5f) => Ops.Add(new PdfLineOp(x1, y1, x2, y2, width));

    public void Fill(SKRect rect, SKColor color) => Ops.Add(new PdfFillOp(rect, color));
}
