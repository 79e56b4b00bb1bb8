using Bot.Host.Conversation;
using Bot.Fakes;

namespace Bot.Tests.Telegram;

/// <summary>
/// Rendering neutral messages as Telegram HTML. Each rendering is read back with the fake server's parser, which
/// refuses what Telegram refuses, so "escaped" means "Telegram shows exactly the text".
/// </summary>
public sealed class TelegramHtmlTests
{
    [Fact]
    public void UserText_IsEscaped_AndReadsBackAsTyped()
    {
        const string typed = "<b>не жирний</b> & \"лапки\" <script>alert(1)</script> 5 > 3";

        var part = Assert.Single(TelegramHtml.RenderParts(Message.Text(typed)));

        Assert.DoesNotContain("<b>", part);
        Assert.Equal(typed, FakeTelegramHtml.ToPlain(part));
    }

    [Fact]
    public void Spans_BecomeTheTagsTelegramKnows()
    {
        var message = new Message().Line(
            new Span.Bold("Іваненко <Петро>"), new Span.Plain(": "), new Span.Italic("хв"), new Span.Plain(" "),
            new Span.Code("/mark 7-А"), new Span.Plain(" "), new Span.Link("журнал", "https://school.example/j?a=1&b=\"2\""));

        var part = Assert.Single(TelegramHtml.RenderParts(message));

        Assert.StartsWith("<b>Іваненко &lt;Петро&gt;</b>: <i>хв</i> <code>/mark 7-А</code> <a href=\"https://school.example/j?a=1&amp;b=&quot;2&quot;\">журнал</a>", part);
        Assert.Equal(message.PlainText, FakeTelegramHtml.ToPlain(part));
    }

    [Fact]
    public void LongMessage_IsSplitOnLineBoundaries_UnderTheLimit()
    {
        var lines = Enumerable.Range(1, 120).Select(i => $"{i:000} " + new string('щ', 45)).ToList();
        var message = new Message();
        foreach (var line in lines) message.Line(new Span.Bold(line[..3]), new Span.Plain(line[3..]));

        var parts = TelegramHtml.RenderParts(message);

        Assert.Equal(2, parts.Count);
        var plains = parts.Select(FakeTelegramHtml.ToPlain).ToList();
        Assert.All(plains, p => Assert.InRange(p.Length, 1, TelegramHtml.MaxLength));
        Assert.Equal(string.Join("\n", lines), string.Join("\n", plains));
        Assert.All(plains, p => Assert.All(p.Split('\n'), l => Assert.Contains(l, lines)));
    }

    [Fact]
    public void Escapes_CountAsTheCharacterTheyShow()
    {
        var part = Assert.Single(TelegramHtml.RenderParts(Message.Text(new string('<', TelegramHtml.MaxLength))));

        Assert.Equal(4 * TelegramHtml.MaxLength, part.Length);
        Assert.Equal(TelegramHtml.MaxLength, FakeTelegramHtml.ToPlain(part).Length);
    }

    [Fact]
    public void LineLongerThanTheLimit_IsCutIntoPlainPieces()
    {
        var line = string.Concat(Enumerable.Repeat("а&б<в ", 1500)); // 9000 characters
        var message = new Message().Line("до").Line(new Span.Bold(line)).Line("після");

        var parts = TelegramHtml.RenderParts(message);

        var plains = parts.Select(FakeTelegramHtml.ToPlain).ToList();
        Assert.All(plains, p => Assert.InRange(p.Length, 1, TelegramHtml.MaxLength));
        Assert.Equal("до", plains[0]);
        Assert.Equal(line, string.Concat(plains.Skip(1).Take(plains.Count - 2)));
        Assert.Equal("після", plains[^1]);
    }

    [Fact]
    public void EmptyMessage_StillSendsSomething()
    {
        var part = Assert.Single(TelegramHtml.RenderParts(new Message()));

        Assert.NotEmpty(part);
    }

    [Theory]
    [InlineData("рядок<br>рядок")]
    [InlineData("a < b та <c")]
    [InlineData("<p>абзац</p>")]
    [InlineData("<b>незакритий")]
    [InlineData("<b><i>навхрест</b></i>")]
    public void FakeTelegram_RefusesWhatTelegramRefuses(string html)
    {
        var error = Assert.Throws<FakeApiError>(() => FakeTelegramHtml.ToPlain(html));

        Assert.Equal(400, error.Code);
        Assert.StartsWith("Bad Request: can't parse entities", error.Description);
    }
}
