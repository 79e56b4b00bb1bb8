using Bot.Domain.Audit;

namespace Bot.Tests.Infrastructure;

/// <summary>
/// One audit key file for the test run (ADR 0037), for hosts that run the sealer but would not make a key themselves
/// (PostgreSQL processes without every role: in an installation `migrate` makes it).
/// </summary>
public static class TestAuditKey
{
    private static readonly Lazy<string> File = new(() =>
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"journal-test-audit-{Environment.ProcessId}", "audit.key");
        AuditKey.LoadOrCreate(path, out _);
        return path;
    });

    public static string Path => File.Value;
}
