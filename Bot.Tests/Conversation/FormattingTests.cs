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
    public void Marks_PerSubject_EachMarkWithItsDateAndKind_TheAverage_AndLevelsInWords()
    {
        DiaryMark M(string text, int day, string? kind = null, MarkColumn column = MarkColumn.Current) =>
            new(Guid.NewGuid(), Guid.NewGuid(), "Математика", column, new DateOnly(2026, 11, day), MarkValue.FromStored(text), kind);
        var marks = new StudentMarks(Guid.NewGuid(), "Іваненко Олег", "2026-2027", 1, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26),
        [
            new SubjectMarks(Guid.NewGuid(), "Алгебра", [M("9", 12, "контрольна"), M("10", 13), M("10", 16, column: MarkColumn.Notebook)], 9.67m, [M("10", 20)], [], null),
            new SubjectMarks(Guid.NewGuid(), "Мистецтво", [M("сформовано", 12), M("сформовано", 19)], null, [], [], null),
            new SubjectMarks(Guid.NewGuid(), "Читання", [M("Д", 12), M("В", 19, "тест")], null, [M("С", 20)], [], null),
        ]);
        var text = DiaryFormatter.Marks(marks).PlainText;
        Assert.Contains("Алгебра — середній бал 9,67\n   12.11 — 9 (контрольна); 13.11 — 10; 16.11 — 10 (зошит)\n   Тематична: 10", text);
        Assert.Contains("Мистецтво\n   12.11 — сформовано; 19.11 — сформовано", text);
        Assert.Contains("12.11 — Д (достатній); 19.11 — В (високий, тест)", text);
        Assert.Contains("Тематична: С (середній)", text);
    }

    [Theory]
    [InlineData("2026-12-09", "2026-12-07", "на середу, 9 грудня")]
    [InlineData("2026-12-11", "2026-12-10", "на завтра, пʼятницю, 11 грудня")]
    [InlineData("2026-12-13", "2026-12-07", "на неділю, 13 грудня")]
    [InlineData("2026-12-07", "2026-12-07", "на сьогодні, 7 грудня")]
    public void On_PutsTheWeekdayInTheAccusative(string date, string today, string expected) =>
        Assert.Equal(expected, UkrainianDates.On(DateOnly.Parse(date), DateOnly.Parse(today)));
}
