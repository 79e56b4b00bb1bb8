using Bot.Domain.Linking;

namespace Bot.Tests.Linking;

/// <summary>The code's format (a Telegram deep-link payload) and the one-tap links.</summary>
public sealed class InviteCodeTests
{
    [Fact]
    public void NewCode_ThousandCodes_AreUnique_SixteenUrlSafeChars_AtLeast64Bits()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => Invite.NewCode()).ToList();

        Assert.Equal(1000, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[A-Za-z0-9_-]{16}$", c));
        // Never "-" or "_" at either end: a final "-" at a printed line's end reads as a broken word (and pdftotext joins the lines).
        Assert.All(codes, c => Assert.Matches("^[A-Za-z0-9].{14}[A-Za-z0-9]$", c));
        Assert.All(codes, c => Assert.True(Invite.LooksLikeCode(c)));
        Assert.True(Invite.CodeLength * 6 >= 64); // each base64url character carries 6 random bits: 96 in all
        // Every character of the alphabet turns up: the bits are spread over all 64 symbols, none is stuck.
        Assert.Equal(64, codes.SelectMany(c => c).Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAA=")]
    [InlineData("ААААААААААААААAA")] // Cyrillic look-alikes
    [InlineData("AAAAAAAAAAAAAAAAA")]
    public void LooksLikeCode_RejectsWhatCannotBeACode(string text) => Assert.False(Invite.LooksLikeCode(text));

    [Fact]
    public void Links_CarryTheCode_OrAreEmptyWhenTheBotIsUnknown()
    {
        Assert.Equal("https://t.me/school_bot?start=abc-DEF_123", InviteLinks.Telegram("school_bot", "abc-DEF_123"));
        Assert.Equal("https://t.me/school_bot?start=abc", InviteLinks.Telegram(" @school_bot ", "abc"));
        Assert.Equal("", InviteLinks.Telegram(null, "abc"));
        Assert.Equal("", InviteLinks.Telegram("  ", "abc"));
        Assert.Equal("viber://pa?chatURI=schoolbot&context=abc-DEF_123", InviteLinks.Viber("schoolbot", "abc-DEF_123"));
        Assert.Equal("", InviteLinks.Viber(null, "abc"));
        Assert.Equal("", InviteLinks.Viber("", "abc"));
    }
}
