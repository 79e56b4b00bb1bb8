using Bot.Domain.Grading;
using Bot.Host.Conversation.Parsing;
using static Bot.Tests.Conversation.Parsing.TestRoster;

namespace Bot.Tests.Conversation.Parsing;

/// <summary><c>/mark &lt;class&gt; &lt;subject&gt; &lt;student&gt; &lt;mark&gt; [column] [dd.MM]</c> for one student.</summary>
public class MarkParserTests
{
    internal static Parsed<MarkCommand> Mark(string args, Choices? choices = null) =>
        MarkParser.Parse(CommandArgs.Parse(args), Snapshot, Today, choices);

    private static MarkItem Single(MarkCommand command) => Assert.Single(command.Items);

    [Fact]
    public void Mark_ClassSubjectStudentMark_IsACurrentMarkWithoutDate()
    {
        var command = ParsedAssert.Ok(Mark("7-А алгебра Іваненко 10"));

        Assert.Equal(Class7A.Id, command.ClassId);
        Assert.Equal(Algebra.Id, command.SubjectId);
        Assert.Null(command.GroupId);
        Assert.Null(command.Date);
        Assert.Equal(MarkColumn.Current, command.Column);
        Assert.Equal(new MarkItem(Ivanenko.Id, "Іваненко Олег", "10"), Single(command));
    }

    [Theory]
    [InlineData("7-А")]
    [InlineData("7А")]
    [InlineData("7а")]
    [InlineData("7-A")]     // Latin A
    [InlineData("7a")]      // Latin a
    [InlineData("7 а")]
    [InlineData("7–А")]     // en dash
    [InlineData("7-А клас")]
    public void Mark_ClassInAnyForm_IsTheSameClass(string className)
    {
        Assert.Equal(Class7A.Id, ParsedAssert.Ok(Mark($"{className} алгебра Іваненко 10")).ClassId);
    }

    [Fact]
    public void Mark_ExampleWithAliasLowerCaseSurnameAndColumn_IsRead()
    {
        var command = ParsedAssert.Ok(Mark("7А алг іваненко 10 тем"));

        Assert.Equal(Algebra.Id, command.SubjectId);
        Assert.Equal(MarkColumn.Thematic, command.Column);
        Assert.Equal(Ivanenko.Id, Single(command).StudentId);
    }

    [Fact]
    public void Mark_TwoWordAliasNotebookAndDate_IsRead()
    {
        var command = ParsedAssert.Ok(Mark("7-А укр мова Петренко 9 зош 30.10"));

        Assert.Equal(Ukrainian.Id, command.SubjectId);
        Assert.Equal(MarkColumn.Notebook, command.Column);
        Assert.Equal(new DateOnly(2026, 10, 30), command.Date);
        Assert.Equal(new MarkItem(Petrenko.Id, "Петренко Іван", "9"), Single(command));
    }

    [Theory]
    [InlineData("\"Захист України\"")]
    [InlineData("«Захист України»")]
    [InlineData("„Захист України“")]
    [InlineData("“захист україни”")]
    [InlineData("«Захист»")]
    [InlineData("захист україни")]
    [InlineData("захист")]
    public void Mark_DefenceOfUkraine_QuotedOrNot_IsRead(string subject)
    {
        var command = ParsedAssert.Ok(Mark($"7-А {subject} Сидоренко зв"));

        Assert.Equal(Defence.Id, command.SubjectId);
        Assert.Equal(new MarkItem(Sydorenko.Id, "Сидоренко Марія", "зв"), Single(command));
    }

    [Theory]
    [InlineData("алгебра")]
    [InlineData("АЛГЕБРА")]
    [InlineData("Алгебра")]
    [InlineData("алгеб")]
    [InlineData("ал")]
    [InlineData("алг")]
    [InlineData("aлгебра")]   // Latin a
    public void Mark_SubjectByNameAliasOrUniquePrefix_IsAlgebra(string subject)
    {
        Assert.Equal(Algebra.Id, ParsedAssert.Ok(Mark($"7-А {subject} Іваненко 10")).SubjectId);
    }

