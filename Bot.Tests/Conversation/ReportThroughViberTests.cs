using System.Net;
using System.Text.RegularExpressions;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Printing;

namespace Bot.Tests.Conversation;

/// <summary>
/// /report in Viber: Viber fetches files by URL, so the reply carries a link signed with HMAC-SHA256 that
/// expires within a day, served by Bot.Host; a changed link is 403.
/// </summary>
public sealed partial class ReportThroughViberTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private ViberDriver _bot = null!;

    public async Task InitializeAsync()
    {
        (_database, S) = await ReportThroughTelegramTests.SchoolWithMarksAsync();
        _bot = await ViberDriver.StartAsync(_database, S);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Parent_GetsASignedLinkToTheReport_ThatServesThePdf_AndAChangedLinkIs403()
    {
        string code;
        await using (var db = _database.NewContext())
            code = (await new InviteService(db, S.Clock, new LinkingSettings()).CreateAsync(Actor.System(), PersonKind.Guardian, S.IvanenkoMother.Id)).GetValueOrThrow().Code;
        var chat = _bot.ChatOf("mother");
        Assert.Contains("Вітаємо", string.Join("\n", (await _bot.SayAsync(chat, code)).Select(r => r.Text)));

        var reply = string.Join("\n", (await _bot.SayAsync(chat, "report")).Select(r => r.Text));
        Assert.Contains("Звіт у PDF (посилання діє до", reply);
        var url = Link().Match(reply).Value;
        Assert.Contains($"/files/report/{S.Ivanenko.Id}/1?expires=", url);
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Regex.Match(url, @"expires=(\d+)").Groups[1].Value));
        Assert.InRange(expires - S.Clock.GetUtcNow(), TimeSpan.FromHours(1), TimeSpan.FromDays(1));

        using var http = new HttpClient();
        var file = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using (var pdf = new PdfFile(await file.Content.ReadAsByteArrayAsync()))
            Assert.Contains("Іваненко Олег, 7-А клас", await pdf.TextAsync());

        var otherStudent = url.Replace(S.Ivanenko.Id.ToString(), S.Petrenko.Id.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(otherStudent)).StatusCode);
        var longer = Regex.Replace(url, @"expires=\d+", $"expires={expires.AddDays(30).ToUnixTimeSeconds()}");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(longer)).StatusCode);
    }

    [GeneratedRegex(@"http://\S+")]
    private static partial Regex Link();
}
