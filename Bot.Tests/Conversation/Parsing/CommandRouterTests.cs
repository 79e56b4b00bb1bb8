using Bot.Host.Conversation.Parsing;
using static Bot.Tests.Conversation.Parsing.TestRoster;

namespace Bot.Tests.Conversation.Parsing;

/// <summary>Which command a text is, and whose form: the form decides; where it does not, the bot asks.</summary>
public class CommandRouterTests
{
    private const ChatRoles TeacherParent = ChatRoles.Teacher | ChatRoles.Guardian;
    private const ChatRoles ClassTeacherParent = ChatRoles.Teacher | ChatRoles.ClassTeacher | ChatRoles.Guardian;

    private static Routed Route(string text, ChatRoles roles, FormRole? asRole = null, string? bot = "school_bot") =>
        CommandRouter.Route(text, new RouteContext(roles, Today, asRole, bot));

    private static (FormRole Role, T Request) Command<T>(Routed routed, string name) where T : ChatRequest
    {
        var command = Assert.IsType<Routed.Command>(routed);
        Assert.Equal(name, command.Name);
        return (command.Role, Assert.IsType<T>(command.Request));
    }

    private static TeacherRequest Teacher(Routed routed, string name, TeacherForm form, FormRole role = FormRole.Teacher)
    {
        var (actual, request) = Command<TeacherRequest>(routed, name);
        Assert.Equal(role, actual);
        Assert.Equal(form, request.Form);
        return request;
    }

    private static string Refusal(Routed routed, string code)
    {
        var refused = Assert.IsType<Routed.Refused>(routed);
        Assert.Equal(code, refused.Error.Code);
        return refused.Error.Message;
    }

    // --- the command's name ---

    [Theory]
    [InlineData("/mark 7-А алгебра Іваненко 10")]
    [InlineData("/mark@school_bot 7-А алгебра Іваненко 10")]
    [InlineData("/mark@School_Bot 7-А алгебра Іваненко 10")]
    [InlineData("/MARK 7-А алгебра Іваненко 10")]
    [InlineData("mark 7-А алгебра Іваненко 10")]
    [InlineData("Mark 7-А алгебра Іваненко 10")]
    [InlineData("  /mark   7-А алгебра Іваненко 10  ")]
    public void Mark_WithSlashBotSuffixOrWithoutSlash_IsTheTeachersMark(string text)
    {
        var request = Teacher(Route(text, ChatRoles.Teacher), "mark", TeacherForm.Mark);

        Assert.Equal(["7-А", "алгебра", "Іваненко", "10"], request.Args.Words.Select(w => w.Text));
    }

    [Fact]
    public void Mark_RoutedThenParsed_GivesTheCommand()
    {
        var request = Teacher(Route("/mark@school_bot 7-A алг IВАНЕНКО 10 тем", TeacherParent), "mark", TeacherForm.Mark);

        var command = ParsedAssert.Ok(MarkParser.Parse(request.Args, Snapshot, Today));

        Assert.Equal((Class7A.Id, Algebra.Id, Ivanenko.Id), (command.ClassId, command.SubjectId, command.Items[0].StudentId));
    }

    [Fact]
    public void CommandForAnotherBot_IsNotOurs()
    {
        Assert.IsType<Routed.NotCommand>(Route("/mark@other_bot 7-А алгебра Іваненко 10", ChatRoles.Teacher));
    }

    [Theory]
    [InlineData("Добрий день")]
    [InlineData("AB12CD34")]
    [InlineData("   ")]
    [InlineData("")]
    public void FreeTextWithoutSlash_IsNotACommand(string text)
    {
        Assert.IsType<Routed.NotCommand>(Route(text, ClassTeacherParent));
    }

    [Theory]
    [InlineData("/foo", "/foo")]
    [InlineData("/foo@school_bot 1 2", "/foo")]
    [InlineData("/оцінка 7-А", "/оцінка")]
    [InlineData("/", "/")]
    public void UnknownCommand_IsRefusedWithAHelpHint(string text, string shown)
    {
        var message = Refusal(Route(text, ClassTeacherParent), ParseErrorCodes.UnknownCommand);

        Assert.Equal($"Не знаю команди «{shown}». Список команд — /help.", message);
    }

    // --- /mark and the other teachers' commands ---

