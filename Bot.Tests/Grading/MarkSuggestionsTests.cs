using Bot.Domain.Grading;

namespace Bot.Tests.Grading;

/// <summary>Thematic, semester and mathematics proposals with worked examples (M-4, M-5, M-6, M-9).</summary>
public class MarkSuggestionsTests
{
    private static GradedWork Work(int points, string kind, MarkColumn column = MarkColumn.Current) =>
        new(MarkValue.FromPoints(points), column, kind);

    private static MarkValue Points(int points) => MarkValue.FromPoints(points);

    [Theory]
    [InlineData(7.5, 8)]
    [InlineData(6.5, 7)]
    [InlineData(8.49, 8)]
    [InlineData(8.5, 9)]
    [InlineData(8.333, 8)]
    [InlineData(11.67, 12)]
    [InlineData(3, 3)]
    public void RoundMark_HalfGoesUp_M5(decimal mean, int expected)
    {
        Assert.Equal(expected, MarkSuggestions.RoundMark(mean));
    }

    [Fact]
    public void SuggestThematic_SevenEightTenOfTwoKinds_IsEightAndObjective_M5()
    {
        var works = new[] { Work(7, "поточна"), Work(8, "контрольна"), Work(10, "поточна") };

        var suggestion = MarkSuggestions.SuggestThematic(works, Subjects.History, 7, nusClass: false, missedTheme: false);

        Assert.Equal(Points(8), suggestion.Value);
        Assert.True(suggestion.IsObjective);
        Assert.Equal("Середнє 8,33 з 3 оцінок: поточна, контрольна.", suggestion.Explanation);
    }

    [Fact]
    public void SuggestThematic_MeanSevenAndAHalf_RoundsToEight_M5()
    {
        var works = new[] { Work(6, "поточна"), Work(9, "самостійна"), Work(7, "поточна"), Work(8, "практична") };

        var suggestion = MarkSuggestions.SuggestThematic(works, Subjects.History, 9, false, false);

        Assert.Equal(Points(8), suggestion.Value);
        Assert.True(suggestion.IsObjective);
        Assert.StartsWith("Середнє 7,5 з 4 оцінок:", suggestion.Explanation);
    }

    // Ukrainian grade 7: 7 (поточна), 8 (контрольна), notebook 12 → (7 + 8 + 12) / 3 = 9, three kinds.
    private static readonly GradedWork[] WorksWithNotebook =
        [Work(7, "поточна"), Work(8, "контрольна"), Work(12, "зошит", MarkColumn.Notebook)];

    [Fact]
    public void SuggestThematic_NotebookInUkrainianGradeSeven_CountsAsCurrent_M4()
    {
        var suggestion = MarkSuggestions.SuggestThematic(WorksWithNotebook, Subjects.UkrainianLanguage, 7, false, false);

        Assert.Equal(Points(9), suggestion.Value);
        Assert.True(suggestion.IsObjective);
        Assert.Equal("Середнє 9 з 3 оцінок: поточна, контрольна, зошит.", suggestion.Explanation);
    }

    [Fact]
    public void SuggestThematic_NotebookInMathematics_DoesNotCount_M4()
    {
        // (7 + 8) / 2 = 7.5 → 8, only two marks.
        var suggestion = MarkSuggestions.SuggestThematic(WorksWithNotebook, Subjects.Mathematics, 7, false, false);

        Assert.Equal(Points(8), suggestion.Value);
        Assert.False(suggestion.IsObjective);
        Assert.Contains("з 2 оцінок: поточна, контрольна.", suggestion.Explanation);
        Assert.Contains("Оцінок менше трьох", suggestion.Explanation);
        Assert.EndsWith("Оцінки за зошит не враховано.", suggestion.Explanation);
    }

    [Fact]
    public void SuggestThematic_NotebookInFifthGradeNusClass_DoesNotCount_M4()
    {
        var suggestion = MarkSuggestions.SuggestThematic(WorksWithNotebook, Subjects.UkrainianLanguage, 5, nusClass: true, false);

        Assert.Equal(Points(8), suggestion.Value);
        Assert.False(suggestion.IsObjective);
    }

