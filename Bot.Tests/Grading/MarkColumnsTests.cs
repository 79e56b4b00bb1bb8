using Bot.Domain.Grading;

namespace Bot.Tests.Grading;

/// <summary>Column headers, kinds of columns and the teacher's column keywords (M-3).</summary>
public class MarkColumnsTests
{
    [Theory]
    [InlineData(MarkColumn.Notebook, "Зошит")]
    [InlineData(MarkColumn.ByHeart, "Напамʼять")]
    [InlineData(MarkColumn.Dialogue, "Діалог")]
    [InlineData(MarkColumn.OralEssay, "Усний твір")]
    [InlineData(MarkColumn.OralRetelling, "Усний переказ")]
    [InlineData(MarkColumn.ReadingAloud, "Читання вголос")]
    [InlineData(MarkColumn.Listening, "Аудіювання")]
    [InlineData(MarkColumn.Thematic, "Тематична")]
    [InlineData(MarkColumn.Semester1, "І семестр")]
    [InlineData(MarkColumn.Semester2, "ІІ семестр")]
    [InlineData(MarkColumn.Corrected1, "Скоригована")]
    [InlineData(MarkColumn.Corrected2, "Скоригована")]
    [InlineData(MarkColumn.Annual, "Річна")]
    [InlineData(MarkColumn.Dpa, "ДПА")]
    [InlineData(MarkColumn.Appeal, "Апеляційна")]
    public void Title_IsThePaperJournalHeader_M3(MarkColumn column, string title)
    {
        Assert.Equal(title, MarkColumns.Title(column));
    }

    [Fact]
    public void Title_SemesterUsesCyrillicI_M3()
    {
        Assert.Equal('\u0406', MarkColumns.Title(MarkColumn.Semester1)[0]);
        Assert.Equal("\u0406\u0406", MarkColumns.Title(MarkColumn.Semester2)[..2]);
    }

    [Fact]
    public void FullTitle_TellsCorrectedColumnsApart_M7()
    {
        Assert.Equal("Скоригована (І семестр)", MarkColumns.FullTitle(MarkColumn.Corrected1));
        Assert.Equal("Скоригована (ІІ семестр)", MarkColumns.FullTitle(MarkColumn.Corrected2));
        Assert.Equal("Річна", MarkColumns.FullTitle(MarkColumn.Annual));
    }

    [Fact]
    public void EveryColumn_HasATitle()
    {
        Assert.All(Enum.GetValues<MarkColumn>(), c => Assert.False(string.IsNullOrWhiteSpace(MarkColumns.Title(c))));
    }

    [Fact]
    public void OnlyCurrent_IsDated_M3()
    {
        Assert.Equal([MarkColumn.Current], Enum.GetValues<MarkColumn>().Where(MarkColumns.IsDated));
    }

    [Fact]
    public void FinalColumns_AreSemesterCorrectedAnnualDpaAppeal_M6_M10()
    {
        Assert.Equal(
            [MarkColumn.Semester1, MarkColumn.Semester2, MarkColumn.Corrected1, MarkColumn.Corrected2,
             MarkColumn.Annual, MarkColumn.Dpa, MarkColumn.Appeal],
            Enum.GetValues<MarkColumn>().Where(MarkColumns.IsFinal));
    }

    [Fact]
    public void SpeechActivities_AreTheEightLanguageColumns_M3()
    {
        Assert.Equal(
            [MarkColumn.Dialogue, MarkColumn.OralEssay, MarkColumn.OralRetelling, MarkColumn.ReadingAloud,
             MarkColumn.Listening, MarkColumn.Reading, MarkColumn.Writing, MarkColumn.Speaking],
            Enum.GetValues<MarkColumn>().Where(MarkColumns.IsSpeechActivity));
        Assert.False(MarkColumns.IsSpeechActivity(MarkColumn.ByHeart));
    }

    [Theory]
    [InlineData("тем", MarkColumn.Thematic)]
    [InlineData("Тема", MarkColumn.Thematic)]
    [InlineData("ТЕМАТИЧНА", MarkColumn.Thematic)]
    [InlineData("зош", MarkColumn.Notebook)]
    [InlineData("напам", MarkColumn.ByHeart)]
    [InlineData("напам'ять", MarkColumn.ByHeart)]
    [InlineData("Напамʼять", MarkColumn.ByHeart)]
    [InlineData("сем1", MarkColumn.Semester1)]
    [InlineData("1сем", MarkColumn.Semester1)]
    [InlineData("1 сем", MarkColumn.Semester1)]
    [InlineData("сем.1", MarkColumn.Semester1)]
    [InlineData("І семестр", MarkColumn.Semester1)]
    [InlineData("I семестр", MarkColumn.Semester1)]   // Latin I
    [InlineData("сем2", MarkColumn.Semester2)]
    [InlineData("2 сем", MarkColumn.Semester2)]
    [InlineData("ІІ семестр", MarkColumn.Semester2)]
    [InlineData("II сем", MarkColumn.Semester2)]      // Latin II
    [InlineData("кор", MarkColumn.Corrected1)]
    [InlineData("кор1", MarkColumn.Corrected1)]
    [InlineData("скоригована", MarkColumn.Corrected1)]
    [InlineData("кор2", MarkColumn.Corrected2)]
    [InlineData("скор2", MarkColumn.Corrected2)]
    [InlineData("річ", MarkColumn.Annual)]
    [InlineData("Річна", MarkColumn.Annual)]
    [InlineData("дпа", MarkColumn.Dpa)]
    [InlineData("ДПА", MarkColumn.Dpa)]
    [InlineData("апел", MarkColumn.Appeal)]
    [InlineData("діал", MarkColumn.Dialogue)]
    [InlineData("усний твір", MarkColumn.OralEssay)]
    [InlineData("переказ", MarkColumn.OralRetelling)]
    [InlineData("вголос", MarkColumn.ReadingAloud)]
    [InlineData("читання вголос", MarkColumn.ReadingAloud)]
    [InlineData("читання", MarkColumn.Reading)]
    [InlineData("ауд", MarkColumn.Listening)]
    [InlineData("письмо", MarkColumn.Writing)]
    [InlineData("говор", MarkColumn.Speaking)]
    [InlineData("поточна", MarkColumn.Current)]
    [InlineData("  Tем  ", MarkColumn.Thematic)]      // Latin T
    public void TryParseKeyword_TeacherKeywords_AreRecognised_M3(string text, MarkColumn expected)
    {
        Assert.True(MarkColumns.TryParseKeyword(text, out var column));
        Assert.Equal(expected, column);
    }

    [Theory]
    [InlineData("сем")]        // І or ІІ семестр?
    [InlineData("чит")]        // Читання or Читання вголос?
    [InlineData("усн")]        // Усний твір or Усний переказ?
    [InlineData("ск")]         // too short
    [InlineData("т")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("оцінка")]
    [InlineData("сем3")]
    [InlineData("тематичнаа")]
    public void TryParseKeyword_AmbiguousOrUnknown_IsRefused_M3(string? text)
    {
        Assert.False(MarkColumns.TryParseKeyword(text, out _));
    }
}
