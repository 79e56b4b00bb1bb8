using Bot.Domain.Linking;

namespace Bot.Tests.Linking;

/// <summary>The code's format (ADR 0042): typeable, read in any case and with Cyrillic look-alikes; old codes apart; the links.</summary>
public sealed class InviteCodeTests
{
    [Fact]
    public void NewCode_ThousandCodes_AreUnique_13SymbolsWithoutLookAlikes_AtLeast64Bits()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => Invite.NewCode()).ToList();

        Assert.Equal(1000, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[2-9A-HJKMNP-Z]{13}$", c));
        Assert.All(codes, c => Assert.DoesNotMatch("[01OIL]", c));
        Assert.All(codes, c => Assert.Matches("[2-9]", c)); // never a code of letters alone (a typed word is never one)
        Assert.All(codes, c => Assert.Equal(c, InviteCode.Normalize(c)));
        Assert.All(codes, c => Assert.True(InviteCode.LooksLikeCode(c)));
        // The arithmetic of ADR 0042: 31 symbols, 13 of them, at least one digit.
        Assert.Equal(31, InviteCode.Alphabet.Length);
        Assert.Equal(31, InviteCode.Alphabet.Distinct().Count());
        var bits = Math.Log2(Math.Pow(31, 13) - Math.Pow(23, 13));
        Assert.InRange(bits, 64.0, 64.5);
        // Every symbol turns up: the draw is spread over the whole alphabet.
        Assert.Equal(31, codes.SelectMany(c => c).Distinct().Count());
    }

    [Fact]
    public void Printed_InGroups_AndEveryWayOfTypingIt_ReadsBackTheSame()
    {
        Assert.Equal("K7PQ-3XMZ-A9RTW", InviteCode.Display("K7PQ3XMZA9RTW"));
        foreach (var typed in new[]
        {
            "K7PQ-3XMZ-A9RTW", "k7pq-3xmz-a9rtw", "k7pq 3xmz a9rtw", " K7PQ3XMZA9RTW ", "k7 pq3x mza9 rtw", "K7PQ—3XMZ–A9RTW",
            "К7РQ-3ХМZ-А9RТW", // К, Р, Х, М, А, Т typed in Cyrillic
            "к7рq 3хмz а9rтw", // and in lower case
        })
            Assert.Equal("K7PQ3XMZA9RTW", InviteCode.Normalize(typed));
        Assert.Equal("BEHCY2345678A", InviteCode.Normalize("ВЕНСУ2345678а"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("K7PQ-3XMZ-A9RT")] // too short
    [InlineData("K7PQ-3XMZ-A9RTWW")] // too long
    [InlineData("K7PQ-3XMZ-A9RT0")] // 0 is not in the alphabet
    [InlineData("K7PQ-3XMZ-A9RTO")] // nor O
    [InlineData("K7PQ-3XMZ-A9RTО")] // nor Cyrillic О, read as O
    [InlineData("K7PQ-3XMZ-A9RTI")]
    [InlineData("K7PQ-3XMZ-A9RTl")]
    [InlineData("K7PQ-3XMZ-A9RTЖ")]
    [InlineData("теке мевра тека")] // thirteen look-alike letters without a digit: a Ukrainian phrase, not a code
    public void Normalize_RefusesWhatCannotBeANewCode(string text) => Assert.Null(InviteCode.Normalize(text));

    [Fact]
    public void OldCodes_KeepTheirShape_AndAreNeverNormalisedIntoAnotherCode()
    {
        Assert.True(InviteCode.IsLegacy("oAILsKgIw4fkk4Bl"));
        Assert.True(InviteCode.LooksLikeCode("oAILsKgIw4fkk4Bl"));
        Assert.Equal("oAILsKgIw4fkk4Bl", InviteCode.Display("oAILsKgIw4fkk4Bl"));
        // An old code of 13 alphabet symbols and 3 dashes has the old shape: looked up exactly, never read as "K7PQ3XMZA9RTW".
        Assert.True(InviteCode.IsLegacy("K7PQ-3XMZ-A9RT-W"));
        Assert.False(InviteCode.IsLegacy("K7PQ-3XMZ-A9RTW"));
        Assert.False(InviteCode.LooksLikeCode("ААААААААААААААAA")); // Cyrillic: not an old code, not a new one
    }

    [Fact]
    public void Links_CarryTheCode_OrAreEmptyWhenTheBotIsUnknown()
    {
        Assert.Equal("https://t.me/school_bot?start=K7PQ3XMZA9RTW", InviteLinks.Telegram("school_bot", "K7PQ3XMZA9RTW"));
        Assert.Equal("https://t.me/school_bot?start=abc", InviteLinks.Telegram(" @school_bot ", "abc"));
        Assert.Equal("", InviteLinks.Telegram(null, "abc"));
        Assert.Equal("", InviteLinks.Telegram("  ", "abc"));
        Assert.Equal("viber://pa?chatURI=schoolbot&context=K7PQ3XMZA9RTW", InviteLinks.Viber("schoolbot", "K7PQ3XMZA9RTW"));
        Assert.Equal("viber://pa?chatURI=school%20bot&context=abc-DEF_123", InviteLinks.Viber("school bot", "abc-DEF_123"));
        Assert.Equal("", InviteLinks.Viber(null, "abc"));
        Assert.Equal("", InviteLinks.Viber("", "abc"));
        Assert.Equal("https://school.example/j/K7PQ3XMZA9RTW", InviteLinks.Page("https://school.example/", "K7PQ3XMZA9RTW"));
        Assert.Equal("", InviteLinks.Page(null, "K7PQ3XMZA9RTW"));
    }
}
