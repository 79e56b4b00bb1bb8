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
        var args = WithoutSettings(all);
        if (args.Count == 0 || args[0] != "create")
            return (null, args.Count == 0 ? "say what to do: invites create ..." : $"unknown action '{args[0]}': the action is 'create'");

        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                return (null, $"unexpected argument '{arg}' (put a class name with spaces in quotes)");
            var eq = arg.IndexOf('=');
            var name = eq < 0 ? arg[2..] : arg[2..eq];
            if (name is not ("class" or "role" or "school"))
                return (null, $"unknown option '--{name}'");
            string value;
            if (eq >= 0) value = arg[(eq + 1)..];
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) value = args[++i];
            else return (null, $"--{name} needs a value");
            if (string.IsNullOrWhiteSpace(value)) return (null, $"--{name} needs a value");
            if (!options.TryAdd(name, value.Trim())) return (null, $"--{name} is given twice");
        }

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

    /// <summary>The arguments less the settings (`--Section:Key=value` or `--Section:Key value`), which the configuration reads.</summary>
    private static List<string> WithoutSettings(IReadOnlyList<string> args)
    {
        var own = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=');
            var name = eq < 0 ? arg : arg[..eq];
            if (arg.StartsWith("--", StringComparison.Ordinal) && name.Contains(':'))
            {
                if (eq < 0) i++;
                continue;
            }

            own.Add(arg);
        }

        return own;
    }
}