    [Fact]
    public void SuggestThematic_NotebookInFifthGradeOutsideNus_Counts_M4()
    {
        var suggestion = MarkSuggestions.SuggestThematic(WorksWithNotebook, Subjects.UkrainianLanguage, 5, nusClass: false, false);

        Assert.Equal(Points(9), suggestion.Value);
    }

    [Theory]
    [InlineData(NotebookPolicy.CountsAsCurrent, 7, false, true)]
    [InlineData(NotebookPolicy.CountsAsCurrent, 11, true, true)]
    [InlineData(NotebookPolicy.CountsAsCurrent, 5, true, false)]
    [InlineData(NotebookPolicy.CountsAsCurrent, 5, false, true)]
    [InlineData(NotebookPolicy.SeparateColumn, 7, false, false)]
    [InlineData(NotebookPolicy.NotApplicable, 7, false, false)]
    public void NotebookCounts_FollowsM4(NotebookPolicy policy, int grade, bool nus, bool expected)
    {
        Assert.Equal(expected, MarkSuggestions.NotebookCounts(new SubjectTraits(Notebook: policy), grade, nus));
    }

    [Fact]
    public void SuggestThematic_FewerThanThreeMarks_IsSuggestedButNotObjective_M5()
    {
        var suggestion = MarkSuggestions.SuggestThematic([Work(9, "поточна"), Work(10, "контрольна")], Subjects.History, 8, false, false);

        Assert.Equal(Points(10), suggestion.Value);   // 9.5 → 10
        Assert.False(suggestion.IsObjective);
        Assert.Equal(
            "Середнє 9,5 з 2 оцінок: поточна, контрольна. Оцінок менше трьох, тож тематична може бути необʼєктивною.",
            suggestion.Explanation);
    }

    [Fact]
    public void SuggestThematic_SingleMark_IsSuggestedWithSingularWording_M5()
    {
        var suggestion = MarkSuggestions.SuggestThematic([Work(6, "усне")], Subjects.History, 8, false, false);

        Assert.Equal(Points(6), suggestion.Value);
        Assert.False(suggestion.IsObjective);
        Assert.StartsWith("Середнє 6 з 1 оцінки: усне.", suggestion.Explanation);
    }

    [Fact]
    public void SuggestThematic_ThreeMarksOfOneKind_AreNotObjective_M5()
    {
        var works = new[] { Work(5, "поточна"), Work(6, " Поточна "), Work(7, "ПОТОЧНА") };

        var suggestion = MarkSuggestions.SuggestThematic(works, Subjects.History, 6, false, false);

        Assert.Equal(Points(6), suggestion.Value);
        Assert.False(suggestion.IsObjective);
        Assert.Equal(
            "Середнє 6 з 3 оцінок: поточна. Усі оцінки за один вид роботи, тож тематична може бути необʼєктивною.",
            suggestion.Explanation);
    }

    [Fact]
    public void SuggestThematic_SpeechActivityAndByHeart_CountAsCurrent_M3_M5()
    {
        var works = new[]
        {
            Work(10, "діалог", MarkColumn.Dialogue),
            Work(11, "напамʼять", MarkColumn.ByHeart),
            Work(12, "поточна"),
        };

        var suggestion = MarkSuggestions.SuggestThematic(works, Subjects.UkrainianLanguage, 8, false, false);

        Assert.Equal(Points(11), suggestion.Value);
        Assert.True(suggestion.IsObjective);
    }