    [Theory]
    [InlineData("укр літ")]
    [InlineData("укрліт")]
    [InlineData("укр лiт")]     // Latin i
    [InlineData("українська літ")]
    [InlineData("укр. літ.")]
    public void Mark_LiteratureByTwoWordAliasOrWordPrefixes_IsLiterature(string subject)
    {
        var command = ParsedAssert.Ok(Mark($"7-А {subject} Петренко 9"));

        Assert.Equal(UkrainianLiterature.Id, command.SubjectId);
        Assert.Equal(Petrenko.Id, Single(command).StudentId);
    }

    [Fact]
    public void Mark_WordPrefixesOfATwoWordName_AreTakenGreedily()
    {
        var command = ParsedAssert.Ok(Mark("7-А укр мов Петренко 9"));

        Assert.Equal(Ukrainian.Id, command.SubjectId);
        Assert.Equal(Petrenko.Id, Single(command).StudentId);
    }

    [Fact]
    public void Mark_PrefixOfTwoSubjects_IsAmbiguousWithBothAsCandidates()
    {
        var question = ParsedAssert.Ambiguous(Mark("7-А укр Петренко 9"), AmbiguityKind.Subject);

        Assert.Equal("Який предмет — «укр»?", question.Question);
        Assert.Equal(["Українська література", "Українська мова"], question.Candidates.Select(c => c.Label));
        Assert.Equal([UkrainianLiterature.Id, Ukrainian.Id], question.Candidates.Select(c => c.Id));
    }

    [Fact]
    public void Mark_ExactAlias_BeatsAPrefixOfAnotherSubject()
    {
        Assert.Equal(Physics.Id, ParsedAssert.Ok(Mark("7-А фіз Петренко 9")).SubjectId);
    }

    [Fact]
    public void Mark_PrefixOfPhysicsAndPhysicalEducation_IsAmbiguous()
    {
        var question = ParsedAssert.Ambiguous(Mark("7-А фізи Петренко 9"), AmbiguityKind.Subject);

        Assert.Equal([Physics.Id, PhysicalEducation.Id], question.Candidates.Select(c => c.Id));
    }

    [Fact]
    public void Mark_SubjectTheTeacherDoesNotTeachThere_ListsTheirSubjects()
    {
        var error = ParsedAssert.Refused(Mark("7-А хімія Іваненко 10"), ParseErrorCodes.SubjectUnknown);

        Assert.Equal(
            "Предмета «хімія» у вас у 7-А немає. Ваші предмети там: Алгебра, Англійська мова, Геометрія, Захист України, "
            + "Українська література, Українська мова, Фізика, Фізична культура.",
            error.Message);
    }

    [Fact]
    public void Mark_SubjectTaughtInAnotherClassOnly_IsUnknownHere()
    {
        var error = ParsedAssert.Refused(Mark("8-Б геометрія Кравець 10"), ParseErrorCodes.SubjectUnknown);

        Assert.Equal("Предмета «геометрія» у вас у 8-Б немає. Ваші предмети там: Алгебра, Англійська мова.", error.Message);
    }

    [Fact]
    public void Mark_OnlyAClass_AsksForTheSubject()
    {
        var error = ParsedAssert.Refused(Mark("8-Б"), ParseErrorCodes.SubjectMissing);

        Assert.Equal($"Після класу напишіть предмет (Алгебра, Англійська мова). Формат: {CommandForms.Mark}", error.Message);
    }

    [Fact]
    public void Mark_GroupSubject_TakesTheTeachersGroup()
    {
        var command = ParsedAssert.Ok(Mark("7-А англ Петренко 11"));

        Assert.Equal(English.Id, command.SubjectId);
        Assert.Equal(English7AGroup1, command.GroupId);
        Assert.Equal("I група", command.GroupName);
        Assert.Equal("Англійська мова (I група)", command.PageTitle);
    }

