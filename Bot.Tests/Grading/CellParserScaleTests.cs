using Bot.Domain.Grading;
using static Bot.Tests.Grading.CellAssert;

namespace Bot.Tests.Grading;

/// <summary>M-1: which marks each grade's scale takes, and how teachers may spell them.</summary>
public class CellParserScaleTests
{
    private static readonly SubjectTraits History = Subjects.History;

    [Theory]
    [InlineData("1", 1)]
    [InlineData("7", 7)]
    [InlineData("12", 12)]
    [InlineData(" 10 ", 10)]
    [InlineData("10.", 10)]
    public void Parse_PointsOnTwelvePointScale_AreAccepted_M1(string text, int points)
    {
        var mark = Mark(CellParser.Parse(text, 7, MarkColumn.Current, History));

        Assert.Equal(MarkValue.FromPoints(points), mark);
        Assert.Equal(points, mark.Numeric);
    }

    [Fact]
    public void Parse_ThirteenOnTwelvePointScale_IsRejected_M1()
    {
        var message = Refused(CellErrorCodes.OutOfScale, CellParser.Parse("13", 7, MarkColumn.Current, History));

        Assert.Equal("Оцінка «13» поза шкалою: у 7 класі ставлять бали від 1 до 12.", message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("100")]
    [InlineData("99999999999999")]
    public void Parse_WholeNumberOutsideOneToTwelve_IsRejected_M1(string text)
    {
        var message = Refused(CellErrorCodes.OutOfScale, CellParser.Parse(text, 11, MarkColumn.Thematic, History));

        Assert.Contains($"«{text}»", message);
        Assert.Contains("від 1 до 12", message);
    }

    [Theory]
    [InlineData("10.5")]
    [InlineData("10,5")]
    [InlineData("7.0")]
    public void Parse_FractionalPoints_AreRejectedAsOutOfScale_M1(string text)
    {
        var message = Refused(CellErrorCodes.OutOfScale, CellParser.Parse(text, 8, MarkColumn.Current, History));

        Assert.Equal($"Оцінка «{text}» поза шкалою: у 8 класі ставлять цілі бали від 1 до 12.", message);
    }

    [Theory]
    [InlineData("П", 1)]
    [InlineData("С", 2)]
    [InlineData("Д", 3)]
    [InlineData("В", 4)]
    [InlineData("д", 3)]
    [InlineData("C", 2)]   // Latin C
    [InlineData("B", 4)]   // Latin B
    [InlineData("c", 2)]   // Latin c
    [InlineData("достатній", 3)]
    [InlineData("Високий", 4)]
    public void Parse_LevelInGradesThreeToFour_IsAccepted_M1(string text, int level)
    {
        var mark = Mark(CellParser.Parse(text, 3, MarkColumn.Current, History));

        Assert.Equal(MarkKind.Level, mark.Kind);
        Assert.Equal(level, mark.Points);
        Assert.Null(mark.Numeric);
    }

    [Fact]
    public void Parse_LevelInGradeFourAnnual_IsAcceptedWithCanonicalText_M1()
    {
        Mark("В", CellParser.Parse("в", 4, MarkColumn.Annual, History));
    }

    [Fact]
    public void Parse_PointsInGradeThree_AreRejectedNamingLevels_M1()
    {
        var message = Refused(CellErrorCodes.WrongScale, CellParser.Parse("10", 3, MarkColumn.Current, History));

        Assert.Equal("«10» не підходить: у 3 класі ставлять рівні П, С, Д або В.", message);
    }

    [Fact]
    public void Parse_ThirteenInGradeFour_IsRejectedAsWrongScaleNotOutOfScale_M1()
    {
        Refused(CellErrorCodes.WrongScale, CellParser.Parse("13", 4, MarkColumn.Current, History));
    }

    [Fact]
    public void Parse_LevelInGradeSeven_IsRejectedNamingPoints_M1()
    {
        var message = Refused(CellErrorCodes.WrongScale, CellParser.Parse("д", 7, MarkColumn.Current, History));

        Assert.Equal("«Д» не підходить: у 7 класі ставлять бали від 1 до 12.", message);
    }

    [Theory]
    [InlineData("сформовано")]
    [InlineData("Сформовано")]
    [InlineData("сформ")]
    [InlineData("сформ.")]
    [InlineData("сф")]
    [InlineData("+")]
    [InlineData("✓")]
    [InlineData(" СФ ")]
    public void Parse_FormedInGradesOneToTwo_IsAccepted_M1(string text)
    {
        Assert.Equal(MarkValue.Formed, Mark(CellParser.Parse(text, 1, MarkColumn.Current, History)));
        Assert.Equal(MarkValue.Formed, Mark(CellParser.Parse(text, 2, MarkColumn.Annual, History)));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(11)]
    public void Parse_FormedOutsideGradesOneToTwo_IsRejected_M1(int grade)
    {
        var message = Refused(CellErrorCodes.WrongScale, CellParser.Parse("сф", grade, MarkColumn.Current, History));

        Assert.StartsWith("«сформовано» не підходить:", message);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("Д")]
    public void Parse_PointsOrLevelInGradeOne_AreRejectedNamingFormed_M1(string text)
    {
        var message = Refused(CellErrorCodes.WrongScale, CellParser.Parse(text, 1, MarkColumn.Current, History));

        Assert.EndsWith("у 1 класі ставлять лише «сформовано».", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("-")]
    [InlineData("—")]
    [InlineData("–")]
    [InlineData(" - ")]
    public void Parse_EmptyOrDash_ClearsTheCell(string? text)
    {
        var result = CellParser.Parse(text, 7, MarkColumn.Thematic, History);

        Assert.True(result.IsSuccess);
        Assert.IsType<ClearCell>(result.Value);
    }

    [Fact]
    public void Parse_Clear_IsAllowedEvenWhereMarksAreNot()
    {
        Assert.IsType<ClearCell>(CellParser.Parse("-", 7, MarkColumn.Current, Subjects.OptionalCourse).Value);
        Assert.IsType<ClearCell>(CellParser.Parse("", 7, MarkColumn.Current, History, individualStudy: true).Value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("10+")]
    [InlineData("н/б")]
    [InlineData("12/12")]
    [InlineData("Р")]
    public void Parse_Garbage_IsRejectedAsUnknown(string text)
    {
        var message = Refused(CellErrorCodes.Unknown, CellParser.Parse(text, 7, MarkColumn.Current, History));

        Assert.Equal($"Не розумію «{text}». Напишіть бал від 1 до 12, «н» або «хв».", message);
    }

    [Fact]
    public void Parse_GarbageInDatelessColumnOfGradeThree_HintsLevelsWithoutAbsences()
    {
        var message = Refused(CellErrorCodes.Unknown, CellParser.Parse("х", 3, MarkColumn.Annual, History));

        Assert.Equal("Не розумію «х». Напишіть рівень П, С, Д або В.", message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    public void Parse_GradeOutsideOneToEleven_Throws(int grade)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CellParser.Parse("5", grade, MarkColumn.Current, History));
    }

    [Fact]
    public void Parse_UndefinedColumn_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CellParser.Parse("5", 7, (MarkColumn)99, History));
    }
}
