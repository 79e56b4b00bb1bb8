using Bot.Host.Conversation.Parsing;
using static Bot.Tests.Conversation.Parsing.TestRoster;

namespace Bot.Tests.Conversation.Parsing;

/// <summary>/absent, /lesson, /homework, /attendance and /excuse in the teacher's and class teacher's forms.</summary>
public class TeacherFormsTests
{
    private static Parsed<AbsentCommand> Absent(string args) =>
        AbsentParser.Parse(CommandArgs.Parse(args), Snapshot, Today);

    private static Parsed<LessonCommand> Lesson(string args, Choices? choices = null) =>
        LessonTextParser.ParseLesson(CommandArgs.Parse(args), Snapshot, choices);

    private static Parsed<HomeworkCommand> Homework(string args) =>
        LessonTextParser.ParseHomework(CommandArgs.Parse(args), Snapshot);

    private static Parsed<ExcuseCommand> Excuse(string args) =>
        ExcuseParser.Parse(CommandArgs.Parse(args), Class7A, Students7A, Today);

    // --- /absent ---

    [Fact]
    public void Absent_StudentsBySpaces_AreAllRead()
    {
        var command = ParsedAssert.Ok(Absent("7-А Іваненко Петренко"));

        Assert.Equal(Class7A, command.Class);
        Assert.Equal([Ivanenko, Petrenko], command.Students);
        Assert.Null(command.Date);
        Assert.Null(command.LessonNumber);
    }

    [Fact]
    public void Absent_StudentsByCommasWithInitials_AreAllRead()
    {
        var command = ParsedAssert.Ok(Absent("8б Бондар О., Кравець,Бондаренко"));

        Assert.Equal([BondarOleh, Kravets, Bondarenko], command.Students);
    }

    [Fact]
    public void Absent_FirstNameAfterSurname_NarrowsNamesakesWithoutCommas()
    {
        var command = ParsedAssert.Ok(Absent("8-Б Бондар Ірина Кравець"));

        Assert.Equal([BondarIryna, Kravets], command.Students);
    }

    [Theory]
    [InlineData("7-А Іваненко 3 урок", 3)]
    [InlineData("7-А урок 3 Іваненко", 3)]
    [InlineData("7-А Іваненко 3-й урок", 3)]
    [InlineData("7-А Іваненко 0 урок", 0)]
    public void Absent_LessonNumber_IsRead(string args, int number)
    {
        var command = ParsedAssert.Ok(Absent(args));

        Assert.Equal(number, command.LessonNumber);
        Assert.Equal([Ivanenko], command.Students);
    }

    [Fact]
    public void Absent_LessonNumberOffTheDay_IsRefused()
    {
        var error = ParsedAssert.Refused(Absent("7-А Іваненко 15 урок"), ParseErrorCodes.LessonNumberInvalid);

        Assert.Equal("Уроку «15 урок» не буває: номер уроку — від 0 до 12.", error.Message);
    }

    [Fact]
    public void Absent_DateAndLesson_AreRead()
    {
        var command = ParsedAssert.Ok(Absent("7-А Сидоренко М'якота 2 урок 18.11"));

        Assert.Equal([Sydorenko, Myakota], command.Students);
        Assert.Equal(new DateOnly(2026, 11, 18), command.Date);
        Assert.Equal(2, command.LessonNumber);
    }

    [Fact]
    public void Absent_SurnameThatIsAWeekday_IsTheStudent_AnotherWeekdayIsTheDate()
    {
        var command = ParsedAssert.Ok(Absent("7-А Середа пн"));

        Assert.Equal([Sereda], command.Students);
        Assert.Equal(new DateOnly(2026, 11, 16), command.Date);
    }

    [Fact]
    public void Absent_AmbiguousStudent_Asks()
    {
        var question = ParsedAssert.Ambiguous(Absent("8-Б Бондар Кравець"), AmbiguityKind.Student);

        Assert.Equal(["Бондар Ірина", "Бондар Олег"], question.Candidates.Select(c => c.Label));
    }

