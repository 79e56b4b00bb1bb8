using Bot.Domain.Linking;
using Bot.Domain.Roster;

namespace Bot.Host.Cli;

/// <summary>
/// The arguments of `invites create`: `--class "7-А" --role parent|student` or `--role staff`, and `--school "name"`
/// when the installation has several schools. Arguments with a colon (`--Telegram:BotUsername=school_bot`) are
/// settings and are left to the configuration.
/// </summary>
internal sealed record InvitesArguments(string Role, ClassName? Class, string? School)
{
    public const string Usage =
        "usage: Bot.Host invites create --class \"7-А\" --role parent|student [--school \"<name>\"]\n" +
        "       Bot.Host invites create --role staff [--school \"<name>\"]";

    public InviteAudience Audience => Role == InviteRoles.Student ? InviteAudience.Students : InviteAudience.Parents;

    /// <summary>The arguments after the verb, or what is wrong with them (in English: it is for operators).</summary>
    public static (InvitesArguments? Arguments, string? Error) Parse(IReadOnlyList<string> all)
    {
        var args = VerbOptions.WithoutSettings(all);
        if (args.Count == 0 || args[0] != "create")
            return (null, args.Count == 0 ? "say what to do: invites create ..." : $"unknown action '{args[0]}': the action is 'create'");

        var (options, problem) = VerbOptions.Parse(args, 1, ["class", "role", "school"]);
        if (options is null) return (null, problem);

        if (!options.TryGetValue("role", out var role)) return (null, "--role is required: parent, student or staff");
        role = role.ToLowerInvariant();
        if (role is not (InviteRoles.Parent or InviteRoles.Student or InviteRoles.Staff))
            return (null, $"unknown role '{options["role"]}': use --role parent, student or staff");

        var school = options.GetValueOrDefault("school");
        options.TryGetValue("class", out var classText);
        if (role == InviteRoles.Staff)
            return classText is null
                ? (new InvitesArguments(role, null, school), null)
                : (null, "--class does not go with --role staff: staff invites are for the whole school");
        if (classText is null) return (null, $"--class is required with --role {role}, e.g. --class \"7-А\"");
        var parsed = ClassName.Parse(classText);
        if (!parsed.IsSuccess) return (null, $"'{classText}' is not a class: write it like \"7-А\" (grade 1-11 and a letter)");
        return (new InvitesArguments(role, parsed.Value, school), null);
    }
}
