using Bot.Domain.Linking;
using QRCoder;
using SkiaSharp;

namespace Bot.Domain.Printing;

/// <summary>How one slip of <see cref="InviteSheet"/> is drawn: the QR code on the left, the words on the right.</summary>
internal static class InviteSheetDrawing
{
    private static readonly SKColor Ink = SKColors.Black, Grey = new(0x55, 0x55, 0x55), Light = new(0x99, 0x99, 0x99);

    public static void Slip(SKCanvas canvas, InviteSheetTitle title, InviteSlip slip, SKRect box, TimeZoneInfo zone)
    {
        var qrTop = box.Top + (box.Height - InviteSheet.QrSize) / 2;
        if (slip.QrLink.Length > 0) Qr(canvas, slip.QrLink, new SKRect(box.Left, qrTop, box.Left + InviteSheet.QrSize, qrTop + InviteSheet.QrSize));
        else Text(canvas, "QR-код з'явиться, коли буде відоме ім'я бота", box.Left + 8, qrTop + InviteSheet.QrSize / 2, PdfFace.Condensed, 8, Light, InviteSheet.QrSize - 16);

        var x = box.Left + InviteSheet.QrSize + 14;
        var width = box.Right - x;
        var y = box.Top + 24;
        var audience = title.Audience == InviteAudience.Parents ? "для батьків" : "для учня";
        Text(canvas, $"{title.SchoolName} · {title.ClassName} · запрошення до електронного щоденника {audience}", x, y, PdfFace.Condensed, 8.5f, Grey, width);
        y += 20;
        Text(canvas, slip.Name, x, y, PdfFace.Bold, 14, Ink, width);
        if (slip.Children.Count > 0)
        {
            y += 16;
            Text(canvas, (slip.Children.Count == 1 ? "Дитина: " : "Діти: ") + string.Join(", ", slip.Children), x, y, PdfFace.Regular, 10, Ink, width);
        }

        y += 24;
        Text(canvas, "Код:", x, y, PdfFace.Regular, 10, Grey, width);
        Text(canvas, slip.PrintedCode, x + 30, y, PdfFace.Bold, 15, Ink, width - 30);
        y += 18;
        if (slip.PageLink.Length > 0)
        {
            Text(canvas, "Наведіть камеру телефона на QR-код і оберіть Telegram або Viber", x, y, PdfFace.Condensed, 8.5f, Grey, width);
            y += 14;
        }

        if (slip.TelegramLink.Length > 0)
        {
            Text(canvas, slip.PageLink.Length > 0 ? "Telegram: відкрийте посилання на телефоні" : "Telegram: наведіть камеру телефона на QR-код або відкрийте посилання",
                x, y, PdfFace.Condensed, 8.5f, Grey, width);
            y += 12;
            Link(canvas, slip.TelegramLink, x, y, width);
        }

        if (slip.ViberLink.Length > 0)
        {
            y += 14;
            Text(canvas, "Viber: відкрийте посилання на телефоні", x, y, PdfFace.Condensed, 8.5f, Grey, width);
            y += 12;
            Link(canvas, slip.ViberLink, x, y, width);
        }

        y += 16;
        var expires = TimeZoneInfo.ConvertTimeFromUtc(slip.ExpiresUtc, zone);
        Text(canvas, "Або надішліть код боту повідомленням: літери великі чи малі, з пробілами чи без.", x, y, PdfFace.Condensed, 8.5f, Grey, width);
        y += 11;
        Text(canvas, $"Код дійсний до {expires:dd.MM.yyyy}; не передавайте його іншим.", x, y, PdfFace.Condensed, 8.5f, Grey, width);
    }

    public static void CutLine(SKCanvas canvas, float y)
    {
        using var paint = new SKPaint { Color = Light, StrokeWidth = 0.6f, IsStroke = true, PathEffect = SKPathEffect.CreateDash([4, 3], 0) };
        canvas.DrawLine(InviteSheet.Margin / 2 + 12, y, InviteSheet.PageWidth - InviteSheet.Margin / 2, y, paint);
        Text(canvas, "✂", InviteSheet.Margin / 2 - 2, y + 3.5f, PdfFace.Regular, 10, Light, 14);
    }

    public static void Footer(SKCanvas canvas, InviteSheetTitle title, int page, int pages) =>
        Text(canvas, $"{title.SchoolName} · {title.ClassName} · аркуш {page} з {pages}", InviteSheet.Margin, InviteSheet.PageHeight - InviteSheet.Margin / 2 + 4,
            PdfFace.Condensed, 7, Light, InviteSheet.PageWidth - 2 * InviteSheet.Margin);

    public static void Empty(SKCanvas canvas, InviteSheetTitle title) =>
        Text(canvas, $"{title.ClassName}: усі вже приєднані або нікого немає в списку — запрошень не створено.", InviteSheet.Margin, InviteSheet.Margin + 20,
            PdfFace.Regular, 11, Ink, InviteSheet.PageWidth - 2 * InviteSheet.Margin);

    /// <summary>The QR code of <paramref name="text"/> filling <paramref name="box"/> (quiet zone included): one vector path of dark modules.</summary>
    internal static void Qr(SKCanvas canvas, string text, SKRect box)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = box.Width / matrix.Count;
        using var builder = new SKPathBuilder();
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var col = 0; col < matrix[row].Length; col++)
            {
                if (!matrix[row][col]) continue;
                var run = col;
                while (run + 1 < matrix[row].Length && matrix[row][run + 1]) run++;
                builder.AddRect(new SKRect(box.Left + col * module, box.Top + row * module, box.Left + (run + 1) * module, box.Top + (row + 1) * module));
                col = run;
            }
        }

        using var path = builder.Detach();
        using var paint = new SKPaint { Color = Ink, IsAntialias = false, Style = SKPaintStyle.Fill };
        canvas.DrawPath(path, paint);
        canvas.DrawUrlAnnotation(box, text);
    }

    /// <summary>A link on one line (smaller type when long, never broken: it must read back whole), clickable in the PDF.</summary>
    private static void Link(SKCanvas canvas, string url, float x, float y, float width)
    {
        var size = 9.5f;
        using var font = new SKFont(PdfFonts.Typeface(PdfFace.Condensed), size);
        while (font.MeasureText(url) > width && size > 5) font.Size = size -= 0.5f;
        using var paint = new SKPaint { Color = new SKColor(0x0b, 0x4f, 0x9c), IsAntialias = true };
        canvas.DrawText(url, x, y, SKTextAlign.Left, font, paint);
        canvas.DrawUrlAnnotation(new SKRect(x, y - size, x + font.MeasureText(url), y + 2), url);
    }

    /// <summary>One line of text, shrunk to fit <paramref name="width"/> if it must.</summary>
    private static void Text(SKCanvas canvas, string text, float x, float y, PdfFace face, float size, SKColor color, float width)
    {
        using var font = new SKFont(PdfFonts.Typeface(face), size);
        while (font.MeasureText(text) > width && font.Size > 5) font.Size -= 0.5f;
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, y, SKTextAlign.Left, font, paint);
    }
}
