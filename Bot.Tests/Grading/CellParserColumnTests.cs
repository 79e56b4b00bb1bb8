using Bot.Domain.Grading;
using static Bot.Tests.Grading.CellAssert;

namespace Bot.Tests.Grading;

/// <summary>Which columns take marks for a grade, a subject and a student (M-1, M-3, M-4, M-10, M-12, J-10).</summary>
public class CellParserColumnTests
{
    [Theory]
    [InlineData(MarkColumn.Thematic)]
    [InlineData(MarkColumn.Corrected1)]
    [InlineData(MarkColumn.Corrected2)]
    [InlineData(MarkColumn.Notebook)]
    [InlineData(MarkColumn.ByHeart)]
    [InlineData(MarkColumn.Dialogue)]
    [InlineData(MarkColumn.Listening)]
    public void Parse_DatelessColumnOtherThanSemesterAndAnnualInGradeThree_IsRejected_M1_N14(MarkColumn column)
    {
        var message = Refused(CellErrorCodes.ColumnNotForGrade,
            CellParser.Parse("Д", 3, column, Subjects.UkrainianLanguage));

        Assert.Equal(
            $"У 3 класі колонки «{MarkColumns.Title(column)}» немає: у 3–4 класах ставлять поточні оцінки, семестрові та річний результати.",
            message);
    }

    [Fact]
    public void Parse_SemesterInGradesOneAndTwo_IsRejected_N13()
    {
        Refused(CellErrorCodes.ColumnNotForGrade, CellParser.Parse("сформовано", 1, MarkColumn.Semester1, Subjects.History));
        Assert.Equal("У 2 класі колонки «ІІ семестр» немає: у 1–2 класах ставлять лише поточні оцінки та річний результат.",
            Refused(CellErrorCodes.ColumnNotForGrade, CellParser.Parse("сформовано", 2, MarkColumn.Semester2, Subjects.History)));
    }

    [Theory]
    [InlineData(3, MarkColumn.Semester1)]
    [InlineData(4, MarkColumn.Semester2)]
    public void Parse_SemesterResultInGradesThreeAndFour_IsALevel_N14(int grade, MarkColumn column)
    {
        Mark("Д", CellParser.Parse("д", grade, column, Subjects.History));
        Mark("н/а", CellParser.Parse("н/а", grade, column, Subjects.History));
        Assert.Equal($"«9» не підходить: у {grade} класі ставлять рівні П, С, Д або В.",
            Refused(CellErrorCodes.WrongScale, CellParser.Parse("9", grade, column, Subjects.History)));
    }

    [Fact]
    public void Parse_ASubjectAssessedVerbally_InGradeThree_TakesOnlyFormed_N14()
    {
        var verbal = Subjects.History with { IsVerbalInGrades3To4 = true };
        Mark("сформовано", CellParser.Parse("сф", 3, MarkColumn.Current, verbal));
        Mark("сформовано", CellParser.Parse("сформовано", 4, MarkColumn.Semester1, verbal));
        Assert.Equal("«Д» не підходить: у 3 класі цей предмет оцінюють вербально, ставлять лише «сформовано».",
            Refused(CellErrorCodes.WrongScale, CellParser.Parse("Д", 3, MarkColumn.Semester1, verbal)));
        // Grades 5–11 keep their points whatever the primary grades' choice.
        Mark("10", CellParser.Parse("10", 7, MarkColumn.Current, verbal));
    }

    [Fact]
    public void Parse_AnnualResultInPrimaryGrades_IsAccepted_M1()
    {
        Mark("сформовано", CellParser.Parse("+", 2, MarkColumn.Annual, Subjects.History));
        Mark("С", CellParser.Parse("с", 3, MarkColumn.Annual, Subjects.History));
    }

    [Theory]
    [InlineData(4, "Д", "Д")]
    [InlineData(9, "10", "10")]
    [InlineData(11, "12", "12")]
    public void Parse_DpaInGradesFourNineEleven_IsAccepted_M10(int grade, string text, string expected)
    {
        Mark(expected, CellParser.Parse(text, grade, MarkColumn.Dpa, Subjects.UkrainianLanguage));
        Mark(expected, CellParser.Parse(text, grade, MarkColumn.Appeal, Subjects.UkrainianLanguage));
    }

    [Theory]
    [InlineData(7, MarkColumn.Dpa)]
    [InlineData(10, MarkColumn.Appeal)]
    [InlineData(2, MarkColumn.Dpa)]
    public void Parse_DpaOrAppealInGradeWithoutStateAttestation_IsRejected_M10(int grade, MarkColumn column)
    {
        var text = grade == 2 ? "сф" : "9";
        var message = Refused(CellErrorCodes.ColumnNotForGrade, CellParser.Parse(text, grade, column, Subjects.History));

        Assert.EndsWith("ДПА проходять у 4, 9 та 11 класах.", message);
    }

    [Theory]
    [InlineData("н/а")]
    [InlineData("зв")]
    public void Parse_SpecialMarkInAppeal_IsRejected_M10(string text)
    {
        var message = Refused(CellErrorCodes.NotForColumn,
            CellParser.Parse(text, 9, MarkColumn.Appeal, Subjects.PhysicalEducation));

        Assert.Equal("У колонку «Апеляційна» ставлять лише бал від 1 до 12.", message);
    }

