using System.Diagnostics;
using Bot.Domain.Linking;
using Bot.Domain.Printing;
using SkiaSharp;

namespace Bot.Tests.Printing;

/// <summary>
/// The invite sheet for a parents' meeting read back as a parent's phone and a printer see it: pdftotext finds every
/// guardian, child, code and link; pdfinfo counts the pages; pdftoppm renders it and zbarimg decodes each QR code back
/// to its Telegram link.
/// </summary>
public sealed class InviteSheetTests : IDisposable
{
    private static readonly DateTime Expires = new(2026, 12, 22, 10, 0, 0, DateTimeKind.Utc);
    private readonly string _dir = Directory.CreateTempSubdirectory("invite-sheet-").FullName;

    /// <summary>Six guardians of 7-А: Іваненко Галина has two children on the class list (her one code on both rows).</summary>
    private static readonly InviteRow[] Rows =
    [
        new("7-А", "Іваненко Марта", "Іваненко Галина Петрівна", InviteRoles.Parent, "AAAAbbbbCCCCdd01", Expires),
        new("7-А", "Іваненко Олег", "Іваненко Галина Петрівна", InviteRoles.Parent, "AAAAbbbbCCCCdd01", Expires),
        new("7-А", "Іваненко Олег", "Іваненко Петро Іванович", InviteRoles.Parent, "Zz-_9876543210ab", Expires),
        new("7-А", "Петренко Марія", "Петренко Ольга", InviteRoles.Parent, "PetrenkoOlga0003", Expires),
        new("7-А", "Сидоренко Андрій", "Сидоренко Євгенія Ігорівна", InviteRoles.Parent, "Sydorenko-Yevh04", Expires),
        new("7-А", "Яковенко Софія", "Яковенко Ґедзь Їжакович", InviteRoles.Parent, "Yakovenko_Gedz05", Expires),
        new("7-А", "Антоненко Ірина", "Антоненко Василь", InviteRoles.Parent, "AntonenkoVasyl06", Expires),
        new("7-А", "Бойко Тарас", "Бойко Леся", InviteRoles.Parent, "Boiko-Lesia_0007", Expires),
    ];

    private static readonly InviteSheetTitle Title = new("Ліцей № 1 (тест)", "7-А", InviteAudience.Parents, "Europe/Kyiv");

