using Bot.Host.Conversation.Parsing;
using static Bot.Tests.Conversation.Parsing.TestRoster;

namespace Bot.Tests.Conversation.Parsing;

/// <summary><see cref="SubjectMatcher.Find"/>: a parent's <c>/marks алг</c> over the child's subjects.</summary>
public class SubjectMatcherTests
{
    private static readonly IReadOnlyList<SubjectEntry> ChildSubjects =
        [Algebra, Geometry, Ukrainian, UkrainianLiterature, English, Defence, PhysicalEducation, Physics];

    [Theory]
    [InlineData("алг", "Алгебра")]
    [InlineData("Геометрія", "Геометрія")]
    [InlineData("укр мова", "Українська мова")]
    [InlineData("«укр літ»", "Українська література")]
    [InlineData("захист", "Захист України")]
    [InlineData("ЗАХИСТ УКРАЇНИ", "Захист України")]
    [InlineData("фізра", "Фізична культура")]
    [InlineData("англ", "Англійська мова")]
    public void Find_NameAliasOrPrefix_FindsTheSubject(string text, string name)
    {
        Assert.Equal(name, ParsedAssert.Ok(SubjectMatcher.Find(text, ChildSubjects)).Name);
    }

    [Fact]
    public void Find_AmbiguousPrefix_OffersCandidates()
    {
        var question = ParsedAssert.Ambiguous(SubjectMatcher.Find("укр", ChildSubjects), AmbiguityKind.Subject);

        Assert.Equal(["Українська література", "Українська мова"], question.Candidates.Select(c => c.Label));
    }

    [Fact]
    public void Find_Unknown_ListsTheSubjects()
    {
        var error = ParsedAssert.Refused(SubjectMatcher.Find("хімія", [Algebra, Geometry]), ParseErrorCodes.SubjectUnknown);

        Assert.Equal("Предмета «хімія» немає. Предмети: Алгебра, Геометрія.", error.Message);
    }

    [Fact]
    public void Find_SubjectFollowedByOtherWords_IsUnknown()
    {
        ParsedAssert.Refused(SubjectMatcher.Find("алгебра за жовтень", ChildSubjects), ParseErrorCodes.SubjectUnknown);
    }

    [Fact]
    public void Find_OneLetter_IsNotAPrefix()
    {
        ParsedAssert.Refused(SubjectMatcher.Find("а", ChildSubjects), ParseErrorCodes.SubjectUnknown);
    }
}