    [Fact]
    public void SuggestThematic_ThematicAndSemesterMarks_AreNotCurrentMarks_M5()
    {
        var works = new[]
        {
            Work(4, "поточна"), Work(6, "контрольна"), Work(5, "самостійна"),
            Work(12, "тематична", MarkColumn.Thematic), Work(12, "семестр", MarkColumn.Semester1),
        };

        var suggestion = MarkSuggestions.SuggestThematic(works, Subjects.History, 7, false, false);

        Assert.Equal(Points(5), suggestion.Value);
        Assert.Contains("з 3 оцінок", suggestion.Explanation);
    }

    [Fact]
    public void SuggestThematic_NonNumericCurrentMarks_AreIgnored_M5()
    {
        var works = new[]
        {
            Work(8, "поточна"), Work(9, "контрольна"), Work(10, "практична"),
            new GradedWork(MarkValue.NotebookAbsent, MarkColumn.Notebook, "зошит"),
        };

        var suggestion = MarkSuggestions.SuggestThematic(works, Subjects.UkrainianLanguage, 7, false, false);

        Assert.Equal(Points(9), suggestion.Value);
        Assert.True(suggestion.IsObjective);
    }

    [Fact]
    public void SuggestThematic_MissedThemeWithoutMarks_IsNotAttested_M5()
    {
        var suggestion = MarkSuggestions.SuggestThematic([], Subjects.History, 7, false, missedTheme: true);

        Assert.Equal(MarkValue.NotAttested, suggestion.Value);
        Assert.False(suggestion.IsObjective);
        Assert.Equal("Оцінок за тему немає, учня не було на уроках: «н/а».", suggestion.Explanation);
    }

    [Fact]
    public void SuggestThematic_MissedThemeWithSomeMarks_SuggestsMeanAndMentionsNotAttested_M5()
    {
        var suggestion = MarkSuggestions.SuggestThematic([Work(9, "поточна")], Subjects.History, 7, false, missedTheme: true);

        Assert.Equal(Points(9), suggestion.Value);
        Assert.False(suggestion.IsObjective);
        Assert.Contains("можна поставити й «н/а»", suggestion.Explanation);
    }

    [Fact]
    public void SuggestThematic_NoMarksNotMissed_SuggestsNothing_M5()
    {
        var suggestion = MarkSuggestions.SuggestThematic([], Subjects.History, 7, false, false);

        Assert.Null(suggestion.Value);
        Assert.False(suggestion.IsObjective);
        Assert.Equal("Оцінок за тему немає, тож пропонувати нічого.", suggestion.Explanation);
    }

    [Fact]
    public void SuggestThematic_OnlyNotebookMarksThatDoNotCount_SuggestsNothing_M4()
    {
        var suggestion = MarkSuggestions.SuggestThematic(
            [Work(10, "зошит", MarkColumn.Notebook)], Subjects.English, 7, false, false);

        Assert.Null(suggestion.Value);
        Assert.EndsWith("Оцінки за зошит не враховано.", suggestion.Explanation);
    }

