using Bot.Domain;
using Bot.Domain.Roster;
using Bot.Domain.Roster.Import;
using Bot.Domain.Text;

namespace Bot.Tests.Text;

/// <summary>A text of only invisible characters is blank; they are trimmed from the ends of what is kept, never from inside.</summary>
public sealed class VisibleTextTests
{
    public static TheoryData<string> Invisible => new()
    {
        " ", "\t", "\r\n", "\u00A0", "\u202F", "\u2007", "\u3000",
        "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u180E", "\u200E", "\u200F", "\u202A", "\u2066", "\u061C",
    };

    [Theory]
    [MemberData(nameof(Invisible))]
    public void OnlyInvisible_IsBlank_AndTrimmedAway(string c)
    {
        Assert.True(VisibleText.IsBlank(c));
        Assert.True(VisibleText.IsBlank(c + c + " " + c));
        Assert.Equal("", VisibleText.Normalize(c + c));
        Assert.Equal("§3, № 11", VisibleText.Normalize(c + "§3, № 11" + c));
        Assert.Equal("§3" + c + "№ 11", VisibleText.Normalize("§3" + c + "№ 11")); // inside the text it stays
        Assert.False(VisibleText.IsBlank(c + "а" + c));
    }

    [Theory]
    [InlineData("\u200B", true)]
    [InlineData("\u00A0\u200B\uFEFF", true)]
    [InlineData("\u00AD", true)]
    [InlineData("", false)]      // empty: nothing typed (may mean "clear"), not "invisible only"
    [InlineData("   ", false)]
    [InlineData(null, false)]
    [InlineData("\u200Bа", false)]
    public void InvisibleOnly_IsSomethingTypedThatShowsNothing(string? text, bool expected) =>
        Assert.Equal(expected, VisibleText.IsInvisibleOnly(text));

    [Fact]
    public void ImportRow_WithAnInvisibleSurname_IsAProblemRow_NamingIt()
    {
        var cells = new Dictionary<string, string>
        {
            [RosterColumns.Class] = "7-А", [RosterColumns.LastName] = "\u200B", [RosterColumns.FirstName] = "\u00A0Олег\u200B",
            [RosterColumns.BirthDate] = "01.09.2013", [RosterColumns.Sex] = "ч",
        };
        var (row, problem) = ImportRowParser.Parse(new RosterFileRow(5, cells), new DateOnly(2026, 11, 20));
        Assert.Null(row);
        Assert.Contains("не вказано прізвище", problem!.Reasons);
        Assert.DoesNotContain("не вказано ім'я", problem.Reasons);
    }

    [Fact]
    public void Person_OfAnInvisibleName_IsRefused_AndANameIsKeptWithoutTheInvisibleEnds()
    {
        var refused = Assert.Throws<DomainException>(() => new Guardian(Guid.NewGuid(), "\u200B", "Ольга"));
        Assert.Equal("Потрібні прізвище та ім'я.", refused.Message);
        var kept = new Guardian(Guid.NewGuid(), "\uFEFFІваненко\u200B", "Ольга\u00AD", "\u2060");
        Assert.Equal("Іваненко Ольга", kept.FullName);
    }

    [Fact]
    public void VisibleCharacters_AreKept()
    {
        Assert.Equal("М'якота", VisibleText.Normalize(" М'якота\u200B"));
        Assert.Equal("-", VisibleText.Normalize("-"));
        Assert.Equal("👍", VisibleText.Normalize("\u200D👍\u200D"));
        Assert.False(VisibleText.IsBlank("."));
        Assert.Equal("", VisibleText.Normalize(null));
    }
}
