using Bot.Host.Conversation.Parsing;

namespace Bot.Tests.Conversation.Parsing;

public class TokenizerTests
{
    private static string[] Texts(string text) => Tokenizer.Tokenize(text).Select(t => t.Text).ToArray();

    [Fact]
    public void Tokenize_ExtraSpacesTabsAndNewlines_AreOneSeparator()
    {
        Assert.Equal(["7-А", "алгебра", "Іваненко", "10"], Texts("  7-А \t алгебра\n\nІваненко    10  "));
    }

    [Theory]
    [InlineData("\"Захист України\"")]
    [InlineData("«Захист України»")]
    [InlineData("„Захист України“")]
    [InlineData("„Захист України”")]
    [InlineData("“Захист України”")]
    [InlineData("”Захист України”")]
    [InlineData("«  Захист   України »")]
    public void Tokenize_QuotedPhrase_OfEveryQuoteKind_IsOneWord(string quoted)
    {
        var tokens = Tokenizer.Tokenize($"7-А {quoted} Сидоренко зв");

        Assert.Equal(["7-А", "Захист України", "Сидоренко", "зв"], tokens.Select(t => t.Text));
        Assert.True(tokens[1].Quoted);
        Assert.False(tokens[2].Quoted);
    }

    [Fact]
    public void Tokenize_QuotedToken_SpansItsQuotesInTheText()
    {
        var token = Tokenizer.Tokenize("7-А «Захист України» зв")[1];

        Assert.Equal(4, token.Start);
        Assert.Equal("«Захист України»".Length, token.Length);
    }

    [Fact]
    public void Tokenize_UnclosedQuote_RunsToTheEnd()
    {
        Assert.Equal(["7-А", "Захист України зв"], Texts("7-А «Захист України зв"));
    }

    [Fact]
    public void Tokenize_EmptyQuotes_GiveNoWord()
    {
        Assert.Equal(["7-А", "алг"], Texts("7-А \"\" алг"));
    }

    [Theory]
    [InlineData("М'якота")]
    [InlineData("М’якота")]
    [InlineData("Мʼякота")]
    [InlineData("М`якота")]
    [InlineData("М‘якота")]
    public void Tokenize_EveryApostrophe_BecomesTheUkrainianOne(string name)
    {
        Assert.Equal(["Мʼякота"], Texts(name));
    }

    [Fact]
    public void Tokenize_ColonAndCommas_AreTokensOfTheirOwn()
    {
        var tokens = Tokenizer.Tokenize("алгебра: Іваненко 10,Петренко 9 ; Сидоренко н");

        Assert.Equal(
            [TokenKind.Word, TokenKind.Colon, TokenKind.Word, TokenKind.Word, TokenKind.Comma, TokenKind.Word, TokenKind.Word,
             TokenKind.Comma, TokenKind.Word, TokenKind.Word],
            tokens.Select(t => t.Kind));
        Assert.Equal(["алгебра", ":", "Іваненко", "10", ",", "Петренко", "9", ";", "Сидоренко", "н"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Tokenize_CommaOrColonBetweenDigits_StaysInTheWord()
    {
        Assert.Equal(["10,5", "12:30"], Texts("10,5 12:30"));
    }

    [Fact]
    public void Tokenize_DatesMarksAndClassNames_StayWhole()
    {
        Assert.Equal(["7-А", "н/а", "12.11.2026", "О.", "хв."], Texts("7-А н/а 12.11.2026 О. хв."));
    }

    [Fact]
    public void Tokenize_Offsets_PointIntoTheText()
    {
        const string text = "7-А  алгебра";
        var token = Tokenizer.Tokenize(text)[1];

        Assert.Equal("алгебра", text.Substring(token.Start, token.Length));
    }

    [Fact]
    public void Key_FoldsCaseLatinLookalikesApostrophesAndTrailingDot()
    {
        var tokens = Tokenizer.Tokenize("IВАН М'ЯКОТА О. укр.");

        Assert.Equal(["іван", "мякота", "о", "укр"], tokens.Select(t => t.Key));
    }

    [Fact]
    public void Tokenize_Empty_GivesNothing()
    {
        Assert.Empty(Tokenizer.Tokenize("   "));
    }
}
