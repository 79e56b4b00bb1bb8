using Bot.Domain.Grading;
using static Bot.Tests.Grading.CellAssert;

namespace Bot.Tests.Grading;

/// <summary>Absences and special marks н/а, зв, зар, н/о (M-3, M-5..M-7, M-11).</summary>
public class CellParserSpecialMarkTests
{
    [Theory]
    [InlineData("н", AbsenceKind.Absent)]
    [InlineData("Н", AbsenceKind.Absent)]
    [InlineData("H", AbsenceKind.Absent)]   // Latin capital H looks like Н
    [InlineData("н.", AbsenceKind.Absent)]
    [InlineData("хв", AbsenceKind.Ill)]
    [InlineData("хв.", AbsenceKind.Ill)]
    [InlineData("ХВ", AbsenceKind.Ill)]
    [InlineData("XB", AbsenceKind.Ill)]     // Latin X and B
    [InlineData("xв", AbsenceKind.Ill)]     // Latin x
    [InlineData("хвора", AbsenceKind.Ill)]
    [InlineData("хворий", AbsenceKind.Ill)]
    public void Parse_AbsenceInCurrentColumn_IsAccepted_A1(string text, AbsenceKind expected)
    {
        Assert.Equal(expected, Absence(CellParser.Parse(text, 7, MarkColumn.Current, Subjects.History)));
        Assert.Equal(expected, Absence(CellParser.Parse(text, 1, MarkColumn.Current, Subjects.History)));
    }

    [Fact]
    public void Parse_LatinSmallH_IsNotAnAbsence_A1()
    {
        Refused(CellErrorCodes.Unknown, CellParser.Parse("h", 7, MarkColumn.Current, Subjects.History));
    }

    [Theory]
    [InlineData(MarkColumn.Thematic)]
    [InlineData(MarkColumn.Semester1)]
    [InlineData(MarkColumn.Notebook)]
    [InlineData(MarkColumn.Annual)]
    public void Parse_AbsenceInDatelessColumn_IsRejected_A1(MarkColumn column)
    {
        var message = Refused(CellErrorCodes.AbsenceNotForColumn,
            CellParser.Parse("хв.", 7, column, Subjects.UkrainianLanguage));

        Assert.Equal($"Позначку «хв» ставлять лише під датою уроку, а не в колонку «{MarkColumns.Title(column)}».", message);
    }

    [Theory]
    [InlineData("н")]
    [InlineData("хв")]
    public void Parse_AbsenceForStudentOnIndividualStudy_IsRejected_A3(string text)
    {
        var message = Refused(CellErrorCodes.AbsenceIndividualStudy,
            CellParser.Parse(text, 7, MarkColumn.Current, Subjects.History, individualStudy: true));

        Assert.Equal("Відсутність учнів на індивідуальному навчанні в журналі не відмічають.", message);
    }

    [Theory]
    [InlineData("н/а")]
    [InlineData("Н/А")]
    [InlineData("н / а")]
    [InlineData("н.а")]
    [InlineData("н.а.")]
    [InlineData("н\\а")]
    [InlineData("н-а")]
    [InlineData("на")]
    [InlineData("H/A")]   // Latin
    [InlineData("неатестований")]
    [InlineData("неатестована")]
    public void Parse_NotAttestedSpellings_AreAccepted_M5(string text)
    {
        Assert.Equal(MarkValue.NotAttested, Mark(CellParser.Parse(text, 7, MarkColumn.Thematic, Subjects.History)));
    }

    [Theory]
    [InlineData(MarkColumn.Thematic)]
    [InlineData(MarkColumn.Semester1)]
    [InlineData(MarkColumn.Semester2)]
    [InlineData(MarkColumn.Annual)]
    public void Parse_NotAttestedInThematicSemesterAnnual_IsAccepted_M5_M6(MarkColumn column)
    {
        Mark("н/а", CellParser.Parse("н/а", 10, column, Subjects.History));
    }

    [Fact]
    public void Parse_NotAttestedInDpa_IsAccepted_M11()
    {
        Mark("н/а", CellParser.Parse("н/а", 11, MarkColumn.Dpa, Subjects.History));
    }

    [Theory]
    [InlineData(MarkColumn.Corrected1)]
    [InlineData(MarkColumn.Corrected2)]
    public void Parse_NotAttestedInCorrected_IsRejected_M7(MarkColumn column)
    {
        var message = Refused(CellErrorCodes.NotForColumn, CellParser.Parse("н/а", 10, column, Subjects.History));

        Assert.Equal("У колонку «Скоригована» пишуть лише підвищену оцінку, тож «н/а» туди не ставлять.", message);
    }

    [Theory]
    [InlineData(MarkColumn.Current)]
    [InlineData(MarkColumn.Notebook)]
    public void Parse_NotAttestedInCurrentOrNotebook_IsRejected_M5(MarkColumn column)
    {
        var message = Refused(CellErrorCodes.NotForColumn, CellParser.Parse("н/а", 7, column, Subjects.Mathematics));

        Assert.Equal("«н/а» ставлять лише в колонки «Тематична», «І семестр», «ІІ семестр», «Річна» та «ДПА».", message);
    }