    [Fact]
    public void Mark_StudentOutsideTheTeachersGroup_IsRefusedByName()
    {
        var error = ParsedAssert.Refused(Mark("7-А англ Сидоренко 8"), ParseErrorCodes.StudentNotInGroup);

        Assert.Equal("Сидоренко Марія — не з групи «Англійська мова (I група)».", error.Message);
    }

    [Fact]
    public void Mark_TeacherOfBothGroups_GroupFollowsTheStudent()
    {
        Assert.Equal(English8BGroup2, ParsedAssert.Ok(Mark("8-Б англ Кравець 7")).GroupId);
        Assert.Equal(English8BGroup1, ParsedAssert.Ok(Mark("8-Б англ Бондаренко 7")).GroupId);
    }

    [Theory]
    [InlineData("Іваненко")]
    [InlineData("іваненко")]
    [InlineData("ІВАНЕНКО")]
    [InlineData("IВАНЕНКО")]    // Latin I
    [InlineData("Iваненко")]    // Latin I
    [InlineData("іване")]
    [InlineData("Іваненко О.")]
    [InlineData("Іваненко Олег")]
    [InlineData("Олег Іваненко")]
    public void Mark_StudentBySurnamePrefixCaseOrLatinLookalikes_IsIvanenko(string student)
    {
        Assert.Equal(Ivanenko.Id, Single(ParsedAssert.Ok(Mark($"7-А алгебра {student} 10"))).StudentId);
    }

    [Theory]
    [InlineData("Мʼякота")]
    [InlineData("М'якота")]
    [InlineData("М’якота")]
    [InlineData("М`якота")]
    [InlineData("Мякота")]
    [InlineData("м'як")]
    public void Mark_ApostropheInAnyForm_FindsTheStudent(string student)
    {
        var item = Single(ParsedAssert.Ok(Mark($"7-А алгебра {student} 11")));

        Assert.Equal(Myakota.Id, item.StudentId);
        Assert.Equal("Мʼякота Богдан", item.StudentName);
    }

    [Fact]
    public void Mark_PrefixOfTwoSurnames_IsAmbiguousWithBoth()
    {
        var question = ParsedAssert.Ambiguous(Mark("7А алг іван 10 тем"), AmbiguityKind.Student);

        Assert.Equal("Кого саме — «іван»?", question.Question);
        Assert.Equal(["Іваненко Олег", "Іванова Анна"], question.Candidates.Select(c => c.Label));
        Assert.Equal([Ivanenko.Id, Ivanova.Id], question.Candidates.Select(c => c.Id));
    }

    [Fact]
    public void Mark_Namesakes_AreAmbiguous_AndAWholeSurnameBeatsALongerOne()
    {
        var question = ParsedAssert.Ambiguous(Mark("8-Б алгебра Бондар 10"), AmbiguityKind.Student);

        Assert.Equal(["Бондар Ірина", "Бондар Олег"], question.Candidates.Select(c => c.Label));
    }

    [Theory]
    [InlineData("Бондар О.", "Бондар Олег")]
    [InlineData("Бондар О", "Бондар Олег")]
    [InlineData("бондар олег", "Бондар Олег")]
    [InlineData("Бондар І.", "Бондар Ірина")]
    [InlineData("Бондар Iрина", "Бондар Ірина")]   // Latin I
    [InlineData("Бондаренко", "Бондаренко Юлія")]
    [InlineData("бондаре", "Бондаренко Юлія")]
    public void Mark_NamesakesByFirstNameOrInitial_AreTold(string student, string fullName)
    {
        Assert.Equal(fullName, Single(ParsedAssert.Ok(Mark($"8-Б алгебра {student} 10"))).StudentName);
    }

    [Fact]
    public void Mark_ShortPrefixOfThreeSurnames_OffersAllThree()
    {
        var question = ParsedAssert.Ambiguous(Mark("8-Б алгебра Бонд 10"), AmbiguityKind.Student);

        Assert.Equal(["Бондар Ірина", "Бондар Олег", "Бондаренко Юлія"], question.Candidates.Select(c => c.Label));
    }

