using Bot.Domain.Grading;

namespace Bot.Tests.Grading;

/// <summary>Mark values, their stored text and the grade scales (M-1, M-11, A-1).</summary>
public class MarkValueTests
{
    public static TheoryData<MarkValue, string> CanonicalTexts => new()
    {
        { MarkValue.FromPoints(1), "1" },
        { MarkValue.FromPoints(10), "10" },
        { MarkValue.FromPoints(12), "12" },
        { MarkValue.FromLevel(1), "П" },
        { MarkValue.FromLevel(2), "С" },
        { MarkValue.FromLevel(3), "Д" },
        { MarkValue.FromLevel(4), "В" },
        { MarkValue.Formed, "сформовано" },
        { MarkValue.NotAttested, "н/а" },
        { MarkValue.Exempt, "зв" },
        { MarkValue.Credited, "зар" },
        { MarkValue.NotebookAbsent, "н/о" },
    };

    [Theory]
    [MemberData(nameof(CanonicalTexts))]
    public void Text_IsCanonical_AndFromStoredIsItsInverse(MarkValue mark, string text)
    {
        Assert.Equal(text, mark.Text);
        Assert.Equal(text, mark.ToString());
        Assert.Equal(mark, MarkValue.FromStored(text));
    }

    [Fact]
    public void Level_UsesCyrillicLetters_M1()
    {
        Assert.Equal("\u0412", MarkValue.FromLevel(4).Text);   // В, not Latin B
        Assert.Equal("\u0421", MarkValue.FromLevel(2).Text);   // С, not Latin C
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("13")]
    [InlineData("07")]
    [InlineData(" 7")]
    [InlineData("10.5")]
    [InlineData("B")]        // Latin
    [InlineData("д")]        // stored levels are capitals
    [InlineData("н")]        // an absence, not a mark
    [InlineData("на")]       // teacher's spelling, not the stored one
    [InlineData("Сформовано")]
    public void FromStored_AnythingButCanonicalText_Throws(string text)
    {
        Assert.Throws<FormatException>(() => MarkValue.FromStored(text));
    }

    [Fact]
    public void OnlyPoints_AreNumeric()
    {
        Assert.True(MarkValue.FromPoints(7).IsNumeric);
        Assert.Equal(7, MarkValue.FromPoints(7).Numeric);
        Assert.False(MarkValue.FromLevel(3).IsNumeric);
        Assert.Null(MarkValue.FromLevel(3).Numeric);
        Assert.Null(MarkValue.NotAttested.Numeric);
        Assert.Equal(0, MarkValue.Exempt.Points);
    }

    [Theory]
    [InlineData(MarkKind.Points, 0)]
    [InlineData(MarkKind.Points, 13)]
    [InlineData(MarkKind.Level, 5)]
    [InlineData(MarkKind.Level, 0)]
    [InlineData(MarkKind.NotAttested, 3)]
    [InlineData((MarkKind)42, 0)]
    public void Constructor_InvalidPointsForKind_Throws(MarkKind kind, int points)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarkValue(kind, points));
    }

    [Fact]
    public void Values_AreEqualByKindAndPoints()
    {
        Assert.Equal(new MarkValue(MarkKind.Points, 9), MarkValue.FromPoints(9));
        Assert.NotEqual(MarkValue.FromPoints(3), MarkValue.FromLevel(3));
        var (kind, points) = MarkValue.FromLevel(3);
        Assert.Equal((MarkKind.Level, 3), (kind, points));
    }

    [Theory]
    [InlineData(1, GradeScale.Verbal)]
    [InlineData(2, GradeScale.Verbal)]
    [InlineData(3, GradeScale.Levels)]
    [InlineData(4, GradeScale.Levels)]
    [InlineData(5, GradeScale.TwelvePoint)]
    [InlineData(11, GradeScale.TwelvePoint)]
    public void ForGrade_GivesTheScaleOfM1(int grade, GradeScale expected)
    {
        Assert.Equal(expected, GradeScales.ForGrade(grade));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(-1)]
    public void ForGrade_OutsideOneToEleven_Throws(int grade)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradeScales.ForGrade(grade));
    }

    [Theory]
    [InlineData(AbsenceKind.Absent, "н")]
    [InlineData(AbsenceKind.Ill, "хв")]
    public void AbsenceText_RoundTrips_A1(AbsenceKind kind, string text)
    {
        Assert.Equal(text, AbsenceKinds.Text(kind));
        Assert.Equal(kind, AbsenceKinds.FromStored(text));
    }

    [Fact]
    public void AbsenceFromStored_Garbage_Throws_A1()
    {
        Assert.Throws<FormatException>(() => AbsenceKinds.FromStored("хв."));
    }
}
