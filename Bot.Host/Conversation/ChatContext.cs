using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Host.Conversation.Parsing;

namespace Bot.Host.Conversation;

/// <summary>
/// Everything a handler needs about the chat it answers: who is talking, in which roles, their "today", the session.
/// <see cref="Today"/> is the staff member's school's (or the first linked school's); a child's diary, homework and
/// timetable use their own school's day (<see cref="TodayIn"/>): a parent with children in schools of two time zones
/// sees each child's own "today" (ADR 0022).
/// </summary>
public sealed record ChatContext(Incoming Incoming, ChatPersona Persona, ChatSession Session, DateOnly Today, DateTime LocalNow, string TimeZone)
{
    /// <summary>The local time now in each school the chat is linked to.</summary>
    public IReadOnlyDictionary<Guid, DateTime> LocalNowBySchool { get; init; } = new Dictionary<Guid, DateTime>();

    public DateTime LocalNowIn(Guid schoolId) => LocalNowBySchool.TryGetValue(schoolId, out var now) ? now : LocalNow;

    public DateOnly TodayIn(Guid schoolId) => DateOnly.FromDateTime(LocalNowIn(schoolId));

    /// <summary>Each linked school's calendar (its school days), for reading "вчора" and "тиждень" (ADR 0036).</summary>
    public IReadOnlyDictionary<Guid, Bot.Domain.Diary.SchoolDays> CalendarBySchool { get; init; } = new Dictionary<Guid, Bot.Domain.Diary.SchoolDays>();

    /// <summary>The calendar of the school whose <see cref="Today"/> this is; null without one.</summary>
    public Bot.Domain.Diary.SchoolDays? Calendar { get; init; }

    public Bot.Domain.Diary.SchoolDays? CalendarIn(Guid schoolId) => CalendarBySchool.GetValueOrDefault(schoolId);

    /// <summary>
    /// The same chat speaking for another of its staff records (a teacher of two schools), on that school's clock; itself
    /// when it already speaks for that record.
    /// </summary>
    public ChatContext ForStaff(PersonaStaff staff) => staff.StaffId == Staff?.StaffId ? this : this with
    {
        Persona = Persona with { Staff = [staff, .. Persona.Staff.Where(s => s.StaffId != staff.StaffId)] },
        Today = TodayIn(staff.SchoolId),
        LocalNow = LocalNowIn(staff.SchoolId),
        Calendar = CalendarIn(staff.SchoolId),
    };

    /// <summary>The chat speaking for its staff record at that school (a lesson's, an audit record's); itself when it already does.</summary>
    public ChatContext ForSchool(Guid schoolId) =>
        Persona.Staff.FirstOrDefault(s => s.SchoolId == schoolId) is { } staff ? ForStaff(staff) : this;

    public ChatRoles Roles =>
        (Persona.IsGuardian ? ChatRoles.Guardian : ChatRoles.None)
        | (Persona.IsStudent ? ChatRoles.Student : ChatRoles.None)
        | (Persona.IsTeacher ? ChatRoles.Teacher : ChatRoles.None)
        | (Persona.IsClassTeacher ? ChatRoles.ClassTeacher : ChatRoles.None);

    /// <summary>
    /// The staff member this chat speaks for: the first, if a chat is linked to staff of two schools — a command that
    /// names its class, a button of a lesson, /undo and a class teacher's commands speak for the school they concern
    /// (<see cref="Handlers.TeacherHandlers"/>).
    /// </summary>
    public PersonaStaff? Staff => Persona.Staff.FirstOrDefault();

    public Actor StaffActor => Staff is { } s
        ? new Actor(s.StaffId, s.ShortName, s.Roles, Incoming.Channel)
        : throw new InvalidOperationException("Not a staff chat.");
}
