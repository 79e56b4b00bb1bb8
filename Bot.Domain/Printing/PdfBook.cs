using SkiaSharp;

namespace Bot.Domain.Printing;

/// <summary>What a PDF says about itself (its document information). <paramref name="Archive"/> makes it PDF/A-2b (J-14).</summary>
public sealed record PdfInfo(string Title, string Author, DateTimeOffset Created, string? Subject = null, bool Archive = false);

/// <summary>
/// A document laid out on A4 pages with the embedded DejaVu faces, then written with <see cref="SKDocument.CreatePdf(Stream, SKDocumentPdfMetadata)"/>.
/// Every page carries the running header (<c>"&lt;school&gt;, &lt;class&gt;, &lt;year&gt;"</c> and the page's caption) and the
/// footer "сторінка N з M": the whole document is laid out first and drawn after, so M is known. Content flows down
/// the current page and onto a new one of the same orientation when it does not fit (<see cref="Paragraph"/>,
/// <see cref="PdfTable"/>).
/// </summary>
public sealed class PdfBook(string runningHeader, PdfInfo info) : IDisposable
{
    public const float Margin = 28f;
    private const float HeaderHeight = 16f;
    private const float FooterHeight = 14f;
    private static readonly PdfStyle HeaderStyle = PdfStyle.Small;

    private readonly List<PdfPage> _pages = [];

    public PdfText Text { get; } = new();

    public PdfInfo Info => info;

    public IReadOnlyList<PdfPage> Pages => _pages;

    public PdfPage Current => _pages.Count > 0 ? _pages[^1] : throw new InvalidOperationException("The document has no page yet.");

    public PdfPage AddPage(PdfOrientation orientation, string? caption = null)
    {
        var page = new PdfPage(orientation, Margin, HeaderHeight, FooterHeight, caption);
        _pages.Add(page);
        return page;
    }

    /// <summary>A new page like the current one (orientation and caption), for content that flows on.</summary>
    public PdfPage ContinuePage() => AddPage(Current.Orientation, Current.Caption);

    /// <summary>Makes room for <paramref name="height"/> points on the current page, starting a new one when it lacks it.</summary>
    public PdfPage Ensure(float height)
    {
        var page = Current;
        return page.Remaining >= height || page.Y <= page.Top ? page : ContinuePage();
    }

    /// <summary>Wrapped text across the content width (or <paramref name="indent"/> in from the left), flowing onto new pages line by line.</summary>
    public void Paragraph(string text, PdfStyle style, PdfAlign align = PdfAlign.Left, float spaceAfter = 4f, float indent = 0f)
    {
        var width = Current.ContentWidth - indent;
        foreach (var line in Text.Wrap(text, style, width))
        {
            var page = Ensure(style.LineHeight);
            var x = align switch
            {
                PdfAlign.Center => page.Left + indent + width / 2,
                PdfAlign.Right => page.Right,
                _ => page.Left + indent,
            };
            page.Text(x, page.Y + Text.Ascent(style), line, style, align);
            page.Y += style.LineHeight;
        }

        Current.Y += spaceAfter;
    }

    public void Space(float points) => Current.Y = Math.Min(Current.Bottom, Current.Y + points);

    /// <summary>Lays a table out from the current position: see <see cref="PdfTable"/>.</summary>
    public void Table(PdfTable table, float spaceAfter = 8f)
    {
        table.LayOut(this);
        Current.Y += spaceAfter;
    }

    /// <summary>Draws the laid-out pages into a PDF, its fonts cut to the glyphs it uses (<see cref="PdfFontSubsetter"/>).</summary>
    public byte[] ToBytes()
    {
        using var memory = new MemoryStream();
        Draw(memory);
        return PdfFontSubsetter.Subset(memory.ToArray());
    }

    private void Draw(Stream stream)
    {
        var metadata = new SKDocumentPdfMetadata
        {
            Title = info.Title,
            Author = info.Author,
            Subject = info.Subject ?? info.Title,
            Creator = "Шкільний журнал",
            Producer = "Шкільний журнал (SkiaSharp)",
            Creation = info.Created.UtcDateTime,
            Modified = info.Created.UtcDateTime,
            PdfA = info.Archive,
            RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
        };
        using var document = SKDocument.CreatePdf(stream, metadata);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var stroke = new SKPaint { Color = SKColors.Black, IsStroke = true, IsAntialias = true };
        using var fill = new SKPaint { IsAntialias = false };
        for (var i = 0; i < _pages.Count; i++)
        {
            var page = _pages[i];
            var canvas = document.BeginPage(page.Width, page.Height);
            DrawFrame(page, i + 1, _pages.Count);
            foreach (var op in page.Ops) Draw(canvas, op, ink, stroke, fill);
            document.EndPage();
        }

        document.Close();
    }

    // The running header and the footer go into the page's ops at drawing time, once the page count is known.
    private void DrawFrame(PdfPage page, int number, int count)
    {
        var baseline = Margin + Text.Ascent(HeaderStyle);
        var captionWidth = page.Caption is null ? 0 : Math.Min(Text.Width(page.Caption, HeaderStyle), page.ContentWidth / 2);
        var header = Text.Wrap(runningHeader, HeaderStyle, page.ContentWidth - captionWidth - 12)[0];
        page.Ops.Add(new PdfTextOp(page.Left, baseline, header, HeaderStyle, PdfAlign.Left, false));
        if (page.Caption is not null)
            page.Ops.Add(new PdfTextOp(page.Right, baseline, Text.Wrap(page.Caption, HeaderStyle, captionWidth + 1)[0], HeaderStyle, PdfAlign.Right, false));
        page.Ops.Add(new PdfLineOp(page.Left, Margin + HeaderHeight - 5, page.Right, Margin + HeaderHeight - 5, 0.4f));
        page.Ops.Add(new PdfTextOp(page.Width / 2, page.Height - Margin, $"сторінка {number} з {count}", HeaderStyle, PdfAlign.Center, false));
    }

    private void Draw(SKCanvas canvas, PdfOp op, SKPaint ink, SKPaint stroke, SKPaint fill)
    {
        switch (op)
        {
            case PdfTextOp t when t.Vertical:
                canvas.Save();
                canvas.Translate(t.X, t.Y);
                canvas.RotateDegrees(-90);
                canvas.DrawText(t.Text, 0, 0, SKTextAlign.Left, Text.Font(t.Style), ink);
                canvas.Restore();
                break;
            case PdfTextOp t:
                var align = t.Align switch { PdfAlign.Center => SKTextAlign.Center, PdfAlign.Right => SKTextAlign.Right, _ => SKTextAlign.Left };
                canvas.DrawText(t.Text, t.X, t.Y, align, Text.Font(t.Style), ink);
                break;
            case PdfLineOp l:
                stroke.StrokeWidth = l.Width;
                canvas.DrawLine(l.X1, l.Y1, l.X2, l.Y2, stroke);
                break;
            case PdfFillOp f:
                fill.Color = f.Color;
                canvas.DrawRect(f.Rect, fill);
                break;
        }
    }

    public void Dispose() => Text.Dispose();
}