    [Fact]
    public async Task ParentsSheet_ReadBack_HasEveryGuardianWithTheirChildren_CodeAndBothLinks_OnTwoA4Pages()
    {
        var slips = InviteSheet.Slips(Rows, "school_test_bot", "schooljournal");
        Assert.Equal(7, slips.Count); // one per guardian, not per row
        var pdf = Save(InviteSheet.Render(Title, slips));

        var text = Normalize(await RunAsync("pdftotext", pdf, "-"));
        foreach (var row in Rows)
        {
            Assert.Contains(row.Guardian!, text);
            Assert.Contains(row.Student!, text);
            Assert.Contains(row.Code, text);
            Assert.Contains($"https://t.me/school_test_bot?start={row.Code}", text);
            Assert.Contains($"viber://pa?chatURI=schooljournal&context={row.Code}", text);
        }

        Assert.Contains("Діти: Іваненко Марта, Іваненко Олег", text);
        Assert.Contains("Дитина: Петренко Марія", text);
        Assert.Contains("дійсний до 22.12.2026", text);
        var info = await RunAsync("pdfinfo", pdf);
        Assert.Matches(@"Pages:\s+2\b", info);
        Assert.Matches(@"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info);
        Assert.Contains("DejaVuSans", await RunAsync("pdffonts", pdf));
    }

    [Fact]
    public async Task EachQrCode_IsDrawnWhereTheSlipSaysAndDecodesToItsTelegramLink()
    {
        var slips = InviteSheet.Slips(Rows, "school_test_bot", "schooljournal");
        var pdf = Save(InviteSheet.Render(Title, slips));
        await RunAsync("pdftoppm", "-r", "150", "-png", pdf, Path.Combine(_dir, "page"));
        var pages = Directory.GetFiles(_dir, "page-*.png").Order().ToList();
        Assert.Equal(2, pages.Count);
        File.Copy(pages[0], Bot.Tests.AdminPanel.BrowserSession.ScreenshotPath("invite-sheet-page1.png"), overwrite: true);

        using var first = SKBitmap.Decode(pages[0]);
        var scale = first.Width / InviteSheet.PageWidth;
        for (var i = 0; i < InviteSheet.SlipsPerPage; i++)
        {
            var top = InviteSheet.Margin + i * InviteSheet.SlipHeight + (InviteSheet.SlipHeight - InviteSheet.QrSize) / 2;
            var qr = SKRectI.Round(new SKRect(InviteSheet.Margin, top, InviteSheet.Margin + InviteSheet.QrSize, top + InviteSheet.QrSize).Scale(scale));
            var dark = DarkShare(first, qr);
            Assert.InRange(dark, 0.25, 0.65); // a QR code's modules, not a blank square nor a filled one
        }

        var decoded = new List<string>();
        foreach (var page in pages)
            decoded.AddRange((await RunAsync("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", page)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(slips.Select(s => s.TelegramLink).Order(), decoded.Order());
    }

    /// <summary>
    /// With the installation's public address, each QR code decodes to the page offering both messengers (ADR 0042);
    /// the slip prints the new code in groups and both links as text.
    /// </summary>
    [Fact]
    public async Task WithAPublicAddress_EachQrCodeOpensThePageForBothMessengers_AndTheCodeIsPrintedInGroups()
    {
        InviteRow[] rows =
        [
            new("7-А", "Іваненко Марта", "Іваненко Галина Петрівна", InviteRoles.Parent, "K7PQ3XMZA9RTW", Expires),
            new("7-А", "Петренко Марія", "Петренко Ольга", InviteRoles.Parent, "23456789ABCDE", Expires),
        ];
        var slips = InviteSheet.Slips(rows, "school_test_bot", "schooljournal", "https://school.example/");
        var pdf = Save(InviteSheet.Render(Title, slips));

        var text = Normalize(await RunAsync("pdftotext", pdf, "-"));
        Assert.Contains("K7PQ-3XMZ-A9RTW", text);
        Assert.Contains("2345-6789-ABCDE", text);
        Assert.Contains("https://t.me/school_test_bot?start=K7PQ3XMZA9RTW", text);
        Assert.Contains("viber://pa?chatURI=schooljournal&context=K7PQ3XMZA9RTW", text);
        Assert.Contains("оберіть Telegram або Viber", text);
        Assert.Contains("літери великі чи малі, з пробілами чи без", text);

        await RunAsync("pdftoppm", "-r", "150", "-png", pdf, Path.Combine(_dir, "page"));
        var decoded = (await RunAsync("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", Directory.GetFiles(_dir, "page-*.png").Single()))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "https://school.example/j/23456789ABCDE", "https://school.example/j/K7PQ3XMZA9RTW" }, decoded.Order().ToArray());
    }

    [Fact]
    public async Task WithoutTheBotsName_TheSlipHasTheCodeAndSaysWhyThereIsNoQr()
    {
        var slips = InviteSheet.Slips(Rows.Take(1), null, null);
        var pdf = Save(InviteSheet.Render(Title, slips));
        var text = Normalize(await RunAsync("pdftotext", pdf, "-"));
        Assert.Contains("AAAAbbbbCCCCdd01", text);
        Assert.Contains("QR-код з'явиться, коли буде відоме ім'я бота", text);
        Assert.DoesNotContain("t.me", text);
        Assert.DoesNotContain("viber://", text);
    }

    private static double DarkShare(SKBitmap bitmap, SKRectI area)
    {
        var dark = 0;
        for (var y = area.Top; y < area.Bottom; y++)
            for (var x = area.Left; x < area.Right; x++)
                if (bitmap.GetPixel(x, y).Red < 128) dark++;
        return (double)dark / (area.Width * area.Height);
    }

    /// <summary>pdftotext may split a line where the layout leaves a gap: compare with single spaces.</summary>
    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"[ \t]+", " ");

    private string Save(byte[] pdf)
    {
        var file = Path.Combine(_dir, "sheet.pdf");
        File.WriteAllBytes(file, pdf);
        return file;
    }

    internal static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {error}");
        return await output;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

internal static class RectScaling
{
    public static SKRect Scale(this SKRect r, float s) => new(r.Left * s, r.Top * s, r.Right * s, r.Bottom * s);
}
