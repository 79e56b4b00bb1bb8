using Bot.Domain.Linking;
using Bot.Domain.Schools;
using SkiaSharp;

namespace Bot.Domain.Printing;

/// <summary>
/// One slip of an invite sheet: whom it is for, their children (for a guardian), the code and its two links, and the
/// page at the installation's public address that offers both (<see cref="InviteLinks.Page"/>; empty without one).
/// </summary>
public sealed record InviteSlip(string Name, IReadOnlyList<string> Children, string Code, string TelegramLink, string ViberLink, DateTime ExpiresUtc, string PageLink = "")
{
    /// <summary>What the QR code carries: the page offering both messengers, else the Telegram link (empty: no QR code).</summary>
    public string QrLink => PageLink.Length > 0 ? PageLink : TelegramLink;

    /// <summary>The code as printed: in groups ("K7PQ-3XMZ-A9RTW") for a new one.</summary>
    public string PrintedCode => InviteCode.Display(Code);
}

/// <summary>What the sheet's slips say about where they come from: "Ліцей № 1", "7-А", parents or students.</summary>
public sealed record InviteSheetTitle(string SchoolName, string ClassName, InviteAudience Audience, string TimeZone);

/// <summary>
/// The printable invite sheet of a class for a parents' meeting ("Invites"): A4, four slips a page with cut
/// lines between them; a slip per guardian (their children's names) or per student, with the code in groups, a QR code
/// (drawn as vector rectangles, so it stays sharp at any zoom and printer) of the page at the installation's public
/// address that offers both messengers — or of the Telegram link when there is no public address (ADR 0042) — and both
/// links as text, also clickable in the PDF. Set in the embedded DejaVu Sans (<see cref="PdfFonts"/>).
/// </summary>
public static class InviteSheet
{
    /// <summary>A4 in PostScript points.</summary>
    public const float PageWidth = 595.28f, PageHeight = 841.89f;

    public const int SlipsPerPage = 4;

    /// <summary>The margin of the page, and the QR code's size with its quiet zone.</summary>
    public const float Margin = 28f, QrSize = 150f;

    public static float SlipHeight => (PageHeight - 2 * Margin) / SlipsPerPage;

    /// <summary>
    /// The slips of a class's invite rows: one per code in the order of the rows (a guardian's code is on each of their
    /// children's rows, and their slip names all those children).
    /// </summary>
    public static IReadOnlyList<InviteSlip> Slips(IEnumerable<InviteRow> rows, string? botUsername, string? viberChatUri, string? publicBaseUrl = null) =>
        rows.GroupBy(r => r.Code)
            .Select(g => new InviteSlip(
                g.First().Guardian ?? g.First().Student ?? "",
                g.First().Guardian is null ? [] : g.Select(r => r.Student).OfType<string>().Distinct().ToList(),
                g.Key, InviteLinks.Telegram(botUsername, g.Key), InviteLinks.Viber(viberChatUri, g.Key), g.First().ExpiresUtc,
                InviteLinks.Page(publicBaseUrl, g.Key)))
            .ToList();

    /// <summary>The sheet as a PDF.</summary>
    public static byte[] Render(InviteSheetTitle title, IReadOnlyList<InviteSlip> slips)
    {
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"Запрошення до електронного щоденника — {title.ClassName}",
            Author = title.SchoolName,
            Creator = "Шкільний журнал",
            Producer = "Шкільний журнал (SkiaSharp)",
            Creation = DateTime.UtcNow,
            Modified = DateTime.UtcNow,
            RasterDpi = 300,
            EncodingQuality = 100,
            PdfA = false,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            var zone = SchoolTime.Resolve(title.TimeZone);
            var pages = Math.Max(1, (slips.Count + SlipsPerPage - 1) / SlipsPerPage);
            for (var p = 0; p < pages; p++)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                var onPage = slips.Skip(p * SlipsPerPage).Take(SlipsPerPage).ToList();
                if (onPage.Count == 0) InviteSheetDrawing.Empty(canvas, title);
                for (var i = 0; i < onPage.Count; i++)
                {
                    var top = Margin + i * SlipHeight;
                    InviteSheetDrawing.Slip(canvas, title, onPage[i], new SKRect(Margin, top, PageWidth - Margin, top + SlipHeight), zone);
                    InviteSheetDrawing.CutLine(canvas, top + SlipHeight);
                }

                if (onPage.Count > 0) InviteSheetDrawing.CutLine(canvas, Margin);
                InviteSheetDrawing.Footer(canvas, title, p + 1, pages);
                document.EndPage();
            }

            document.Close();
        }

        return PdfFontSubsetter.Subset(stream.ToArray());
    }
}
