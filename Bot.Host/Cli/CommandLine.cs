namespace Bot.Host.Cli;

/// <summary>Turns the product's short flags into configuration keys and tells a verb from server arguments.</summary>
public static class CommandLine
{
    private static readonly HashSet<string> KnownVerbs = ["migrate", "demo", "invites", "export", "reset-password", "school", "backup", "restore", "audit", "help"];

    /// <summary>`--demo` is `Demo:Seed=true` (docs/architecture.md "Processes").</summary>
    public static string[] Normalize(string[] args) =>
        args.Select(a => a == "--demo" ? "--Demo:Seed=true" : a).ToArray();

    public static bool HasVerb(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static bool IsKnownVerb(string verb) => KnownVerbs.Contains(verb);

    public static IEnumerable<string> Verbs => KnownVerbs;
}