    [Fact]
    public void Parse_NotebookForSubjectWithNotebookPolicy_IsAccepted_M4()
    {
        Mark("9", CellParser.Parse("9", 7, MarkColumn.Notebook, Subjects.UkrainianLanguage));
        Mark("9", CellParser.Parse("9", 7, MarkColumn.Notebook, Subjects.Mathematics));
        Mark("9", CellParser.Parse("9", 5, MarkColumn.Notebook, Subjects.English));
    }

    [Fact]
    public void Parse_NotebookInHistory_IsRejected_M4()
    {
        var message = Refused(CellErrorCodes.ColumnNotForSubject,
            CellParser.Parse("9", 7, MarkColumn.Notebook, Subjects.History));

        Assert.StartsWith("З цього предмета колонку «Зошит» не ведуть", message);
    }

    [Theory]
    [InlineData(MarkColumn.Dialogue)]
    [InlineData(MarkColumn.OralEssay)]
    [InlineData(MarkColumn.OralRetelling)]
    [InlineData(MarkColumn.ReadingAloud)]
    [InlineData(MarkColumn.ByHeart)]
    public void Parse_NativeSpeechColumnsInUkrainian_AreAccepted_M3(MarkColumn column)
    {
        Mark("11", CellParser.Parse("11", 6, column, Subjects.UkrainianLanguage));
    }

    [Theory]
    [InlineData(MarkColumn.Dialogue)]
    [InlineData(MarkColumn.ReadingAloud)]
    [InlineData(MarkColumn.ByHeart)]
    public void Parse_NativeSpeechColumnsInMathematics_AreRejected_M3(MarkColumn column)
    {
        var message = Refused(CellErrorCodes.ColumnNotForSubject,
            CellParser.Parse("11", 6, column, Subjects.Mathematics));

        Assert.Equal($"Колонку «{MarkColumns.Title(column)}» ведуть лише з мов і літератур.", message);
    }

    [Theory]
    [InlineData(MarkColumn.Listening)]
    [InlineData(MarkColumn.Reading)]
    [InlineData(MarkColumn.Writing)]
    [InlineData(MarkColumn.Speaking)]
    [InlineData(MarkColumn.ByHeart)]
    public void Parse_ForeignSpeechColumnsInEnglish_AreAccepted_M3(MarkColumn column)
    {
        Mark("8", CellParser.Parse("8", 8, column, Subjects.English));
    }

    [Fact]
    public void Parse_ForeignSpeechColumnInUkrainian_IsRejected_M3()
    {
        var message = Refused(CellErrorCodes.ColumnNotForSubject,
            CellParser.Parse("8", 8, MarkColumn.Listening, Subjects.UkrainianLanguage));

        Assert.Equal("Колонку «Аудіювання» ведуть лише з іноземних мов.", message);
    }

    [Theory]
    [InlineData(MarkColumn.Semester1)]
    [InlineData(MarkColumn.Semester2)]
    [InlineData(MarkColumn.Corrected1)]
    [InlineData(MarkColumn.Corrected2)]
    [InlineData(MarkColumn.Annual)]
    public void Parse_FinalMarkForStudentOnIndividualStudy_IsAccepted_M12(MarkColumn column)
    {
        Mark("10", CellParser.Parse("10", 8, column, Subjects.History, individualStudy: true));
    }

    [Fact]
    public void Parse_DpaForStudentOnIndividualStudy_IsAccepted_M12()
    {
        Mark("10", CellParser.Parse("10", 9, MarkColumn.Dpa, Subjects.History, individualStudy: true));
    }

    [Theory]
    [InlineData(MarkColumn.Current, "під датою уроку")]
    [InlineData(MarkColumn.Thematic, "у колонку «Тематична»")]
    [InlineData(MarkColumn.Notebook, "у колонку «Зошит»")]
    [InlineData(MarkColumn.Dialogue, "у колонку «Діалог»")]
    public void Parse_NonFinalMarkForStudentOnIndividualStudy_IsRejected_M12(MarkColumn column, string where)
    {
        var message = Refused(CellErrorCodes.IndividualStudy,
            CellParser.Parse("10", 8, column, Subjects.UkrainianLanguage, individualStudy: true));

        Assert.Equal(
            "Учням на індивідуальному навчанні на сторінку предмета переносять лише семестрові, скориговані та річні оцінки й ДПА, "
            + $"тож {where} оцінку не ставлять.",
            message);
    }

    [Theory]
    [InlineData("10", MarkColumn.Current)]
    [InlineData("н/а", MarkColumn.Thematic)]
    [InlineData("12", MarkColumn.Annual)]
    public void Parse_MarkInOptionalCourse_IsRejected_J10(string text, MarkColumn column)
    {
        var message = Refused(CellErrorCodes.OptionalCourse, CellParser.Parse(text, 9, column, Subjects.OptionalCourse));

        Assert.Equal("Факультатив не оцінюється: тут відмічають лише відсутність («н» або «хв»).", message);
    }

    [Theory]
    [InlineData("н", AbsenceKind.Absent)]
    [InlineData("хв", AbsenceKind.Ill)]
    public void Parse_AbsenceInOptionalCourse_IsAccepted_J10(string text, AbsenceKind expected)
    {
        Assert.Equal(expected, Absence(CellParser.Parse(text, 9, MarkColumn.Current, Subjects.OptionalCourse)));
    }

    [Fact]
    public void Parse_GarbageInOptionalCourse_HintsAbsencesOnly_J10()
    {
        var message = Refused(CellErrorCodes.Unknown, CellParser.Parse("xyz", 9, MarkColumn.Current, Subjects.OptionalCourse));

        Assert.Equal("Не розумію «xyz». На факультативі відмічають лише відсутність: «н» або «хв».", message);
    }
}
