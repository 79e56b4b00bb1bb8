using SkiaSharp;

namespace Bot.Domain.Printing;

/// <summary>
/// A column of a <see cref="PdfTable"/>: its header, its width in points (0: shares what the fixed columns leave), the
/// alignment of its cells, and whether its header is set vertically (the narrow date and mark columns of a journal page).
/// </summary>
public sealed record PdfColumn(string Title, float Width = 0, PdfAlign Align = PdfAlign.Left, bool VerticalHeader = false);

/// <summary>
/// A row of cells; <paramref name="Bold"/> sets it in the bold face, <paramref name="Shade"/> on a grey ground;
/// <paramref name="Leads"/>, when given, a bold text per cell set on its own lines before the cell's text (a theme's title
/// before its first lesson's topic, J-6).
/// </summary>
public sealed record PdfRow(IReadOnlyList<string?> Cells, bool Bold = false, bool Shade = false, IReadOnlyList<string?>? Leads = null);

/// <summary>
/// A ruled table that flows over pages: every cell's text wraps inside its column (never cut), a row goes whole onto the
/// next page when it does not fit (a row taller than a page is split between lines), and the header row is repeated at
/// the top of every page the table continues on.
/// </summary>
public sealed class PdfTable(IReadOnlyList<PdfColumn> columns)
{
    private const float MaxVerticalHeader = 90f;
    private static readonly SKColor HeaderGround = new(0xE8, 0xE8, 0xE8);
    private static readonly SKColor ShadeGround = new(0xF3, 0xF3, 0xF3);

    private readonly List<PdfRow> _rows = [];

    public IReadOnlyList<PdfColumn> Columns => columns;
    public IReadOnlyList<PdfRow> Rows => _rows;
    public PdfStyle HeaderStyle { get; init; } = PdfStyle.SmallBold;
    public PdfStyle BodyStyle { get; init; } = PdfStyle.Small;

    /// <summary>The space between a cell's text and its rules, in points.</summary>
    public float Pad { get; init; } = 2f;

    public PdfTable Add(params string?[] cells) => Add(new PdfRow(cells));

    public PdfTable Add(PdfRow row)
    {
        if (row.Cells.Count != columns.Count)
            throw new ArgumentException($"A row of {row.Cells.Count} cells in a table of {columns.Count} columns.", nameof(row));
        _rows.Add(row);
        return this;
    }

    /// <summary>The columns' widths on a page of <paramref name="contentWidth"/>: fixed ones as given, the rest share what is left.</summary>
    public float[] Widths(float contentWidth)
    {
        var fixedWidth = columns.Sum(c => c.Width);
        var flexible = columns.Count(c => c.Width <= 0);
        var share = flexible == 0 ? 0 : Math.Max(20f, (contentWidth - fixedWidth) / flexible);
        return columns.Select(c => c.Width > 0 ? c.Width : share).ToArray();
    }

    internal void LayOut(PdfBook book)
    {
        var text = book.Text;
        var widths = Widths(book.Current.ContentWidth);
        var header = HeaderLines(text, widths);
        var headerHeight = HeaderHeight(text, header);
        var line = BodyStyle.LineHeight;

        var page = book.Ensure(headerHeight + line + 2 * Pad);
        DrawHeader(book, page, widths, header, headerHeight);
        foreach (var row in _rows)
        {
            var style = row.Bold ? BodyStyle with { Face = Bolder(BodyStyle.Face) } : BodyStyle;
            var bold = BodyStyle with { Face = Bolder(BodyStyle.Face) };
            var leads = row.Cells.Select((_, i) => row.Leads?[i] is { Length: > 0 } lead ? text.Wrap(lead, bold, widths[i] - 2 * Pad) : []).ToList();
            var cells = row.Cells.Select((c, i) => (IReadOnlyList<string>)[.. leads[i], .. text.Wrap(c, style, widths[i] - 2 * Pad)]).ToList();
            var boldLines = leads.Select(l => l.Count).ToArray();
            var total = cells.Max(c => c.Count);
            var done = 0;
            while (done < total)
            {
                page = book.Current;
                var fits = (int)((page.Bottom - page.Y - 2 * Pad) / line);
                var need = total - done;
                var freshFits = (int)((page.Bottom - page.Top - headerHeight - 2 * Pad) / line);
                // Whole rows move to the next page; only a row taller than a whole page is split between its lines.
                if (fits < 1 || (fits < need && done == 0 && need <= freshFits))
                {
                    page = book.ContinuePage();
                    DrawHeader(book, page, widths, header, headerHeight);
                    continue;
                }

                var take = Math.Min(fits, need);
                DrawRow(text, page, widths, cells, boldLines, done, take, style, row.Shade);
                done += take;
            }
        }
    }

