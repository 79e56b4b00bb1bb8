using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Bot.Host.Observability;

/// <summary>
/// A small Prometheus text exporter (format 0.0.4) over a <see cref="MeterListener"/> (ADR 0024): it listens to this
/// host's meters whose names start with `SchoolJournal.`, sums counters per tag set, and reads observable gauges at
/// each scrape. Names: dots become underscores, counters end in `_total`.
/// </summary>
public sealed class PrometheusText : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), double> _counters = new();
    private readonly ConcurrentDictionary<string, Instrument> _instruments = new();
    private readonly Dictionary<(string Name, string Labels), double> _gauges = [];
    private readonly Lock _scrape = new();

    public PrometheusText(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this host's meters: another host in the same process (tests) has its own factory.
            if (!instrument.Meter.Name.StartsWith("SchoolJournal.", StringComparison.Ordinal) || !ReferenceEquals(instrument.Meter.Scope, meters)) return;
            _instruments[instrument.Name] = instrument;
            listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = (instrument.Name, Labels(tags));
        if (instrument is ObservableGauge<long> or ObservableGauge<int> or ObservableGauge<double>)
        {
            _gauges[key] = value; // observable callbacks run inside RecordObservableInstruments, under _scrape
            return;
        }

        _counters.AddOrUpdate(key, value, (_, old) => old + value);
    }

    /// <summary>The current values in Prometheus's text format.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        lock (_scrape)
        {
            _gauges.Clear();
            _listener.RecordObservableInstruments();
            foreach (var instrument in _instruments.Values.OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                var gauge = instrument is ObservableGauge<long> or ObservableGauge<int> or ObservableGauge<double>;
                var name = PrometheusName(instrument.Name) + (gauge ? "" : "_total");
                var values = (gauge ? _gauges : (IEnumerable<KeyValuePair<(string Name, string Labels), double>>)_counters)
                    .Where(kv => kv.Key.Name == instrument.Name).OrderBy(kv => kv.Key.Labels, StringComparer.Ordinal).ToList();
                text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description).Append('\n');
                text.Append("# TYPE ").Append(name).Append(gauge ? " gauge\n" : " counter\n");
                foreach (var (key, value) in values)
                    text.Append(name).Append(key.Labels).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }

    public static string PrometheusName(string instrument) => instrument.Replace('.', '_').Replace('-', '_');

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty) return "";
        var parts = new List<string>(tags.Length);
        foreach (var (k, v) in tags)
            parts.Add($"{PrometheusName(k)}=\"{Convert.ToString(v, CultureInfo.InvariantCulture)?.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\"");
        parts.Sort(StringComparer.Ordinal);
        return "{" + string.Join(",", parts) + "}";
    }

    public void Dispose() => _listener.Dispose();
}
