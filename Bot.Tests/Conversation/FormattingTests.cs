using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Host.Conversation.Formatting;

namespace Bot.Tests.Conversation;

public class FormattingTests
{
    [Theory]
    [InlineData("2026-11-20", "2026-11-20", "Сьогодні, 20 листопада")]
    [InlineData("2026-11-23", "2026-11-22", "Завтра, понеділок, 23 листопада")]
    [InlineData("2026-11-19", "2026-11-20", "Вчора, четвер, 19 листопада")]
    [InlineData("2026-09-01", "2026-11-20", "Вівторок, 1 вересня")]
    public void Relative_SaysTodayTomorrowYesterdayOrTheDate(string date, string today, string expected) =>
        Assert.Equal(expected, UkrainianDates.Relative(DateOnly.Parse(date), DateOnly.Parse(today)));

    [Fact]
    public void Marks_ListsPointsAndCountsRepeatedVerbalMarks_WithTheAverage()
    {
        DiaryMark M(string text) => new(Guid.NewGuid(), Guid.NewGuid(), "Математика", MarkColumn.Current, new DateOnly(2026, 11, 20), MarkValue.FromStored(text), null);
        var marks = new StudentMarks(Guid.NewGuid(), "Іваненко Олег", "2026-2027", 1, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26),
        [
            new SubjectMarks(Guid.NewGuid(), "Алгебра", [M("10"), M("10"), M("9")], 9.67m, [M("10")], [], null),
            new SubjectMarks(Guid.NewGuid(), "Мистецтво", [M("сформовано"), M("сформовано"), M("сформовано")], null, [], [], null),
        ]);
        var text = DiaryFormatter.Marks(marks).PlainText;
        Assert.Contains("Алгебра: 10 10 9  (середній 9,67)", text);
        Assert.Contains("Тематичні: 10", text);
        Assert.Contains("Мистецтво: сформовано ×3", text);
    }
}