    private static PdfFace Bolder(PdfFace face) => face switch
    {
        PdfFace.Regular => PdfFace.Bold,
        PdfFace.Condensed => PdfFace.CondensedBold,
        _ => face,
    };

    private List<IReadOnlyList<string>> HeaderLines(PdfText text, float[] widths) =>
        columns.Select((c, i) => text.Wrap(c.Title, HeaderStyle, c.VerticalHeader ? MaxVerticalHeader : widths[i] - 2 * Pad)).ToList();

    private float HeaderHeight(PdfText text, List<IReadOnlyList<string>> header)
    {
        var height = HeaderStyle.LineHeight;
        for (var i = 0; i < columns.Count; i++)
        {
            var h = columns[i].VerticalHeader
                ? header[i].Max(l => text.Width(l, HeaderStyle))
                : header[i].Count * HeaderStyle.LineHeight;
            height = Math.Max(height, h);
        }

        return height + 2 * Pad;
    }

    private void DrawHeader(PdfBook book, PdfPage page, float[] widths, List<IReadOnlyList<string>> header, float height)
    {
        var text = book.Text;
        var top = page.Y;
        page.Fill(new SKRect(page.Left, top, page.Left + widths.Sum(), top + height), HeaderGround);
        var x = page.Left;
        for (var i = 0; i < columns.Count; i++)
        {
            var lines = header[i];
            if (columns[i].VerticalHeader)
            {
                // Read upwards from the bottom of the header; several lines stand side by side, centred in the column.
                var block = lines.Count * HeaderStyle.LineHeight;
                var left = x + (widths[i] - block) / 2 + text.Ascent(HeaderStyle);
                for (var l = 0; l < lines.Count; l++)
                    page.VerticalText(left + l * HeaderStyle.LineHeight, top + height - Pad, lines[l], HeaderStyle);
            }
            else
            {
                for (var l = 0; l < lines.Count; l++)
                    page.Text(x + widths[i] / 2, top + Pad + text.Ascent(HeaderStyle) + l * HeaderStyle.LineHeight, lines[l], HeaderStyle, PdfAlign.Center);
            }

            x += widths[i];
        }

        Rule(page, widths, top, top + height);
        page.Y = top + height;
    }

    private void DrawRow(PdfText text, PdfPage page, float[] widths, List<IReadOnlyList<string>> cells, int[] boldLines, int from, int count, PdfStyle style,
        bool shade)
    {
        var bold = style with { Face = Bolder(style.Face) };
        var top = page.Y;
        var bottom = top + count * style.LineHeight + 2 * Pad;
        if (shade) page.Fill(new SKRect(page.Left, top, page.Left + widths.Sum(), bottom), ShadeGround);
        var x = page.Left;
        for (var i = 0; i < columns.Count; i++)
        {
            var lines = cells[i];
            for (var l = from; l < Math.Min(lines.Count, from + count); l++)
            {
                var baseline = top + Pad + text.Ascent(style) + (l - from) * style.LineHeight;
                var (cx, align) = columns[i].Align switch
                {
                    PdfAlign.Center => (x + widths[i] / 2, PdfAlign.Center),
                    PdfAlign.Right => (x + widths[i] - Pad, PdfAlign.Right),
                    _ => (x + Pad, PdfAlign.Left),
                };
                if (lines[l].Length > 0) page.Text(cx, baseline, lines[l], l < boldLines[i] ? bold : style, align);
            }

            x += widths[i];
        }

        Rule(page, widths, top, bottom);
        page.Y = bottom;
    }

    // The frame of one band of the table: its top and bottom lines and the lines between the columns.
    private static void Rule(PdfPage page, float[] widths, float top, float bottom)
    {
        var right = page.Left + widths.Sum();
        page.Line(page.Left, top, right, top);
        page.Line(page.Left, bottom, right, bottom);
        var x = page.Left;
        page.Line(x, top, x, bottom);
        foreach (var w in widths)
        {
            x += w;
            page.Line(x, top, x, bottom);
        }
    }
}
