using Bot.Domain.Grading;
using Bot.Host.Conversation.Parsing;
using static Bot.Tests.Conversation.Parsing.MarkParserTests;
using static Bot.Tests.Conversation.Parsing.TestRoster;

namespace Bot.Tests.Conversation.Parsing;

/// <summary><c>/mark 7-А алгебра: Іваненко 10, Петренко 9, Сидоренко н</c> — all or nothing.</summary>
public class MarkParserMultiTests
{
    [Fact]
    public void Multi_ColonThenCommaSeparatedItems_AreAllRead()
    {
        var command = ParsedAssert.Ok(Mark("7-А алгебра: Іваненко 10, Петренко 9, Сидоренко н"));

        Assert.Equal(Algebra.Id, command.SubjectId);
        Assert.Equal(MarkColumn.Current, command.Column);
        Assert.Equal(
            [
                new MarkItem(Ivanenko.Id, "Іваненко Олег", "10"),
                new MarkItem(Petrenko.Id, "Петренко Іван", "9"),
                new MarkItem(Sydorenko.Id, "Сидоренко Марія", "н"),
            ],
            command.Items);
    }

    [Theory]
    [InlineData("7-А алгебра Іваненко 10, Петренко 9")]
    [InlineData("7-А алгебра: Іваненко 10 , Петренко 9,")]
    [InlineData("7-А алгебра:Іваненко 10,,Петренко 9")]
    [InlineData("7-А алгебра : Іваненко 10; Петренко 9")]
    public void Multi_WithOrWithoutColon_ExtraCommasAndSpaces_AreTolerated(string args)
    {
        var command = ParsedAssert.Ok(Mark(args));

        Assert.Equal([Ivanenko.Id, Petrenko.Id], command.Items.Select(i => i.StudentId));
        Assert.Equal(["10", "9"], command.Items.Select(i => i.MarkText));
    }

    [Fact]
    public void Multi_ColumnAndDateBeforeTheColon_ApplyToAll()
    {
        var command = ParsedAssert.Ok(Mark("7-А алгебра тем 30.10: Іваненко 10, Петренко 9"));

        Assert.Equal(MarkColumn.Thematic, command.Column);
        Assert.Equal(new DateOnly(2026, 10, 30), command.Date);
        Assert.Equal(2, command.Items.Count);
    }

    [Fact]
    public void Multi_ColumnAfterTheLastItem_AppliesToAll()
    {
        var command = ParsedAssert.Ok(Mark("7-А укр мова: Іваненко 10, Петренко 9 зош"));

        Assert.Equal(MarkColumn.Notebook, command.Column);
        Assert.Equal(["10", "9"], command.Items.Select(i => i.MarkText));
    }

    [Fact]
    public void Multi_TwoDifferentColumns_AreRefused()
    {
        var error = ParsedAssert.Refused(Mark("7-А алгебра тем: Іваненко 10 зош, Петренко 9"), ParseErrorCodes.ColumnTwice);

        Assert.Equal($"В одній команді — одна колонка, а тут «тем» і «зош». {ParseTextsNothingSaved}", error.Message);
    }

    [Fact]
    public void Multi_TwoDifferentDates_AreRefused()
    {
        var error = ParsedAssert.Refused(Mark("7-А алгебра: Іваненко 10 18.11, Петренко 9 19.11"), ParseErrorCodes.DateTwice);

        Assert.StartsWith("В одній команді — одна дата, а тут 18.11 і 19.11.", error.Message);
    }

    [Fact]
    public void Multi_OneMisspelledStudent_AsksWhoBeforeWritingAnything()
    {
        var question = ParsedAssert.Ambiguous(Mark("7-А алгебра: Іваненко 10, Сидорчук 9, Петренко 8"), AmbiguityKind.Student);

        Assert.Equal(["Сидоренко Марія"], question.Candidates.Select(c => c.Label));
    }

    [Fact]
    public void Multi_OneUnknownStudent_FailsTheWholeCommandNamingTheItem()
    {
        var error = ParsedAssert.Refused(Mark("7-А алгебра: Іваненко 10, Ґалаґан 9, Петренко 8"), ParseErrorCodes.StudentUnknown);

        Assert.Equal("Учня «Ґалаґан» у 7-А не знайдено. Жодної оцінки не записано: виправте й надішліть команду ще раз.", error.Message);
    }

    [Fact]
    public void Multi_OneItemWithoutAMark_FailsTheWholeCommandNamingTheItem()
    {
        var error = ParsedAssert.Refused(Mark("7-А алгебра: Іваненко 10, Петренко, Сидоренко 8"), ParseErrorCodes.MarkMissing);

        Assert.StartsWith("Для «Петренко» не вказано оцінку.", error.Message);
        Assert.EndsWith(ParseTextsNothingSaved, error.Message);
    }

    [Fact]
    public void Multi_AnErrorInOneItem_WinsOverAQuestionAboutAnother()
    {
        ParsedAssert.Refused(Mark("7-А алгебра: іван 10, Шевчук 9"), ParseErrorCodes.StudentUnknown);
    }

    [Fact]
    public void Multi_AmbiguousItem_AsksAboutThatStudent()
    {
        var question = ParsedAssert.Ambiguous(Mark("8-Б алгебра: Бондар 10, Кравець 9"), AmbiguityKind.Student);

        Assert.Equal("Кого саме — «Бондар»?", question.Question);
        Assert.Equal([BondarIryna.Id, BondarOleh.Id], question.Candidates.Select(c => c.Id));
    }

    [Fact]
    public void Multi_SameStudentTwice_IsRefused()
    {
        var error = ParsedAssert.Refused(Mark("7-А алгебра: Іваненко 10, Петренко 9, іваненко 8"), ParseErrorCodes.StudentTwice);

        Assert.StartsWith("Іваненко Олег — двічі в одній команді.", error.Message);
    }

    [Fact]
    public void Multi_NamesakesToldApartByInitial_AreBothRead()
    {
        var command = ParsedAssert.Ok(Mark("8-Б алгебра: Бондар О. 10, Бондар І. 9, Бондаренко 8"));

        Assert.Equal([BondarOleh.Id, BondarIryna.Id, Bondarenko.Id], command.Items.Select(i => i.StudentId));
    }

    [Fact]
    public void Multi_StudentsOfBothGroups_AreRefusedAsMixed()
    {
        var error = ParsedAssert.Refused(Mark("8-Б англ: Бондаренко 9, Кравець 7"), ParseErrorCodes.GroupsMixed);

        Assert.StartsWith(
            "Бондаренко Юлія, Кравець Андрій — з різних груп (Англійська мова): надішліть окрему команду для кожної групи.",
            error.Message);
    }

    [Fact]
    public void Multi_StudentsOfOneGroup_GoToThatGroup()
    {
        var command = ParsedAssert.Ok(Mark("8-Б англ: Бондар І. 9, Кравець 7"));

        Assert.Equal(English8BGroup2, command.GroupId);
        Assert.Equal("Англійська мова (II група)", command.PageTitle);
    }

    [Fact]
    public void Multi_OnlyTheHead_AsksForStudents()
    {
        var error = ParsedAssert.Refused(Mark("7-А алгебра:"), ParseErrorCodes.StudentMissing);

        Assert.Equal($"Не вказано учня. Формат: {CommandForms.MarkMany}", error.Message);
    }

    private const string ParseTextsNothingSaved = "Жодної оцінки не записано: виправте й надішліть команду ще раз.";
}
