using System.Text;
using Bot.Host.Conversation;
using Bot.Host.Viber;

namespace Bot.Tests.Viber;

/// <summary>Neutral messages as Viber sees them: plain text in parts, keyboards in a six-column grid, button presses told from typing.</summary>
public sealed class ViberRenderingTests
{
    [Theory]
    [InlineData(1, new[] { 6 })]
    [InlineData(2, new[] { 3, 3 })]
    [InlineData(3, new[] { 2, 2, 2 })]
    [InlineData(4, new[] { 2, 2, 1, 1 })]
    [InlineData(5, new[] { 2, 1, 1, 1, 1 })]
    [InlineData(6, new[] { 1, 1, 1, 1, 1, 1 })]
    public void ARowOfButtons_FillsExactlySixColumns(int count, int[] widths) =>
        Assert.Equal(widths, ViberKeyboards.Widths(count));

    [Fact]
    public void Buttons_AreSilentReplies_CarryingTheNeutralData_WithTheLabelAsText()
    {
        var message = new Message().Line("Оцінка для Петренко Марія:")
            .ButtonRow([.. Enumerable.Range(1, 4).Select(i => new Button($"{i}", $"mv|L|S|{i}"))])
            .ButtonRow(new Button("← До списку", "ml|L"));

        var keyboard = ViberKeyboards.For(message).Keyboard!;

        Assert.Equal("keyboard", keyboard.Type);
        Assert.Equal(["mv|L|S|1", "mv|L|S|2", "mv|L|S|3", "mv|L|S|4", "ml|L"], keyboard.Buttons.Select(b => b.ActionBody));
        Assert.Equal(["1", "2", "3", "4", "← До списку"], keyboard.Buttons.Select(b => b.Text));
        Assert.Equal([2, 2, 1, 1, 6], keyboard.Buttons.Select(b => b.Columns));
        Assert.All(keyboard.Buttons, b => Assert.Equal(("reply", 1, true), (b.ActionType, b.Rows, b.Silent)));
    }

