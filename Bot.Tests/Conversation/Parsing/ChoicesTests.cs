using Bot.Host.Conversation.Parsing;
using static Bot.Tests.Conversation.Parsing.MarkParserTests;
using static Bot.Tests.Conversation.Parsing.TestRoster;

namespace Bot.Tests.Conversation.Parsing;

/// <summary>An ambiguity is asked with buttons; the same text read again with the answer resolves it.</summary>
public class ChoicesTests
{
    [Fact]
    public void AmbiguousSubject_AnsweredWithACandidate_Resolves()
    {
        const string text = "7-А укр Петренко 9";
        var question = ParsedAssert.Ambiguous(Mark(text), AmbiguityKind.Subject);

        var command = ParsedAssert.Ok(Mark(text, Choices.None.With(question, Ukrainian.Id)));

        Assert.Equal(Ukrainian.Id, command.SubjectId);
        Assert.Equal(Petrenko.Id, Assert.Single(command.Items).StudentId);
    }

    [Fact]
    public void AmbiguousStudents_AreAskedOneAfterAnother()
    {
        const string text = "8-Б алгебра: Бондар 10, Бондар 9";
        var first = ParsedAssert.Ambiguous(Mark(text), AmbiguityKind.Student);
        var choices = Choices.None.With(first, BondarOleh.Id);

        var second = ParsedAssert.Ambiguous(Mark(text, choices), AmbiguityKind.Student);
        Assert.NotEqual(first.Slot, second.Slot);
        var command = ParsedAssert.Ok(Mark(text, choices.With(second, BondarIryna.Id)));

        Assert.Equal([(BondarOleh.Id, "10"), (BondarIryna.Id, "9")], command.Items.Select(i => (i.StudentId, i.MarkText)));
    }

    [Fact]
    public void AStalePick_NotAmongTheCandidates_AsksAgain()
    {
        const string text = "7-А укр Петренко 9";
        var question = ParsedAssert.Ambiguous(Mark(text), AmbiguityKind.Subject);

        var again = ParsedAssert.Ambiguous(Mark(text, Choices.None.With(question.Slot, Algebra.Id)), AmbiguityKind.Subject);

        Assert.Equal(question, again with { Candidates = question.Candidates });
    }

    [Fact]
    public void With_AnIdThatIsNotACandidate_Throws()
    {
        var question = ParsedAssert.Ambiguous(Mark("7-А укр Петренко 9"), AmbiguityKind.Subject);

        Assert.Throws<ArgumentException>(() => Choices.None.With(question, Guid.NewGuid()));
    }

    [Fact]
    public void Slot_NamesTheKindAndTheWordsPlace()
    {
        var question = ParsedAssert.Ambiguous(Mark("7-А алгебра іван 10"), AmbiguityKind.Student);

        Assert.Equal("student@12", question.Slot);
        Assert.Equal("іван", question.Typed);
    }
}