    [Fact]
    public void Mark_UnknownStudent_NamesTheClassAndOffersCloseNamesAsButtons()
    {
        var question = ParsedAssert.Ambiguous(Mark("7-А алгебра Іванко 10"), AmbiguityKind.Student);

        Assert.Equal("Учня «Іванко» у 7-А не знайдено. Ви мали на увазі:", question.Question);
        Assert.Equal(["Іваненко Олег", "Іванова Анна"], question.Candidates.Select(c => c.Label));
    }

    [Fact]
    public void Mark_MisspelledFirstLetters_OffersByEditDistance()
    {
        var question = ParsedAssert.Ambiguous(Mark("7-А алгебра Пктренко 10"), AmbiguityKind.Student);

        Assert.Equal(["Петренко Іван"], question.Candidates.Select(c => c.Label));
    }

    [Fact]
    public void Mark_UnknownStudentWithNothingClose_SuggestsNothing()
    {
        var error = ParsedAssert.Refused(Mark("7-А алгебра Шевчук 10"), ParseErrorCodes.StudentUnknown);

        Assert.Equal("Учня «Шевчук» у 7-А не знайдено.", error.Message);
    }

    [Theory]
    [InlineData("сем1", MarkColumn.Semester1)]
    [InlineData("1 сем", MarkColumn.Semester1)]
    [InlineData("I семестр", MarkColumn.Semester1)]     // Latin I
    [InlineData("сем2", MarkColumn.Semester2)]
    [InlineData("кор", MarkColumn.Corrected1)]
    [InlineData("кор2", MarkColumn.Corrected2)]
    [InlineData("напам", MarkColumn.ByHeart)]
    [InlineData("напам'ять", MarkColumn.ByHeart)]
    [InlineData("річ", MarkColumn.Annual)]
    [InlineData("дпа", MarkColumn.Dpa)]
    [InlineData("зош", MarkColumn.Notebook)]
    [InlineData("читання вголос", MarkColumn.ReadingAloud)]
    public void Mark_ColumnKeyword_ChoosesTheColumn(string keyword, MarkColumn column)
    {
        var command = ParsedAssert.Ok(Mark($"7-А укр мова Петренко 9 {keyword}"));

        Assert.Equal(column, command.Column);
        Assert.Equal("9", Single(command).MarkText);
    }

    [Fact]
    public void Mark_MarkThenOneWordKeyword_IsNotReadAsATwoWordKeyword()
    {
        var command = ParsedAssert.Ok(Mark("7-А алгебра Іваненко 2 кор"));

        Assert.Equal(MarkColumn.Corrected1, command.Column);
        Assert.Equal("2", Single(command).MarkText);
    }

    [Theory]
    [InlineData("10 тем 30.10")]
    [InlineData("10 30.10 тем")]
    public void Mark_ColumnAndDate_InEitherOrder(string tail)
    {
        var command = ParsedAssert.Ok(Mark($"7-А алгебра Іваненко {tail}"));

        Assert.Equal(MarkColumn.Thematic, command.Column);
        Assert.Equal(new DateOnly(2026, 10, 30), command.Date);
    }

    [Theory]
    [InlineData("сьогодні", 20)]
    [InlineData("вчора", 19)]
    [InlineData("пн", 16)]
    [InlineData("18.11", 18)]
    [InlineData("18/11", 18)]
    [InlineData("18.11.2026", 18)]
    public void Mark_DateWord_LooksBack(string date, int day)
    {
        Assert.Equal(new DateOnly(2026, 11, day), ParsedAssert.Ok(Mark($"7-А алгебра Іваненко 10 {date}")).Date);
    }

    [Fact]
    public void Mark_ImpossibleDate_IsRefused()
    {
        var error = ParsedAssert.Refused(Mark("7-А алгебра Іваненко 10 31.02"), ParseErrorCodes.DateInvalid);

        Assert.Equal("Дати «31.02» не буває. Пишіть так: 12.11 або 12.11.2026.", error.Message);
    }

