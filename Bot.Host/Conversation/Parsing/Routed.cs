using Bot.Domain;

namespace Bot.Host.Conversation.Parsing;

/// <summary>A role to offer on a button when the form of a command does not say whose it is.</summary>
public sealed record RoleOption(FormRole Role, string Label);

/// <summary>
/// Who is asking: the person's roles, the school-local today (for dates), the role chosen on a button after
/// <see cref="Routed.AskRole"/>, this bot's username (a command addressed to another bot is not ours), and the school's
/// calendar, by which "вчора" is the previous school day (ADR 0036).
/// </summary>
public sealed record RouteContext(ChatRoles Roles, DateOnly Today, FormRole? As = null, string? BotUsername = null, Bot.Domain.Diary.SchoolDays? Calendar = null);

/// <summary>What <see cref="CommandRouter.Route"/> made of a text.</summary>
public abstract record Routed
{
    private Routed()
    {
    }

    /// <summary>No command: free text without a slash (an invite code typed in, an answer), or another bot's command.</summary>
    public sealed record NotCommand : Routed
    {
        public static NotCommand Instance { get; } = new();
    }

    /// <summary>An unknown command, a form for a role the person does not hold, or malformed arguments.</summary>
    public sealed record Refused(DomainError Error) : Routed;

    /// <summary>The form fits more than one of the person's roles: ask with a button per option, then route again with <see cref="RouteContext.As"/>.</summary>
    public sealed record AskRole(string Name, string Question, IReadOnlyList<RoleOption> Options) : Routed;

    /// <summary>The command <paramref name="Name"/> in <paramref name="Role"/>'s form.</summary>
    public sealed record Command(string Name, FormRole Role, ChatRequest Request) : Routed;
}
