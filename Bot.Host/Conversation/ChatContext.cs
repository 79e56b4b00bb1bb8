using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Host.Conversation.Parsing;

namespace Bot.Host.Conversation;

/// <summary>Everything a handler needs about the chat it answers: who is talking, in which roles, their "today", the session.</summary>
public sealed record ChatContext(Incoming Incoming, ChatPersona Persona, ChatSession Session, DateOnly Today, DateTime LocalNow, string TimeZone)
{
    public ChatRoles Roles =>
        (Persona.IsGuardian ? ChatRoles.Guardian : ChatRoles.None)
        | (Persona.IsStudent ? ChatRoles.Student : ChatRoles.None)
        | (Persona.IsTeacher ? ChatRoles.Teacher : ChatRoles.None)
        | (Persona.IsClassTeacher ? ChatRoles.ClassTeacher : ChatRoles.None);

    /// <summary>The staff member this chat speaks for (the first, if a chat is linked to staff of two schools).</summary>
    public PersonaStaff? Staff => Persona.Staff.FirstOrDefault();

    public Actor StaffActor => Staff is { } s
        ? new Actor(s.StaffId, s.ShortName, s.Roles, Incoming.Channel)
        : throw new InvalidOperationException("Not a staff chat.");
}
