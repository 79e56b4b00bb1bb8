using Bot.Host.Conversation.Parsing;
using static Bot.Tests.Conversation.Parsing.TestRoster;

namespace Bot.Tests.Conversation.Parsing;

/// <summary>Parents' and students' commands, and the ones for anyone, read in full by the router.</summary>
public class FamilyFormsRouterTests
{
    private static T Request<T>(string text, ChatRoles roles = ChatRoles.Guardian) where T : ChatRequest
    {
        var command = Assert.IsType<Routed.Command>(CommandRouter.Route(text, new RouteContext(roles, Today)));
        return Assert.IsType<T>(command.Request);
    }

    private static Bot.Domain.DomainError Refused(string text, ChatRoles roles = ChatRoles.Guardian) =>
        Assert.IsType<Routed.Refused>(CommandRouter.Route(text, new RouteContext(roles, Today))).Error;

    [Fact]
    public void Diary_WithoutArguments_LeavesTheDaysToTheCaller()
    {
        Assert.Null(Request<DiaryRequest>("/diary").Days);
    }

    [Theory]
    [InlineData("/diary сьогодні", 20, 20)]
    [InlineData("/diary завтра", 21, 21)]
    [InlineData("/diary тиждень", 16, 22)]
    [InlineData("/diary 25.11", 25, 25)]
    [InlineData("/diary пн", 23, 23)]
    [InlineData("diary ЗАВТРА", 21, 21)]
    public void Diary_DayWords_LookAhead(string text, int from, int to)
    {
        Assert.Equal(new DateRange(new DateOnly(2026, 11, from), new DateOnly(2026, 11, to)), Request<DiaryRequest>(text).Days);
    }

    [Fact]
    public void Diary_ForAStudent_IsTheirOwn()
    {
        Assert.NotNull(Request<DiaryRequest>("/diary завтра", ChatRoles.Student).Days);
    }

    [Fact]
    public void Diary_ImpossibleDate_IsRefused()
    {
        var error = Refused("/diary 31.02");

        Assert.Equal(ParseErrorCodes.DateInvalid, error.Code);
        Assert.Equal("Дати «31.02» не буває. Пишіть так: 12.11 або 12.11.2026.", error.Message);
    }

    [Theory]
    [InlineData("/diary вчера", "вчера")]
    [InlineData("/diary завтра пн", "пн")]
    public void Diary_UnknownWord_ShowsTheForm(string text, string word)
    {
        Assert.Equal($"Не розумію «{word}». Формат: {CommandForms.Diary}", Refused(text).Message);
    }

    [Fact]
    public void Timetable_TakesADate()
    {
        Assert.Equal(DateRange.Day(new DateOnly(2026, 11, 12)), Request<TimetableRequest>("/timetable 12.11").Days);
    }

    [Theory]
    [InlineData("/marks", null)]
    [InlineData("/marks алг", "алг")]
    [InlineData("/marks «Захист України»", "«Захист України»")]
    public void Marks_SubjectIsTheTextForTheSubjectMatcher(string text, string? subject)
    {
        Assert.Equal(subject, Request<MarksRequest>(text).Subject);
    }

    [Theory]
    [InlineData("/attendance", null)]
    [InlineData("/attendance семестр", AttendancePeriod.Semester)]
    [InlineData("/attendance сьогодні", AttendancePeriod.Today)]
    public void Attendance_ParentsPeriod_IsRead(string text, AttendancePeriod? period)
    {
        Assert.Equal(period, Request<FamilyAttendanceRequest>(text).Period);
    }

    [Fact]
    public void Attendance_ParentsUnknownPeriod_ShowsTheParentsForm()
    {
        Assert.Equal($"Не розумію «рік». Формат: {CommandForms.AttendanceFamily}", Refused("/attendance рік").Message);
    }

    [Fact]
    public void ChildrenAndReport_AreParentsCommands()
    {
        Request<ChildrenRequest>("/children");
        Request<ReportRequest>("/report");
    }

    [Theory]
    [InlineData("/start", null)]
    [InlineData("/start abc_DEF-123", "abc_DEF-123")]
    [InlineData("start AB12CD", "AB12CD")]
    public void Start_WithOrWithoutCode_IsForAnyone(string text, string? code)
    {
        Assert.Equal(code, Request<StartRequest>(text, ChatRoles.None).Code);
    }

    [Theory]
    [InlineData("/help", null)]
    [InlineData("/help mark", "mark")]
    [InlineData("/help /Diary", "diary")]
    [InlineData("/help як поставити оцінку", "як поставити оцінку")]
    public void Help_TopicIsACommandsName(string text, string? topic)
    {
        Assert.Equal(topic, Request<HelpRequest>(text, ChatRoles.Teacher).Topic);
    }

    [Fact]
    public void SettingsAndUnlink_AreForAnyone()
    {
        Request<SettingsRequest>("/settings", ChatRoles.Teacher);
        Request<UnlinkRequest>("/unlink", ChatRoles.Student);
    }

    [Fact]
    public void EveryKnownCommand_IsRoutedForAPersonWithEveryRole()
    {
        const ChatRoles everyone = ChatRoles.Guardian | ChatRoles.Student | ChatRoles.Teacher | ChatRoles.ClassTeacher;

        Assert.All(CommandRouter.Commands, name =>
            Assert.IsNotType<Routed.Refused>(CommandRouter.Route("/" + name, new RouteContext(everyone, Today, FormRole.Family))));
    }
}