    [Fact]
    public void Absent_UnknownStudent_NamesClassAndOffersTheSimilar()
    {
        var question = ParsedAssert.Ambiguous(Absent("7-А Іваненко Петрук"), AmbiguityKind.Student);

        Assert.Equal("Учня «Петрук» у 7-А не знайдено. Ви мали на увазі:", question.Question);
        Assert.Equal(["Петренко Іван"], question.Candidates.Select(c => c.Label));
    }

    [Fact]
    public void Absent_NoStudents_AsksWho()
    {
        var error = ParsedAssert.Refused(Absent("7-А 3 урок"), ParseErrorCodes.StudentMissing);

        Assert.Equal($"Кого немає на уроці? Формат: {CommandForms.AbsentTeacher}", error.Message);
    }

    [Fact]
    public void Absent_ClassWithoutTheTeachersLessons_IsRefused()
    {
        ParsedAssert.Refused(Absent("5-В Іваненко"), ParseErrorCodes.ClassNotYours);
    }

    [Fact]
    public void Absent_SameStudentTwice_IsOnce()
    {
        Assert.Equal([Ivanenko], ParsedAssert.Ok(Absent("7-А Іваненко іваненко")).Students);
    }

    // --- /lesson and /homework ---

    [Fact]
    public void Lesson_TopicIsTheRestAsTyped()
    {
        var command = ParsedAssert.Ok(Lesson("7-А алгебра Дроби: додавання й віднімання, 1.2"));

        Assert.Equal(Class7A, command.Class);
        Assert.Equal(Algebra, command.Subject);
        Assert.Null(command.GroupId);
        Assert.Equal("Дроби: додавання й віднімання, 1.2", command.Topic);
    }

    [Fact]
    public void Lesson_TwoWordAliasAndQuotedTopic_AreRead()
    {
        var command = ParsedAssert.Ok(Lesson("7а укр мова «Звʼязне мовлення. Переказ»"));

        Assert.Equal(Ukrainian, command.Subject);
        Assert.Equal("Звʼязне мовлення. Переказ", command.Topic);
    }

    [Fact]
    public void Lesson_QuotedSubject_ThenTopic()
    {
        var command = ParsedAssert.Ok(Lesson("7-А \"Захист України\" Стройова підготовка"));

        Assert.Equal(Defence, command.Subject);
        Assert.Equal("Стройова підготовка", command.Topic);
    }

    [Fact]
    public void Lesson_WithoutTopic_ShowsTheForm()
    {
        var error = ParsedAssert.Refused(Lesson("7-А алгебра"), ParseErrorCodes.TextMissing);

        Assert.Equal($"Після предмета напишіть тему уроку. Формат: {CommandForms.Lesson}", error.Message);
    }

    [Fact]
    public void Lesson_TeacherOfBothGroups_IsAskedWhichGroup_ThenResolved()
    {
        const string text = "8-Б англ Present Simple";
        var question = ParsedAssert.Ambiguous(Lesson(text), AmbiguityKind.Group);

        Assert.Equal("Яка група — Англійська мова?", question.Question);
        Assert.Equal(["Англійська мова (I група)", "Англійська мова (II група)"], question.Candidates.Select(c => c.Label));

        var command = ParsedAssert.Ok(Lesson(text, Choices.None.With(question, English8BGroup2)));
        Assert.Equal(English8BGroup2, command.GroupId);
        Assert.Equal("II група", command.GroupName);
        Assert.Equal("Present Simple", command.Topic);
    }

    [Fact]
    public void Lesson_SingleGroup_FollowsTheAssignment()
    {
        Assert.Equal(English7AGroup1, ParsedAssert.Ok(Lesson("7-А англ My family")).GroupId);
    }

    [Fact]
    public void Homework_TextKeepsLinesAndPunctuation()
    {
        var command = ParsedAssert.Ok(Homework("7-А алг: §3, впр. 11, 12\nповторити формули"));

        Assert.Equal(Algebra, command.Subject);
        Assert.Equal("§3, впр. 11, 12\nповторити формули", command.Text);
    }

