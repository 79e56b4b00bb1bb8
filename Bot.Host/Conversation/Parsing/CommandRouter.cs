using Bot.Domain;

namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// Decides which command a text is and whose form it is. A command is "/name args", "/name@bot args", or — as Viber
/// users type — "name args" without the slash. The form decides the role: teacher forms begin with a
/// class (<c>/homework 7-А алгебра …</c>, <c>/absent 7-А …</c>, <c>/attendance 7-А …</c>), parent forms do not
/// (<c>/homework 12.11</c>, <c>/absent</c>, <c>/attendance</c>); where the form fits two of the person's roles
/// (<c>/attendance</c> for a class teacher who is also a parent) the result asks.
/// Parents' and students' forms come back fully read; teachers' forms come back as <see cref="TeacherRequest"/>
/// for the parsers that need the roster.
/// </summary>
public static class CommandRouter
{
    /// <summary>Every command the bot knows, without the slash.</summary>
    public static IReadOnlyList<string> Commands { get; } =
    [
        "start", "help", "diary", "marks", "homework", "attendance", "timetable", "children", "settings", "absent",
        "report", "unlink", "mark", "lesson", "undo", "excuse", "write", "ack",
    ];

    public static Routed Route(string? text, RouteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var line = CommandText.Read(text);
        if (line is null)
            return Routed.NotCommand.Instance;
        if (line.BotName is { } addressee && context.BotUsername is { } me
            && !string.Equals(addressee, me, StringComparison.OrdinalIgnoreCase))
            return Routed.NotCommand.Instance;
        if (!Commands.Contains(line.Name))
            return line.Slashed ? Refuse(ParseTexts.UnknownCommand("/" + line.Name)) : Routed.NotCommand.Instance;

        var args = line.Args;
        var name = line.Name;
        var today = context.Today;
        return name switch
        {
            "start" => Accept(name, FormRole.Anyone, new StartRequest(FamilyForms.Text(args))),
            "help" => Accept(name, FormRole.Anyone, new HelpRequest(HelpTopic(args))),
            "settings" => Accept(name, FormRole.Anyone, new SettingsRequest()),
            "unlink" => Accept(name, FormRole.Anyone, new UnlinkRequest()),
            "mark" => Only(context, name, FormRole.Teacher,
                args.IsEmpty ? new MarkWalkthroughRequest() : new TeacherRequest(TeacherForm.Mark, args)),
            "lesson" => Only(context, name, FormRole.Teacher,
                args.IsEmpty ? new MarkWalkthroughRequest() : new TeacherRequest(TeacherForm.Lesson, args)),
            "excuse" => Only(context, name, FormRole.ClassTeacher, new TeacherRequest(TeacherForm.Excuse, args)),
            "undo" => Undo(context),
            "diary" => Family(context, name, FormRole.Family, () => Map(FamilyForms.Days(args, today, CommandForms.Diary, context.Calendar), d => new DiaryRequest(d))),
            "timetable" => Family(context, name, FormRole.Family, () => Map(FamilyForms.Days(args, today, CommandForms.Timetable, context.Calendar), d => new TimetableRequest(d))),
            "marks" => Family(context, name, FormRole.Family, () => new MarksRequest(FamilyForms.Text(args))),
            "report" => Family(context, name, FormRole.Family, () => new ReportRequest()),
            "children" => Family(context, name, FormRole.Guardian, () => new ChildrenRequest()),
            "write" => Family(context, name, FormRole.Family, () => new WriteRequest()),
            // The author's question (ADR 0045): whose staff chat it is, the handler checks (an administrator need not teach).
            "ack" => Accept(name, FormRole.Anyone, new AckRequest()),
            "homework" => StartsWithClass(args)
                ? ClassFirst(context, name, FormRole.Teacher, TeacherForm.Homework, args, CommandForms.HomeworkFamily)
                : FamilyOrTeacher(context, name, FormRole.Family, CommandForms.HomeworkTeacher,
                    () => Map(FamilyForms.Days(args, today, CommandForms.HomeworkFamily, context.Calendar), d => new FamilyHomeworkRequest(d))),
            "absent" => StartsWithClass(args)
                ? ClassFirst(context, name, FormRole.Teacher, TeacherForm.Absent, args, CommandForms.AbsentFamily)
                : FamilyOrTeacher(context, name, FormRole.Guardian, CommandForms.AbsentTeacher,
                    () => FamilyForms.Absence(args, today, context.Calendar)),
            "attendance" => Attendance(context, args),
            _ => Refuse(ParseTexts.UnknownCommand("/" + name)),
        };
    }