    [Theory]
    [InlineData("/mark")]
    [InlineData("/mark@school_bot")]
    [InlineData("mark")]
    public void Mark_WithoutArguments_StartsTheButtonWalkThrough(string text)
    {
        var (role, _) = Command<MarkWalkthroughRequest>(Route(text, ChatRoles.Teacher), "mark");

        Assert.Equal(FormRole.Teacher, role);
    }

    [Fact]
    public void Mark_ByAParent_IsRefusedAsTeachersOnly()
    {
        Assert.Equal("Команда /mark — для вчителів.", Refusal(Route("/mark 7-А алгебра Іваненко 10", ChatRoles.Guardian), ParseErrorCodes.NotForRole));
    }

    [Fact]
    public void AnyRoleCommand_ByAnUnlinkedPerson_AsksToLinkFirst()
    {
        var message = Refusal(Route("/diary", ChatRoles.None), ParseErrorCodes.NotLinked);

        Assert.Equal("Спершу приєднайтеся: надішліть /start і код запрошення від школи.", message);
        Refusal(Route("/mark", ChatRoles.None), ParseErrorCodes.NotLinked);
    }

    [Fact]
    public void Lesson_IsTheTeachers()
    {
        var request = Teacher(Route("/lesson 7-А алгебра Дроби", TeacherParent), "lesson", TeacherForm.Lesson);

        Assert.Equal("7-А алгебра Дроби", request.Args.Text.Trim());
    }

    [Fact]
    public void Excuse_IsTheClassTeachers_NotASubjectTeachers()
    {
        Teacher(Route("/excuse Іваненко 12.11", ChatRoles.ClassTeacher), "excuse", TeacherForm.Excuse, FormRole.ClassTeacher);

        Assert.Equal("Команда /excuse — для класних керівників.",
            Refusal(Route("/excuse Іваненко 12.11", ChatRoles.Teacher), ParseErrorCodes.NotForRole));
    }

    [Theory]
    [InlineData(ChatRoles.Teacher, FormRole.Teacher)]
    [InlineData(ChatRoles.ClassTeacher, FormRole.ClassTeacher)]
    [InlineData(ClassTeacherParent, FormRole.Teacher)]
    public void Undo_IsTheStaffs(ChatRoles roles, FormRole role)
    {
        Assert.Equal(role, Command<UndoRequest>(Route("/undo", roles), "undo").Role);
    }

    [Fact]
    public void Undo_ByAParent_IsRefused()
    {
        Refusal(Route("/undo", ChatRoles.Guardian), ParseErrorCodes.NotForRole);
    }

    // --- the form decides for a teacher who is also a parent ---

    [Fact]
    public void Homework_BeginningWithAClass_IsTheTeachersForm()
    {
        Teacher(Route("/homework 7-А алгебра §3, впр. 11, 12", TeacherParent), "homework", TeacherForm.Homework);
    }

    [Theory]
    [InlineData("/homework 12.11", 12)]
    [InlineData("/homework завтра", 21)]
    [InlineData("/homework пн", 23)]
    public void Homework_WithADate_IsTheParentsForm(string text, int day)
    {
        var (role, request) = Command<FamilyHomeworkRequest>(Route(text, TeacherParent), "homework");

        Assert.Equal(FormRole.Family, role);
        Assert.Equal(DateRange.Day(new DateOnly(2026, 11, day)), request.Days);
    }

    [Fact]
    public void Homework_WithoutArguments_IsTheParentsForm()
    {
        Assert.Null(Command<FamilyHomeworkRequest>(Route("/homework", TeacherParent), "homework").Request.Days);
    }

    [Fact]
    public void Absent_BeginningWithAClass_IsTheTeachersForm()
    {
        Teacher(Route("/absent 7-А Іваненко", TeacherParent), "absent", TeacherForm.Absent);
    }

    [Theory]
    [InlineData("/absent", null)]
    [InlineData("/absent температура, лишається вдома", "температура, лишається вдома")]
    [InlineData("absent у лікаря до обіду", "у лікаря до обіду")]
    public void Absent_WithoutAClass_IsTheParentsReport(string text, string? reason)
    {
        var (role, request) = Command<AbsenceReportRequest>(Route(text, TeacherParent), "absent");

        Assert.Equal(FormRole.Guardian, role);
        Assert.Equal(reason, request.Reason);
    }

    [Fact]
    public void Attendance_BeginningWithAClass_IsTheClassTeachersForm()
    {
        Teacher(Route("/attendance 7-А тиждень", ClassTeacherParent), "attendance", TeacherForm.Attendance, FormRole.ClassTeacher);
    }

