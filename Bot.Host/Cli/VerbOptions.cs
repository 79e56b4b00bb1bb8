namespace Bot.Host.Cli;

/// <summary>
/// The `--name value` (or `--name=value`) options of a verb, and bare flags (`--all`). Arguments with a colon
/// (`--Telegram:BotUsername=school_bot`) are settings and are left to the configuration. Errors are in English: the
/// verbs are for operators.
/// </summary>
internal static class VerbOptions
{
    public static (Dictionary<string, string>? Options, string? Error) Parse(IReadOnlyList<string> args, int start, ICollection<string> names,
        ICollection<string>? flags = null)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                return (null, $"unexpected argument '{arg}' (put a class name with spaces in quotes)");
            var eq = arg.IndexOf('=');
            var name = eq < 0 ? arg[2..] : arg[2..eq];
            if (flags is not null && flags.Contains(name) && eq < 0)
            {
                if (!options.TryAdd(name, "true")) return (null, $"--{name} is given twice");
                continue;
            }

            if (!names.Contains(name))
                return (null, $"unknown option '--{name}'");
            string value;
            if (eq >= 0) value = arg[(eq + 1)..];
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) value = args[++i];
            else return (null, $"--{name} needs a value");
            if (string.IsNullOrWhiteSpace(value)) return (null, $"--{name} needs a value");
            if (!options.TryAdd(name, value.Trim())) return (null, $"--{name} is given twice");
        }

        return (options, null);
    }

    /// <summary>The arguments less the settings (`--Section:Key=value` or `--Section:Key value`), which the configuration reads.</summary>
    public static List<string> WithoutSettings(IReadOnlyList<string> args)
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
