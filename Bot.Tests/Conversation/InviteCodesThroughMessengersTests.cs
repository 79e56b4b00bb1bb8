using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Viber;
using Bot.Fakes;
using Bot.Tests.AdminPanel;
using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// Invite codes as families meet them (ADR 0042), through the real host and the fake messengers: the page a slip's QR
/// code opens, fetched over HTTP, with both messengers' links (the Viber one followed to a linked chat), the same page
/// for any code; a code typed in lower case with spaces, or with Cyrillic letters; and the brake, which holds back the
/// answers to wrong codes while a parent's valid code is answered at once.
/// </summary>
public sealed partial class InviteCodesThroughMessengersTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<Invite> InviteAsync(Guid guardianId, TimeSpan? validity = null)
    {
        await using var db = _database.NewContext();
        return (await new InviteService(db, S.Clock, new LinkingSettings()).CreateAsync(Actor.System(), PersonKind.Guardian, guardianId, validity)).GetValueOrThrow();
    }

    [Fact]
    public async Task TheQrPage_OffersTelegramAndViber_NamesOnlyTheSchool_IsTheSameForAnyCode_ItsViberLinkLinks_AndACyrillicCodeToo()
    {
        await using var host = await ViberTestHost.StartAsync(clock: new ShiftedClock(S.Clock.GetUtcNow()), engine: false, connectionString: _database.ConnectionString,
            settings: new Dictionary<string, string?> { ["Telegram:BotUsername"] = "school_test_bot" });
        var publicBase = new Uri(host.WebhookUrl).GetLeftPart(UriPartial.Authority); // no Files:PublicBaseUrl: the webhook's origin
        var mother = await InviteAsync(S.IvanenkoMother.Id);
        var expired = await InviteAsync(S.IvanenkoFather.Id, TimeSpan.FromMinutes(1));
        S.Clock.Advance(TimeSpan.FromMinutes(2)); // the host's clock started before: its own "now" is earlier, the page does not care

        using var http = new HttpClient();
        var url = InviteLinks.Page(publicBase, mother.Code);
        Assert.Equal($"{publicBase}/j/{mother.Code}", url);
        var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("default-src 'none'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"uk\">", page);
        Assert.Contains("name=\"viewport\"", page);
        Assert.Contains("Ліцей № 1 (тест)", page);
        Assert.Contains($"<a class=\"btn tg\" href=\"https://t.me/school_test_bot?start={mother.Code}\">Відкрити в Telegram</a>", page);
        var viber = Regex.Match(page, "<a class=\"btn vb\" href=\"([^\"]+)\">Відкрити у Viber</a>");
        Assert.True(viber.Success, page);
        var viberLink = WebUtility.HtmlDecode(viber.Groups[1].Value);
        Assert.Equal($"viber://pa?chatURI={FakeViberServer.ChatUri}&context={mother.Code}", viberLink);
        Assert.Contains(InviteCode.Display(mother.Code), page);
        // Nothing about the family: no names, no class.
        foreach (var secret in new[] { "Іваненко", "Галина", "Олег", "7-А" }) Assert.DoesNotContain(secret, page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("http://", page.Replace("https://t.me/", "", StringComparison.Ordinal)); // loads nothing from elsewhere

        // An expired code, a made-up one and the mother's code typed in lower case with dashes get the same page (no oracle).
        var madeUp = InviteCode.New();
        string Same(string html, string code) => html.Replace(code, "CODE", StringComparison.Ordinal).Replace(InviteCode.Display(code), "CODE", StringComparison.Ordinal);
        Assert.Equal(Same(page, mother.Code), Same(await http.GetStringAsync(InviteLinks.Page(publicBase, expired.Code)), expired.Code));
        Assert.Equal(Same(page, mother.Code), Same(await http.GetStringAsync(InviteLinks.Page(publicBase, madeUp)), madeUp));
        Assert.Equal(page, await http.GetStringAsync($"{publicBase}/j/{InviteCode.Display(mother.Code).ToLowerInvariant()}"));
        // What cannot be a code at all is not found.
        var notACode = await http.GetAsync($"{publicBase}/j/hello");
        Assert.Equal(HttpStatusCode.NotFound, notACode.StatusCode);
        Assert.Contains("Запрошення не знайдено", await notACode.Content.ReadAsStringAsync());

        // On a phone (Chromium, 390 px wide): both buttons in reach, full width, styled (the page's CSP lets its own style in).
        await using (var browser = await BrowserSession.StartAsync())
        {
            var phone = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, Locale = "uk-UA" });
            await phone.GotoAsync(url);
            foreach (var name in new[] { "Відкрити в Telegram", "Відкрити у Viber" })
            {
                var button = phone.GetByRole(AriaRole.Link, new() { Name = name });
                var box = await button.BoundingBoxAsync();
                Assert.NotNull(box);
                Assert.True(box.Width > 300 && box.Height >= 44 && box.X + box.Width <= 390 && box.Y + box.Height < 844, $"{name}: {box.X},{box.Y} {box.Width}×{box.Height}");
            }

            Assert.Equal("rgb(36, 129, 204)", await phone.GetByRole(AriaRole.Link, new() { Name = "Відкрити в Telegram" })
                .EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            Assert.Equal(390, await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")); // nothing wider than the phone
            await phone.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("invite-qr-page-phone.png"), FullPage = true });
        }

        // The Viber button opens the chat with the code as its context: the welcome says the chat is linked.
        var chat = "vUpage01Xq+9/z==";
        var opened = await host.Viber.UserOpensAsync(chat, new Uri(viberLink.Replace("viber://", "https://", StringComparison.Ordinal)).Query.Split("context=")[1]);
        Assert.Equal(200, opened.HttpStatus);
        Assert.Contains("Вітаємо! Чат прив'язано до щоденника: Іваненко Олег (7-А).", string.Join("\n", host.Viber.MessagesTo(chat).Select(m => m.Text)));

        // The father types his code from the slip on a Ukrainian keyboard, in small letters with spaces: it links too.
        var father = await InviteAsync(S.IvanenkoFather.Id);
        await using (var db = _database.NewContext()) // a code with letters that have Cyrillic twins (a random one may have none)
            await db.Invites.Where(i => i.Id == father.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Code, "K7PQ3XMZA9RTW"));
        var typed = Cyrillic("K7PQ-3XMZ-A9RTW").ToLowerInvariant().Replace('-', ' ');
        Assert.Equal("к7рq 3хмz а9rтw", typed);
        var fathersChat = "vUtyped1Xq+9/z==";
        await host.Viber.UserSendsAsync(fathersChat, typed);
        Assert.Contains("Вітаємо! Чат прив'язано до щоденника: Іваненко Олег (7-А).", string.Join("\n", host.Viber.MessagesTo(fathersChat).Select(m => m.Text)));
    }

    [Fact]
    public async Task TheBrake_HoldsBackTheAnswersToWrongCodes_AParentsCodeTypedInLowerCaseWithSpaces_IsAnsweredAtOnce()
    {
        // One wrong code free, then one a second (so the answers come after 0, 1, 2, 3 and 4 s).
        await using var bot = await TelegramDriver.StartAsync(_database, S, settings: new Dictionary<string, string?>
        {
            ["Linking:WrongCodeBurst"] = "1", ["Linking:WrongCodesPerMinute"] = "60", ["Linking:MaxWrongCodeDelay"] = "00:00:10",
        });
        var invite = await InviteAsync(S.IvanenkoMother.Id);
        long[] guessers = [810001, 810002, 810003, 810004, 810005];
        const long parent = 820001;

        var clock = Stopwatch.StartNew();
        foreach (var g in guessers) bot.Telegram.UserSends(g, g, InviteCode.Display(InviteCode.New()));
        await FakeTelegramServer.WaitUntilAsync(() => guessers.Any(g => bot.Telegram.MessagesTo(g).Count > 0), TimeSpan.FromSeconds(20), "the first wrong code's answer");
        await Task.Delay(200); // the five looked up by now (or about to be); four answers are held back

        var typed = string.Join(' ', InviteCode.Display(invite.Code).Split('-')).ToLowerInvariant();
        var sentAt = clock.Elapsed;
        bot.Telegram.UserSends(parent, parent, typed);
        var greeting = (await bot.Telegram.WaitForMessagesAsync(parent, 1, TimeSpan.FromSeconds(20)))[0];
        var answeredIn = clock.Elapsed - sentAt;
        var wrongAnsweredBy = guessers.Count(g => bot.Telegram.MessagesTo(g).Count > 0);

        Assert.Contains("Вітаємо! Чат прив'язано до щоденника: Іваненко Олег (7-А).", greeting.PlainText);
        // Braked, it would have waited 5 s (the sixth in line at one a second); and the guessers' last answer is still held back.
        Assert.True(answeredIn < TimeSpan.FromSeconds(4), $"the parent waited {answeredIn}");
        Assert.InRange(wrongAnsweredBy, 1, 4);

        await FakeTelegramServer.WaitUntilAsync(() => guessers.All(g => bot.Telegram.MessagesTo(g).Count > 0), TimeSpan.FromSeconds(20), "every wrong code's answer");
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(3.5), $"the last wrong answer came after {clock.Elapsed}");
        var answers = guessers.Select(g => bot.Telegram.MessagesTo(g).Single().PlainText).Distinct().ToList();
        Assert.Equal(new[] { LinkingTexts.InvalidCode }, answers); // slow or fast, word for word the same
    }

    /// <summary>The code as typed on a Ukrainian keyboard: every letter with a Cyrillic twin typed as that twin.</summary>
    internal static string Cyrillic(string code) => new(code.Select(c => c switch
    {
        'A' => 'А', 'B' => 'В', 'E' => 'Е', 'K' => 'К', 'M' => 'М', 'H' => 'Н', 'P' => 'Р', 'C' => 'С', 'T' => 'Т', 'X' => 'Х', 'Y' => 'У',
        _ => c,
    }).ToArray());
}
