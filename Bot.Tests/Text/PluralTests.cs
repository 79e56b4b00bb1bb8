using Bot.Domain.Text;

namespace Bot.Tests.Text;

/// <summary>A noun after a number in Ukrainian: "1 урок", "3 уроки", "5 уроків", "11 уроків", "21 урок".</summary>
public sealed class PluralTests
{
    [Theory]
    [InlineData(0, "уроків")]
    [InlineData(1, "урок")]
    [InlineData(2, "уроки")]
    [InlineData(4, "уроки")]
    [InlineData(5, "уроків")]
    [InlineData(11, "уроків")]
    [InlineData(12, "уроків")]
    [InlineData(14, "уроків")]
    [InlineData(21, "урок")]
    [InlineData(22, "уроки")]
    [InlineData(111, "уроків")]
    [InlineData(101, "урок")]
    public void Lessons(int n, string expected) => Assert.Equal(expected, UkrainianText.Plural(n, "урок", "уроки", "уроків"));
}