    [Theory]
    [InlineData(MarkColumn.Current)]
    [InlineData(MarkColumn.Thematic)]
    [InlineData(MarkColumn.Semester1)]
    [InlineData(MarkColumn.Semester2)]
    [InlineData(MarkColumn.Annual)]
    public void Parse_ExemptInPhysicalEducationAndDefence_IsAccepted_M11(MarkColumn column)
    {
        Mark("зв", CellParser.Parse("зв", 8, column, Subjects.PhysicalEducation));
        Mark("зв", CellParser.Parse("звільнена", 10, column, Subjects.DefenceOfUkraine));
    }

    [Theory]
    [InlineData("зв")]
    [InlineData("зв.")]
    [InlineData("ЗВ")]
    [InlineData("звільн")]
    [InlineData("звільнений")]
    public void Parse_ExemptSpellings_AreAccepted_M11(string text)
    {
        Assert.Equal(MarkValue.Exempt, Mark(CellParser.Parse(text, 9, MarkColumn.Dpa, Subjects.History)));
    }

    [Fact]
    public void Parse_ExemptInDpaOfAnySubject_IsAccepted_M11()
    {
        Mark("зв", CellParser.Parse("зв", 9, MarkColumn.Dpa, Subjects.UkrainianLanguage));
        Mark("зв", CellParser.Parse("зв", 4, MarkColumn.Dpa, Subjects.Mathematics));
    }

    [Fact]
    public void Parse_ExemptInHistoryThematic_IsRejected_M11()
    {
        var message = Refused(CellErrorCodes.NotForSubject, CellParser.Parse("зв", 8, MarkColumn.Thematic, Subjects.History));

        Assert.Equal(
            "«зв» ставлять лише з фізичної культури та «Захисту України», а з інших предметів — тільки в колонку «ДПА».",
            message);
    }

    [Fact]
    public void Parse_ExemptInCorrected_IsRejected_M7_M11()
    {
        var message = Refused(CellErrorCodes.NotForColumn,
            CellParser.Parse("зв", 8, MarkColumn.Corrected1, Subjects.PhysicalEducation));

        Assert.Contains("«зв» туди не ставлять", message);
    }

    [Theory]
    [InlineData(MarkColumn.Current)]
    [InlineData(MarkColumn.Thematic)]
    [InlineData(MarkColumn.Semester1)]
    [InlineData(MarkColumn.Semester2)]
    [InlineData(MarkColumn.Annual)]
    public void Parse_CreditedInPhysicalEducation_IsAccepted_M11(MarkColumn column)
    {
        Mark("зар", CellParser.Parse("зар", 6, column, Subjects.PhysicalEducation));
        Mark("зар", CellParser.Parse("зараховано", 11, column, Subjects.PhysicalEducation));
    }

    [Fact]
    public void Parse_CreditedOutsidePhysicalEducation_IsRejected_M11()
    {
        var message = Refused(CellErrorCodes.NotForSubject,
            CellParser.Parse("зар", 6, MarkColumn.Thematic, Subjects.DefenceOfUkraine));

        Assert.Equal("«зар» ставлять лише з фізичної культури учням спеціальної медичної групи.", message);
    }

    [Fact]
    public void Parse_CreditedInGradeThree_IsRejected_M11()
    {
        var message = Refused(CellErrorCodes.NotForGrade,
            CellParser.Parse("зар", 3, MarkColumn.Annual, Subjects.PhysicalEducation));

        Assert.Equal("У 3 класі «зар» не ставлять: цю позначку використовують у 5–11 класах.", message);
    }

    [Theory]
    [InlineData(9, MarkColumn.Dpa)]
    [InlineData(9, MarkColumn.Appeal)]
    [InlineData(7, MarkColumn.Corrected2)]
    public void Parse_CreditedInDpaAppealOrCorrected_IsRejected_M11(int grade, MarkColumn column)
    {
        Refused(CellErrorCodes.NotForColumn, CellParser.Parse("зар", grade, column, Subjects.PhysicalEducation));
    }

    [Theory]
    [InlineData("н/о")]
    [InlineData("н / о")]
    [InlineData("н.о.")]
    [InlineData("Н/О")]
    [InlineData("H/O")]   // Latin
    [InlineData("но")]
    public void Parse_NotebookAbsentInNotebook_IsAccepted_M3(string text)
    {
        Assert.Equal(MarkValue.NotebookAbsent,
            Mark(CellParser.Parse(text, 7, MarkColumn.Notebook, Subjects.UkrainianLanguage)));
    }

    [Theory]
    [InlineData(MarkColumn.Current)]
    [InlineData(MarkColumn.Thematic)]
    public void Parse_NotebookAbsentOutsideNotebook_IsRejected_M3(MarkColumn column)
    {
        var message = Refused(CellErrorCodes.NotForColumn, CellParser.Parse("н/о", 7, column, Subjects.UkrainianLanguage));

        Assert.Equal("«н/о» ставлять лише в колонку «Зошит», коли учня не було на уроках.", message);
    }

    [Fact]
    public void Parse_NotAttestedForStudentOnIndividualStudy_IsAcceptedInSemester_M12()
    {
        Mark("н/а", CellParser.Parse("н/а", 7, MarkColumn.Semester1, Subjects.History, individualStudy: true));
    }
}