    private static Routed Accept(string name, FormRole role, ChatRequest request) => new Routed.Command(name, role, request);

    private static Routed Refuse(DomainError error) => new Routed.Refused(error);

    private static Result<ChatRequest> Map<T>(Result<T> result, Func<T, ChatRequest> request) =>
        result.IsSuccess ? Result<ChatRequest>.Ok(request(result.Value!)) : result.Error;

    // A command with one form: the person holds its role, or is told whose it is.
    private static Routed Only(RouteContext context, string name, FormRole role, ChatRequest request) =>
        context.Roles.CanUse(role) ? Accept(name, role, request) : NotYours(context, name, role);

    private static Routed NotYours(RouteContext context, string name, FormRole role) =>
        Refuse(context.Roles == ChatRoles.None ? ParseTexts.NotLinked() : ParseTexts.NotForRole(name, role));

    private static Routed Undo(RouteContext context) =>
        context.Roles.CanUse(FormRole.Teacher) ? Accept("undo", FormRole.Teacher, new UndoRequest())
        : context.Roles.CanUse(FormRole.ClassTeacher) ? Accept("undo", FormRole.ClassTeacher, new UndoRequest())
        : NotYours(context, "undo", FormRole.Teacher);

    // A parents' form, read only for a person who may use it.
    private static Routed Family(RouteContext context, string name, FormRole role, Func<Result<ChatRequest>> read)
    {
        if (!context.Roles.CanUse(role))
            return NotYours(context, name, role);
        var request = read();
        return request.IsSuccess ? Accept(name, role, request.Value!) : Refuse(request.Error);
    }

    // A form that begins with a class: the teacher's; a parent who typed it is shown the parents' form.
    private static Routed ClassFirst(RouteContext context, string name, FormRole role, TeacherForm form, CommandArgs args, string familyForm)
    {
        if (context.Roles.CanUse(role))
            return Accept(name, role, new TeacherRequest(form, args));
        return context.Roles.CanUse(FormRole.Family)
            ? Refuse(ParseTexts.TeacherForm(name, role, familyForm))
            : NotYours(context, name, role);
    }

    // A form that does not begin with a class: the parents'; a teacher without that role is shown the teacher's form.
    private static Routed FamilyOrTeacher(RouteContext context, string name, FormRole role, string teacherForm, Func<Result<ChatRequest>> read)
    {
        if (context.Roles.CanUse(role))
            return Family(context, name, role, read);
        return context.Roles.CanUse(FormRole.Teacher)
            ? Refuse(ParseTexts.ClassMissing(teacherForm))
            : NotYours(context, name, role);
    }

    // "/attendance 7-А …" is the class teacher's; "/attendance [period]" fits a class teacher (own class) and a
    // parent alike, so a person who is both is asked.
    private static Routed Attendance(RouteContext context, CommandArgs args)
    {
        const string name = "attendance";
        if (StartsWithClass(args))
            return ClassFirst(context, name, FormRole.ClassTeacher, TeacherForm.Attendance, args, CommandForms.AttendanceFamily);

        var roles = new[] { FormRole.Family, FormRole.ClassTeacher }.Where(r => context.Roles.CanUse(r)).ToList();
        if (context.As is { } chosen && roles.Contains(chosen))
            roles = [chosen];
        return roles switch
        {
            [] => NotYours(context, name, context.Roles.CanUse(FormRole.Teacher) ? FormRole.ClassTeacher : FormRole.Family),
            [FormRole.ClassTeacher] => Accept(name, FormRole.ClassTeacher, new TeacherRequest(TeacherForm.Attendance, args)),
            [FormRole.Family] => Family(context, name, FormRole.Family,
                () => Map(FamilyForms.Period(args, CommandForms.AttendanceFamily), p => new FamilyAttendanceRequest(p))),
            _ => new Routed.AskRole(name, ParseTexts.AskRole(name),
                roles.Select(r => new RoleOption(r, ParseTexts.RoleLabel(r, context.Roles))).ToList()),
        };
    }

    private static bool StartsWithClass(CommandArgs args) => ClassReader.TryRead(args.Tokens, 0, out _, out _);

    private static string? HelpTopic(CommandArgs args)
    {
        if (args.Words.Count == 0)
            return null;
        var topic = args.Words[0].Text.TrimStart('/').ToLowerInvariant();
        return Commands.Contains(topic) ? topic : FamilyForms.Text(args);
    }
}
