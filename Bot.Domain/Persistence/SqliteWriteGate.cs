using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Bot.Domain.Persistence;

/// <summary>One gate per SQLite file in this process: the saves of every context on that file pass it one at a time (ADR 0015).</summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ByFile = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> FileOf = new(StringComparer.Ordinal);

    public static SemaphoreSlim? For(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString)) return null;
        var file = FileOf.GetOrAdd(connectionString, static cs =>
        {
            var source = new SqliteConnectionStringBuilder(cs).DataSource;
            // An in-memory database belongs to its connection (or to its shared-cache name): keyed by the whole string.
            return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal)
                ? cs
                : Path.GetFullPath(source);
        });
        return ByFile.GetOrAdd(file, static _ => new SemaphoreSlim(1, 1));
    }
}