    [Fact]
    public void Mark_DateBeforeTheStudent_IsRefusedWithTheForm()
    {
        var error = ParsedAssert.Refused(Mark("7-А алгебра 30.10 Іваненко 10"), ParseErrorCodes.DateMisplaced);

        Assert.Equal($"Дату «30.10» пишіть у кінці. Формат: {CommandForms.Mark}", error.Message);
    }

    [Theory]
    [InlineData("7-А алгебра Іваненко", "Іваненко")]
    [InlineData("7-А алгебра Іваненко тем", "Іваненко тем")]
    [InlineData("7-А алгебра Іваненко 30.10", "Іваненко 30.10")]
    public void Mark_WithoutAMark_SaysForWhom(string args, string item)
    {
        var error = ParsedAssert.Refused(Mark(args), ParseErrorCodes.MarkMissing);

        Assert.Equal($"Для «{item}» не вказано оцінку. Формат: {CommandForms.Mark}", error.Message);
    }

    [Fact]
    public void Mark_WithoutAStudent_ShowsTheForm()
    {
        var error = ParsedAssert.Refused(Mark("7-А алгебра"), ParseErrorCodes.StudentMissing);

        Assert.Equal($"Не вказано учня. Формат: {CommandForms.Mark}", error.Message);
    }

    [Fact]
    public void Mark_NotStartingWithAClass_ShowsTheForm()
    {
        var error = ParsedAssert.Refused(Mark("алгебра Іваненко 10"), "class.unknown");

        Assert.Equal($"Не розумію клас «алгебра»: напишіть, наприклад, 7-А. Формат: {CommandForms.Mark}", error.Message);
    }

    [Fact]
    public void Mark_ClassNotInTheSchool_IsRefused()
    {
        var error = ParsedAssert.Refused(Mark("7-Г алгебра Іваненко 10"), ParseErrorCodes.ClassNotInSchool);

        Assert.Equal("Класу 7-Г у школі немає.", error.Message);
    }

    [Fact]
    public void Mark_ClassWithoutTheTeachersLessons_ListsTheirClasses()
    {
        var error = ParsedAssert.Refused(Mark("5-В алгебра Іваненко 10"), ParseErrorCodes.ClassNotYours);

        Assert.Equal("У 5-В у вас немає уроків. Ваші класи: 7-А, 8-Б.", error.Message);
    }

    [Fact]
    public void Mark_TwelfthGrade_IsRefusedByTheDomain()
    {
        var error = ParsedAssert.Refused(Mark("12-А алгебра Іваненко 10"), "class.grade_out_of_range");

        Assert.StartsWith("Класу «12-А» не буває", error.Message);
    }

    [Fact]
    public void Mark_TwoStudentsWithoutCommas_AsksForCommas()
    {
        var error = ParsedAssert.Refused(Mark("7-А алгебра Іваненко 10 Петренко 9"), ParseErrorCodes.SeparateWithCommas);

        Assert.Equal($"Кількох учнів розділяйте комами. Формат: {CommandForms.MarkMany}", error.Message);
    }

    [Theory]
    [InlineData("сем")]
    [InlineData("xyz")]
    public void Mark_UnknownWordAfterTheMark_ListsTheColumns(string word)
    {
        var error = ParsedAssert.Refused(Mark($"7-А алгебра Іваненко 10 {word}"), ParseErrorCodes.UnexpectedWord);

        Assert.Equal(
            $"Не розумію «{word}» після оцінки. Колонки: тем, зош, напам, сем1, сем2, кор, кор2, річ, дпа, у класах НУШ також гр1, гр2 тощо. Формат: {CommandForms.Mark}",
            error.Message);
    }

    [Theory]
    [InlineData("н / а")]
    [InlineData("н/а")]
    public void Mark_NotAttestedWithOrWithoutSpaces_IsOneMark(string mark)
    {
        var command = ParsedAssert.Ok(Mark($"7-А алгебра Іваненко {mark} тем"));

        Assert.Equal(new MarkItem(Ivanenko.Id, "Іваненко Олег", "н/а"), Single(command));
        Assert.Equal(MarkColumn.Thematic, command.Column);
    }