    [Theory]
    [InlineData("/attendance")]
    [InlineData("/attendance тиждень")]
    public void Attendance_WithoutAClass_ForAClassTeacherWhoIsAParent_Asks(string text)
    {
        var ask = Assert.IsType<Routed.AskRole>(Route(text, ClassTeacherParent));

        Assert.Equal("attendance", ask.Name);
        Assert.Equal("Як ви надсилаєте /attendance?", ask.Question);
        Assert.Equal(
            [new RoleOption(FormRole.Family, "Як батьки"), new RoleOption(FormRole.ClassTeacher, "Як класний керівник")],
            ask.Options);
    }

    [Fact]
    public void Attendance_AfterTheAnswer_IsRoutedAsChosen()
    {
        var family = Command<FamilyAttendanceRequest>(Route("/attendance тиждень", ClassTeacherParent, FormRole.Family), "attendance");
        Assert.Equal((FormRole.Family, AttendancePeriod.Week), (family.Role, family.Request.Period));

        Teacher(Route("/attendance тиждень", ClassTeacherParent, FormRole.ClassTeacher), "attendance", TeacherForm.Attendance, FormRole.ClassTeacher);
    }

    [Fact]
    public void Attendance_WithoutAClass_ForASubjectTeacherWhoIsAParent_IsTheParents()
    {
        Command<FamilyAttendanceRequest>(Route("/attendance", TeacherParent), "attendance");
    }

    [Fact]
    public void Attendance_WithoutAClass_ForAClassTeacherOnly_IsTheirs()
    {
        Teacher(Route("/attendance", ChatRoles.ClassTeacher | ChatRoles.Teacher), "attendance", TeacherForm.Attendance, FormRole.ClassTeacher);
    }

    [Fact]
    public void Attendance_ForASubjectTeacherOnly_IsRefusedAsClassTeachers()
    {
        Assert.Equal("Команда /attendance — для класних керівників.",
            Refusal(Route("/attendance", ChatRoles.Teacher), ParseErrorCodes.NotForRole));
    }

    // --- a form for a role the person does not hold ---

    [Theory]
    [InlineData("/homework 7-А алгебра §3", "«/homework 7-А …» — форма для вчителів. Для батьків: /homework [дд.мм]")]
    [InlineData("/absent 7-А Іваненко", "«/absent 7-А …» — форма для вчителів. Для батьків: /absent [завтра|дд.мм|з дд.мм по дд.мм], [причина]")]
    [InlineData("/attendance 7-А", "«/attendance 7-А …» — форма для класних керівників. Для батьків: /attendance [сьогодні|вчора|тиждень|минулий тиждень|семестр]")]
    public void TeachersForm_ByAParent_ShowsTheParentsForm(string text, string message)
    {
        Assert.Equal(message, Refusal(Route(text, ChatRoles.Guardian), ParseErrorCodes.TeacherForm));
    }

    [Theory]
    [InlineData("/homework", "Почніть з класу. Формат: /homework 7-А алгебра §3, впр. 11, 12")]
    [InlineData("/homework 12.11", "Почніть з класу. Формат: /homework 7-А алгебра §3, впр. 11, 12")]
    [InlineData("/absent", "Почніть з класу. Формат: /absent 7-А Іваненко Петренко [3 урок] [дд.мм]")]
    public void ParentsForm_ByATeacher_ShowsTheTeachersForm(string text, string message)
    {
        Assert.Equal(message, Refusal(Route(text, ChatRoles.Teacher), ParseErrorCodes.ClassMissing));
    }

    [Fact]
    public void Diary_ByATeacher_IsRefusedAsFamilys()
    {
        Assert.Equal("Команда /diary — для батьків і учнів.", Refusal(Route("/diary", ChatRoles.Teacher), ParseErrorCodes.NotForRole));
    }

    [Fact]
    public void ParentsAbsenceReportAndChildren_ByAStudent_AreRefusedAsParents()
    {
        Assert.Equal("Команда /absent — для батьків.", Refusal(Route("/absent хворію", ChatRoles.Student), ParseErrorCodes.NotForRole));
        Assert.Equal("Команда /children — для батьків.", Refusal(Route("/children", ChatRoles.Student), ParseErrorCodes.NotForRole));
    }
}
