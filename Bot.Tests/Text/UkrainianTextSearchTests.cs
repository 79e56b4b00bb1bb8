using Bot.Domain.Text;

namespace Bot.Tests.Text;

/// <summary>Search keys and apostrophes: a teacher finds "Іваненко" by "іван", "IВАН" or "Іван".</summary>
public class UkrainianTextSearchTests
{
    [Theory]
    [InlineData("іван")]
    [InlineData("Іван")]
    [InlineData("ІВАН")]
    [InlineData("IВАН")]         // Latin I
    [InlineData("Iван")]         // Latin I
    [InlineData("IBAH")]         // Latin I, B, A, H
    [InlineData("  іваненко ")]
    public void SearchKey_LatinLookalikesAndCase_MatchAsPrefix(string query)
    {
        var stored = UkrainianText.SearchKey("Іваненко Олег");

        Assert.StartsWith(UkrainianText.SearchKey(query), stored, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchKey_LowerCasesUkrainianLetters()
    {
        Assert.Equal("ґєїі", UkrainianText.SearchKey("ҐЄЇІ"));
        Assert.Equal("петренко", UkrainianText.SearchKey("ПETPEHKO"));   // Latin E, T, P, H, K, O
        Assert.Equal("коваль", UkrainianText.SearchKey("Kоваль"));       // Latin K
    }

    [Theory]
    [InlineData("Мʼякота")]
    [InlineData("М'якота")]
    [InlineData("М’якота")]
    [InlineData("М`якота")]
    [InlineData("М‘якота")]
    [InlineData("Мякота")]
    public void SearchKey_AllApostropheForms_AreRemoved(string text)
    {
        Assert.Equal("мякота", UkrainianText.SearchKey(text));
    }

    [Fact]
    public void SearchKey_CollapsesWhitespace_KeepsHyphens()
    {
        Assert.Equal("коваль-ярош ігор", UkrainianText.SearchKey("  Коваль-Ярош \t Ігор "));
    }

    [Fact]
    public void SearchKey_LatinSmallHAndB_AreNotLookalikes()
    {
        Assert.Equal("hb", UkrainianText.SearchKey("hb"));
    }

    [Theory]
    [InlineData("М'якота")]
    [InlineData("М’якота")]
    [InlineData("М‘якота")]
    [InlineData("М`якота")]
    [InlineData("Мʼякота")]
    public void NormalizeApostrophe_EveryForm_BecomesModifierLetterApostrophe(string text)
    {
        var normalized = UkrainianText.NormalizeApostrophe(text);

        Assert.Equal("М\u02BCякота", normalized);
    }

    [Fact]
    public void NormalizeApostrophe_LeavesOtherTextAlone()
    {
        Assert.Equal("Дʼяченко-Пʼятак Ілля", UkrainianText.NormalizeApostrophe("Д'яченко-П’ятак Ілля"));
        Assert.Equal("Іваненко", UkrainianText.NormalizeApostrophe("Іваненко"));
    }
}
