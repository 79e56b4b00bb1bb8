namespace Bot.Host.Conversation.Parsing;

/// <summary>What a person linked to a chat is at the school; a teacher who is also a parent holds both.</summary>
[Flags]
public enum ChatRoles
{
    None = 0,
    Guardian = 1,
    Student = 2,
    Teacher = 4,
    ClassTeacher = 8,
}

/// <summary>Whose form of a command a text is.</summary>
public enum FormRole
{
    /// <summary>/start, /help, /settings, /unlink: anyone's.</summary>
    Anyone,

    /// <summary>Guardians and students: the diary, marks, homework, attendance and timetable of a child (or one's own).</summary>
    Family,

    /// <summary>Guardians only: /children, a parent's /absent.</summary>
    Guardian,

    /// <summary>Subject teachers: /mark, /absent 7-А …, /lesson, /homework 7-А …, /undo.</summary>
    Teacher,

    /// <summary>Class teachers: /attendance [7-А] …, /excuse.</summary>
    ClassTeacher,
}

public static class ChatRolesExtensions
{
    /// <summary>Whether a person with <paramref name="roles"/> may use a form of <paramref name="form"/>.</summary>
    public static bool CanUse(this ChatRoles roles, FormRole form) => form switch
    {
        FormRole.Anyone => true,
        FormRole.Family => (roles & (ChatRoles.Guardian | ChatRoles.Student)) != 0,
        FormRole.Guardian => roles.HasFlag(ChatRoles.Guardian),
        FormRole.Teacher => roles.HasFlag(ChatRoles.Teacher),
        FormRole.ClassTeacher => roles.HasFlag(ChatRoles.ClassTeacher),
        _ => false,
    };
}