    [Theory]
    [InlineData("7-А алгебра «Іваненко Олег» 10")]
    [InlineData("7-А алгебра Іваненко - 10")]
    [InlineData("7-А алгебра Іваненко: 10")]
    [InlineData("7-А   алгебра   Іваненко   10  ")]
    public void Mark_QuotedNameDashOrColonBetweenNameAndMark_AreTolerated(string args)
    {
        Assert.Equal(new MarkItem(Ivanenko.Id, "Іваненко Олег", "10"), Single(ParsedAssert.Ok(Mark(args))));
    }

    [Theory]
    [InlineData("н/а")]
    [InlineData("хв")]
    [InlineData("Д")]
    [InlineData("-")]
    [InlineData("13")]
    public void Mark_MarkText_IsPassedThroughAsTyped(string mark)
    {
        Assert.Equal(mark, Single(ParsedAssert.Ok(Mark($"7-А алгебра Петренко {mark}"))).MarkText);
    }

    [Fact]
    public void Mark_StudentOnIndividualStudy_IsFlaggedForTheDomainParser()
    {
        Assert.True(Single(ParsedAssert.Ok(Mark("7-А алгебра Коваль 10 сем1"))).IndividualStudy);
    }

    [Fact]
    public void Mark_SurnameThatIsAWeekday_IsTheStudent()
    {
        Assert.Equal(Sereda.Id, Single(ParsedAssert.Ok(Mark("7-А алгебра Середа 10"))).StudentId);
    }

    [Theory]
    [InlineData("7-А алгебра Іваненко 10 гр2", "гр2", null)]
    [InlineData("7-А алгебра Іваненко 10 ГР-2", "ГР-2", null)]
    [InlineData("7-А алгебра Іваненко 10 гр 2 сем2", "гр 2", 2)]
    [InlineData("7-А алгебра сем1 ГР3: Іваненко 10, Петренко 9", "ГР3", 1)]
    [InlineData("7-А алгебра Іваненко 10 гр", "гр", null)]
    public void Mark_AGroupOfResults_IsReadAsTheColumn_WithTheSemesterWhenNamed(string args, string typed, int? semester)
    {
        var command = ParsedAssert.Ok(Mark(args));

        Assert.Equal(new ResultGroupTarget(typed, semester), command.ResultGroup);
        Assert.Equal(semester == 2 ? MarkColumn.ResultGroup2 : MarkColumn.ResultGroup1, command.Column);
        Assert.Equal("10", command.Items[0].MarkText);
    }

    [Fact]
    public void Mark_TheSchoolsOwnGroupCode_IsAGroupOfResults_AndAGroupBesideAnotherColumnIsRefused()
    {
        var command = ParsedAssert.Ok(MarkParser.Parse(CommandArgs.Parse("7-А алгебра Іваненко 10 МОД"), Snapshot, Today, null, ["Мод"]));
        Assert.Equal("МОД", command.ResultGroup!.Typed);

        var twice = Mark("7-А алгебра Іваненко 10 гр1 річ");
        Assert.Equal("В одній команді — одна колонка, а тут «гр1» і «річ».", twice.Error!.Message);
    }

    [Fact]
    public void Mark_Yesterday_OnAMonday_WithTheSchoolsCalendar_IsFriday_AsInEveryCommand_ADR0036()
    {
        var year = new Bot.Domain.Schools.SchoolYear(Guid.NewGuid(), new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30));
        var monday = new DateOnly(2026, 11, 23);
        var command = ParsedAssert.Ok(MarkParser.Parse(CommandArgs.Parse("7-А алгебра Іваненко 10 вчора"), Snapshot, monday, null, calendar: new Bot.Domain.Diary.SchoolDays([year])));
        Assert.Equal(new DateOnly(2026, 11, 20), command.Date);
        var absent = ParsedAssert.Ok(AbsentParser.Parse(CommandArgs.Parse("7-А Іваненко в пʼятницю"), Snapshot, monday));
        Assert.Equal((new DateOnly(2026, 11, 20), "Іваненко"), (absent.Date, Assert.Single(absent.Students).LastName));
    }
}
