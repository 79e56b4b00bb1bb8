using Bot.Domain.Roster;

namespace Bot.Tests.Roster;

/// <summary>Class names as teachers type them: "7-А", "7а", "7 а", "7-A" with a Latin A (J-4, J-5).</summary>
public class ClassNameTests
{
    [Theory]
    [InlineData("7-А", 7, "А")]
    [InlineData("7А", 7, "А")]
    [InlineData("7а", 7, "А")]
    [InlineData("7 а", 7, "А")]
    [InlineData("7-A", 7, "А")]     // Latin A
    [InlineData("7-a", 7, "А")]     // Latin a
    [InlineData("5-B", 5, "В")]     // Latin B looks like В
    [InlineData("10-C", 10, "С")]   // Latin C
    [InlineData("8-i", 8, "І")]     // Latin i
    [InlineData("11-Б", 11, "Б")]
    [InlineData("11-б", 11, "Б")]
    [InlineData(" 1-Ї ", 1, "Ї")]
    [InlineData("6-ґ", 6, "Ґ")]
    [InlineData("7–А", 7, "А")]     // en dash
    [InlineData("7 - А", 7, "А")]
    [InlineData("7-А клас", 7, "А")]
    [InlineData("9-Д кл.", 9, "Д")]
    public void Parse_CommonForms_AreAccepted(string text, int grade, string letter)
    {
        var result = ClassName.Parse(text);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(grade, result.Value.Grade);
        Assert.Equal(letter, result.Value.Letter);
    }

    [Fact]
    public void Parse_LatinLetter_IsStoredAsCyrillic()
    {
        Assert.Equal("\u0410", ClassName.Parse("7-A").Value.Letter);
        Assert.Equal(ClassName.Parse("7-А").Value, ClassName.Parse("7-A").Value);
    }

    [Fact]
    public void ToString_IsGradeDashLetter()
    {
        Assert.Equal("7-А", ClassName.Parse("7а").Value.ToString());
        Assert.Equal("11-Б", new ClassName(11, "б").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("А")]
    [InlineData("7")]
    [InlineData("7-АБ")]
    [InlineData("7-Ь")]
    [InlineData("7-Q")]
    [InlineData("7-b")]      // Latin b does not look like any Cyrillic capital
    [InlineData("123-А")]
    [InlineData("А-7")]
    [InlineData("7/А")]
    public void Parse_Garbage_IsRefusedWithExample(string? text)
    {
        var result = ClassName.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("class.unknown", result.Error.Code);
        Assert.Equal($"Не розумію клас «{text?.Trim()}»: напишіть, наприклад, 7-А.", result.Error.Message);
    }

    [Theory]
    [InlineData("0-А")]
    [InlineData("12-А")]
    public void Parse_GradeOutsideOneToEleven_IsRefused(string text)
    {
        var result = ClassName.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("class.grade_out_of_range", result.Error.Code);
        Assert.Equal($"Класу «{text}» не буває: у школі класи з 1 по 11.", result.Error.Message);
    }

    [Fact]
    public void SortKey_OrdersByNumericGradeThenLetter()
    {
        string[] expected = ["1-А", "1-Б", "2-А", "5-Ґ", "5-Д", "9-І", "9-Ї", "10-А", "11-Б"];

        var sorted = expected.Reverse()
            .Select(t => ClassName.Parse(t).Value)
            .OrderBy(c => c.SortKey, StringComparer.Ordinal)
            .Select(c => c.ToString());

        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void Constructor_InvalidGradeOrLetter_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassName(12, "А"));
        Assert.Throws<ArgumentException>(() => new ClassName(7, "АБ"));
        Assert.Throws<ArgumentException>(() => new ClassName(7, "Ь"));
    }
}
