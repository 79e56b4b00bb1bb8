namespace Bot.Tests.Infrastructure;

/// <summary>The repository's root (the folder holding Bot.slnx), found from the test assembly's folder upwards.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Bot.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Bot.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