    [Fact]
    public void Homework_WithoutText_ShowsTheForm()
    {
        var error = ParsedAssert.Refused(Homework("7-А алгебра"), ParseErrorCodes.TextMissing);

        Assert.Equal($"Після предмета напишіть завдання. Формат: {CommandForms.HomeworkTeacher}", error.Message);
    }

    [Fact]
    public void Homework_UnknownSubject_ListsTheTeachersSubjects()
    {
        var error = ParsedAssert.Refused(Homework("8-Б хімія §5"), ParseErrorCodes.SubjectUnknown);

        Assert.Equal("Предмета «хімія» у вас у 8-Б немає. Ваші предмети там: Алгебра, Англійська мова.", error.Message);
    }

    // --- /attendance (class teacher) ---

    [Theory]
    [InlineData("", false, null)]
    [InlineData("7-А", true, null)]
    [InlineData("7а тиждень", true, AttendancePeriod.Week)]
    [InlineData("семестр 7-А", true, AttendancePeriod.Semester)]
    [InlineData("сьогодні", false, AttendancePeriod.Today)]
    public void Attendance_OptionalClassAndPeriod_AreRead(string args, bool hasClass, AttendancePeriod? period)
    {
        var result = AttendanceParser.Parse(CommandArgs.Parse(args), Snapshot.Classes);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(hasClass ? Class7A : null, result.Value!.Class);
        Assert.Equal(period, result.Value.Period);
    }

    [Fact]
    public void Attendance_UnknownWord_ShowsTheForm()
    {
        var result = AttendanceParser.Parse(CommandArgs.Parse("7-А місяць"), Snapshot.Classes);

        Assert.Equal($"Не розумію «місяць». Формат: {CommandForms.AttendanceClassTeacher}", result.Error!.Message);
    }

    [Fact]
    public void Attendance_ClassNotInSchool_IsRefused()
    {
        var result = AttendanceParser.Parse(CommandArgs.Parse("9-Я"), Snapshot.Classes);

        Assert.Equal(ParseErrorCodes.ClassNotInSchool, result.Error!.Code);
    }

    // --- /excuse ---

    [Fact]
    public void Excuse_StudentAndDate_AreRead()
    {
        var command = ParsedAssert.Ok(Excuse("Іваненко 12.11"));

        Assert.Equal(Ivanenko, command.Student);
        Assert.Equal(DateRange.Day(new DateOnly(2026, 11, 12)), command.Days);
    }

    [Fact]
    public void Excuse_RangeAndInitial_AreRead()
    {
        var command = ParsedAssert.Ok(Excuse("Сидоренко М. 16.11-18.11"));

        Assert.Equal(Sydorenko, command.Student);
        Assert.Equal(new DateRange(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 18)), command.Days);
    }

    [Fact]
    public void Excuse_Yesterday_IsTheDayBefore()
    {
        Assert.Equal(new DateOnly(2026, 11, 19), ParsedAssert.Ok(Excuse("петренко вчора")).Days.From);
    }

    [Fact]
    public void Excuse_WithoutDate_ShowsTheForm()
    {
        var error = ParsedAssert.Refused(Excuse("Іваненко"), ParseErrorCodes.DateMissing);

        Assert.Equal($"Вкажіть дату. Формат: {CommandForms.Excuse}", error.Message);
    }

    [Fact]
    public void Excuse_ImpossibleDate_IsRefused()
    {
        ParsedAssert.Refused(Excuse("Іваненко 31.11"), ParseErrorCodes.DateInvalid);
    }

    [Fact]
    public void Excuse_OnlyADate_AsksForTheStudent()
    {
        ParsedAssert.Refused(Excuse("12.11"), ParseErrorCodes.StudentMissing);
    }

    [Fact]
    public void Excuse_AmbiguousPrefix_Asks()
    {
        var question = ParsedAssert.Ambiguous(Excuse("Іван 12.11"), AmbiguityKind.Student);

        Assert.Equal([Ivanenko.Id, Ivanova.Id], question.Candidates.Select(c => c.Id));
    }
}
