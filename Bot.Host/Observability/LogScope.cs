using System.Collections;
using System.Globalization;

namespace Bot.Host.Observability;

/// <summary>
/// A log scope of named values (ADR 0024): structured for JSON and other structured sinks (a list of key-value pairs),
/// and readable on the plain console ("SchoolId: …, OutboxId: …") where the formatter prints the scope's text.
/// </summary>
public sealed class LogScope(params (string Key, object? Value)[] values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values = values.Select(v => new KeyValuePair<string, object?>(v.Key, v.Value)).ToArray();

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", _values.Select(v => $"{v.Key}: {Convert.ToString(v.Value, CultureInfo.InvariantCulture)}"));
}

public static class LogScopeExtensions
{
    /// <summary>`log.Scope(("SchoolId", id), ("OutboxId", row.Id))`: every line written inside carries these values.</summary>
    public static IDisposable? Scope(this ILogger log, params (string Key, object? Value)[] values) => log.BeginScope(new LogScope(values));
}