    [Theory]
    [InlineData(MarkKind.Exempt, "зв")]
    [InlineData(MarkKind.Credited, "зар")]
    public void SuggestThematic_OnlyExemptOrCreditedInPhysicalEducation_SuggestsThatMark_M11(MarkKind kind, string text)
    {
        var mark = new MarkValue(kind, 0);
        var works = new[] { new GradedWork(mark, MarkColumn.Current, "поточна"), new GradedWork(mark, MarkColumn.Current, "поточна") };

        var suggestion = MarkSuggestions.SuggestThematic(works, Subjects.PhysicalEducation, 8, false, false);

        Assert.Equal(text, suggestion.Value?.Text);
        Assert.False(suggestion.IsObjective);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void SuggestThematic_PrimaryGrade_SuggestsNothing_M1(int grade)
    {
        var suggestion = MarkSuggestions.SuggestThematic([Work(8, "поточна")], Subjects.History, grade, false, false);

        Assert.Null(suggestion.Value);
        Assert.Contains("тематичних оцінок не ставлять", suggestion.Explanation);
    }

    [Fact]
    public void SuggestSemester_MeanOfThematicMarks_IsRoundedAndObjective_M6()
    {
        var suggestion = MarkSuggestions.SuggestSemester([Points(8), Points(9), Points(11)], missedSemester: false);

        Assert.Equal(Points(9), suggestion.Value);   // 9.33 → 9
        Assert.True(suggestion.IsObjective);
        Assert.Equal("Середнє 9,33 з 3 оцінок.", suggestion.Explanation);
    }

    [Fact]
    public void SuggestSemester_EightAndNine_RoundsUpToNine_M6()
    {
        Assert.Equal(Points(9), MarkSuggestions.SuggestSemester([Points(8), Points(9)], false).Value);
    }

    [Fact]
    public void SuggestSemester_WithNotAttestedTheme_IsNotObjective_M6()
    {
        var suggestion = MarkSuggestions.SuggestSemester([MarkValue.NotAttested, Points(10), Points(11)], false);

        Assert.Equal(Points(11), suggestion.Value);  // 10.5 → 11
        Assert.False(suggestion.IsObjective);
        Assert.Equal("Середнє 10,5 з 2 оцінок. Ще 1 «н/а»: врахуйте причину пропусків.", suggestion.Explanation);
    }

    [Fact]
    public void SuggestSemester_MissedWithoutMarks_IsNotAttested_M6()
    {
        var suggestion = MarkSuggestions.SuggestSemester([MarkValue.NotAttested], missedSemester: true);

        Assert.Equal(MarkValue.NotAttested, suggestion.Value);
        Assert.Equal("Оцінок за семестр немає, учня не було на уроках: «н/а».", suggestion.Explanation);
    }

    [Fact]
    public void SuggestSemester_NoMarksNotMissed_SuggestsNothing_M6()
    {
        Assert.Null(MarkSuggestions.SuggestSemester([], false).Value);
    }

    [Fact]
    public void SuggestSemester_AllThemesExempt_SuggestsExempt_M11()
    {
        var suggestion = MarkSuggestions.SuggestSemester([MarkValue.Exempt, MarkValue.Exempt], false);

        Assert.Equal(MarkValue.Exempt, suggestion.Value);
        Assert.Equal("За семестр лише «зв»: звільнення від занять.", suggestion.Explanation);
    }

    [Theory]
    [InlineData(9, 10, 10)]
    [InlineData(8, 9, 9)]
    [InlineData(7, 7, 7)]
    [InlineData(12, 1, 7)]
    [InlineData(10, 7, 9)]
    public void CombineMathematics_IsRoundedMeanOfAlgebraAndGeometry_M9(int algebra, int geometry, int expected)
    {
        Assert.Equal(Points(expected), MarkSuggestions.CombineMathematics(Points(algebra), Points(geometry)));
    }

    [Fact]
    public void CombineMathematics_NonNumericMark_GivesNothing_M9()
    {
        Assert.Null(MarkSuggestions.CombineMathematics(MarkValue.NotAttested, Points(9)));
        Assert.Null(MarkSuggestions.CombineMathematics(Points(9), MarkValue.Exempt));
    }

    [Theory]
    [InlineData(MarkColumn.Semester1, "І семестр. Математика")]
    [InlineData(MarkColumn.Semester2, "ІІ семестр. Математика")]
    [InlineData(MarkColumn.Corrected1, "Скоригована. Математика")]
    [InlineData(MarkColumn.Corrected2, "Скоригована. Математика")]
    [InlineData(MarkColumn.Annual, "Річна. Математика")]
    public void MathematicsTitle_IsTheAlgebraPageHeader_M9(MarkColumn column, string expected)
    {
        Assert.Equal(expected, MarkSuggestions.MathematicsTitle(column));
    }

    [Theory]
    [InlineData(MarkColumn.Thematic)]
    [InlineData(MarkColumn.Current)]
    [InlineData(MarkColumn.Dpa)]
    public void MathematicsTitle_OtherColumns_Throw_M9(MarkColumn column)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MarkSuggestions.MathematicsTitle(column));
    }
}
