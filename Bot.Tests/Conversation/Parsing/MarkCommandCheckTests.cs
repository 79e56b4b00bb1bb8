using Bot.Domain.Grading;
using Bot.Host.Conversation.Parsing;
using static Bot.Tests.Conversation.Parsing.MarkParserTests;
using static Bot.Tests.Conversation.Parsing.TestRoster;

namespace Bot.Tests.Conversation.Parsing;

/// <summary><see cref="MarkCommand.Check"/>: the domain's <see cref="CellParser"/> over every item, for a preview.</summary>
public class MarkCommandCheckTests
{
    [Fact]
    public void Check_MarksOnTheScale_AreReadForThePreview()
    {
        var command = ParsedAssert.Ok(Mark("7-А алгебра: Іваненко 10, Петренко н, Сидоренко хв"));

        var result = command.Check();

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(["10", "н", "хв"], result.Value!.Select(c => c.Value.ToString()));
        Assert.IsType<MarkCell>(result.Value![0].Value);
        Assert.Equal(new AbsenceCell(AbsenceKind.Absent), result.Value![1].Value);
    }

    [Fact]
    public void Check_ExemptInDefenceOfUkraine_IsAccepted()
    {
        var result = ParsedAssert.Ok(Mark("7-А «Захист України» Сидоренко зв")).Check();

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(new MarkCell(MarkValue.Exempt), Assert.Single(result.Value!).Value);
    }

    [Fact]
    public void Check_MarkOffTheScale_NamesTheStudent()
    {
        var result = ParsedAssert.Ok(Mark("7-А алгебра Петренко 13")).Check();

        Assert.False(result.IsSuccess);
        Assert.Equal(CellErrorCodes.OutOfScale, result.Error!.Code);
        Assert.Equal("Петренко Іван: Оцінка «13» поза шкалою: у 7 класі ставлять бали від 1 до 12.", result.Error.Message);
    }

    [Fact]
    public void Check_OneBadMarkOfSeveral_RefusesAllAndSaysNothingWasSaved()
    {
        var result = ParsedAssert.Ok(Mark("7-А алгебра: Іваненко 10, Петренко 13, Сидоренко 9")).Check();

        Assert.False(result.IsSuccess);
        Assert.Equal(
            "Петренко Іван: Оцінка «13» поза шкалою: у 7 класі ставлять бали від 1 до 12. "
            + "Жодної оцінки не записано: виправте й надішліть команду ще раз.",
            result.Error!.Message);
    }

    [Fact]
    public void Check_ExemptInAlgebra_IsRefusedBySubject()
    {
        var result = ParsedAssert.Ok(Mark("7-А алгебра Сидоренко зв")).Check();

        Assert.Equal(CellErrorCodes.NotForSubject, result.Error!.Code);
    }

    [Fact]
    public void Check_CurrentMarkForIndividualStudy_IsRefused_SemesterMarkIsAccepted()
    {
        Assert.Equal(CellErrorCodes.IndividualStudy, ParsedAssert.Ok(Mark("7-А алгебра Коваль 10")).Check().Error!.Code);
        Assert.True(ParsedAssert.Ok(Mark("7-А алгебра Коваль 10 сем1")).Check().IsSuccess);
    }

    [Fact]
    public void Check_NotebookInUkrainian_IsAcceptedWithItsDate()
    {
        var command = ParsedAssert.Ok(Mark("7-А укр мова Петренко 9 зош 30.10"));

        Assert.True(command.Check().IsSuccess);
    }

    [Fact]
    public void ToCellInputs_CarryPageColumnDateAndText()
    {
        var lessonId = Guid.NewGuid();
        var command = ParsedAssert.Ok(Mark("7-А англ: Іваненко 10, Петренко 9 18.11"));

        var inputs = command.ToCellInputs(lessonId);

        Assert.Equal(2, inputs.Count);
        Assert.All(inputs, i =>
        {
            Assert.Equal(Class7A.Id, i.ClassId);
            Assert.Equal(English.Id, i.SubjectId);
            Assert.Equal(English7AGroup1, i.GroupId);
            Assert.Equal(MarkColumn.Current, i.Column);
            Assert.Equal(lessonId, i.LessonId);
            Assert.Equal(new DateOnly(2026, 11, 18), i.Date);
        });
        Assert.Equal([(Ivanenko.Id, "10"), (Petrenko.Id, "9")], inputs.Select(i => (i.StudentId, i.Text)));
    }
}