    [Fact]
    public void AClassOfThirty_InRowsOfTwo_IsPackedThreeToARow_ToFitTwelveRows()
    {
        var message = new Message().Line("Натисніть на учня");
        foreach (var row in Enumerable.Range(1, 30).Chunk(2)) message.ButtonRow([.. row.Select(i => new Button($"Учень {i}", $"ms|L|{i}"))]);

        var layout = ViberKeyboards.For(message);

        Assert.Equal(0, layout.Dropped);
        Assert.Equal(30, layout.Keyboard!.Buttons.Count);
        Assert.All(layout.Keyboard.Buttons, b => Assert.Equal(2, b.Columns));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"ms|L|{i}"), layout.Data);
    }

    [Fact]
    public void MoreButtonsThanTwelveRowsHold_AreTrimmed_AndTheTextSaysSo()
    {
        var message = new Message().Line("Оберіть");
        foreach (var i in Enumerable.Range(1, 80)) message.ButtonRow(new Button($"№{i}", $"pk|s|{i}"));

        var layout = ViberKeyboards.For(message);
        var sent = ViberMessages.Compose("u==", message, "Бот");

        Assert.Equal((72, 8), (layout.Keyboard!.Buttons.Count, layout.Dropped));
        Assert.EndsWith(ViberMessages.Trimmed, Assert.Single(sent).Text);
    }

    [Fact]
    public void ALongLabel_IsCutToViberLimit()
    {
        var layout = ViberKeyboards.For(new Message().Line("?").ButtonRow(new Button(new string('я', 300), "x")));

        Assert.Equal(ViberKeyboards.MaxLabelLength, Assert.Single(layout.Keyboard!.Buttons).Text.Length);
    }

    [Fact]
    public void Spans_ArePlainText_AndALinkShowsItsAddress()
    {
        var message = new Message().Line(new Span.Bold("Іваненко <Петро>"), new Span.Plain(": "), new Span.Italic("хв"), new Span.Plain(" "),
            new Span.Code("/mark 7-А"), new Span.Plain(" "), new Span.Link("журнал", "https://school.example/j?a=1&b=2"));

        Assert.Equal("Іваненко <Петро>: хв /mark 7-А журнал (https://school.example/j?a=1&b=2)", Assert.Single(ViberText.Parts(message)));
    }

    [Fact]
    public void AnOverlongLine_IsCutIntoPieces_NeverHalvingAnEmoji()
    {
        var line = new string('a', ViberText.MaxLength - 1) + "😀" + new string('b', 10);

        var parts = ViberText.Parts(Message.Text(line));

        Assert.Equal(2, parts.Count);
        Assert.Equal(line, string.Concat(parts));
        Assert.False(char.IsHighSurrogate(parts[0][^1]));
    }

    [Fact]
    public void EmptyMessage_StillHasText() => Assert.Equal([ViberText.Empty], ViberText.Parts(new Message()));

    [Fact]
    public void Tracking_TellsTheButtonsOfTheKeyboard_FromAnythingElse()
    {
        var tracking = ViberTracking.For(["st|m", "st|a", "c|/homework завтра"]);

        Assert.True(ViberTracking.IsButton(tracking, "st|a"));
        Assert.True(ViberTracking.IsButton(tracking, "c|/homework завтра"));
        Assert.False(ViberTracking.IsButton(tracking, "st|q"));
        Assert.False(ViberTracking.IsButton(tracking, "щоденник"));
        Assert.False(ViberTracking.IsButton(null, "st|a"));
        Assert.False(ViberTracking.IsButton("something the user's client sent", "st|a"));
        Assert.Null(ViberTracking.For([]));
    }

    [Fact]
    public void Tracking_OfTheLargestKeyboard_FitsViberLimit() =>
        Assert.InRange(ViberTracking.For(Enumerable.Range(0, 72).Select(i => $"mv|{Guid.NewGuid():N}|{i}"))!.Length, 1, ViberTracking.MaxLength);

    [Fact]
    public void Signature_IsLowercaseHexHmacSha256OfTheRawBody_KeyedWithTheToken()
    {
        // HMAC-SHA256 test case 2 of RFC 4231: key "Jefe", data "what do ya want for nothing?".
        var body = Encoding.ASCII.GetBytes("what do ya want for nothing?");
        const string expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

        Assert.Equal(expected, ViberSignature.Compute(body, "Jefe"));
        Assert.True(ViberSignature.Matches(body, expected, "Jefe"));
        Assert.False(ViberSignature.Matches(body, expected.ToUpperInvariant(), "Jefe"));
        Assert.False(ViberSignature.Matches(body, expected[..^1], "Jefe"));
        Assert.False(ViberSignature.Matches(body, null, "Jefe"));
        Assert.False(ViberSignature.Matches([.. body, (byte)' '], expected, "Jefe"));
    }

    [Fact]
    public void EveryStatusFromZeroTo24_HasAMeaning_AndOnlyFiveAndSixCloseLinks()
    {
        var kinds = Enumerable.Range(0, 25).ToDictionary(i => i, i => ((ViberStatus)i).Kind());

        Assert.Equal(ViberStatusKind.Ok, kinds[0]);
        Assert.Equal([5, 6], kinds.Where(k => k.Value == ViberStatusKind.ReceiverGone).Select(k => k.Key));
        Assert.Equal([12], kinds.Where(k => k.Value == ViberStatusKind.TooManyRequests).Select(k => k.Key));
        Assert.Equal([2, 7, 8, 9, 15], kinds.Where(k => k.Value == ViberStatusKind.AccountDown).Select(k => k.Key));
        Assert.Equal([23, 24], kinds.Where(k => k.Value == ViberStatusKind.AccountBilling).Select(k => k.Key));
        Assert.Equal(ViberStatusKind.Refused, ((ViberStatus)99).Kind());
        Assert.All(Enumerable.Range(0, 25), i => Assert.True(Enum.IsDefined((ViberStatus)i)));
    }
}
