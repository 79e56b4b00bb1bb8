using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Bot.Fakes;
using Bot.Tests.Telegram;

namespace Bot.Tests.Cluster;

/// <summary>
/// A real Bot.Host process (`dotnet Bot.Host.dll` from the build output), configured by environment variables as an
/// operator would, listening on its own port on 127.0.0.1; its console logs are JSON (`Logging:Console:FormatterName`)
/// and kept for the test to read. Disposing kills it.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(string name, Process process, string url)
    {
        Name = name;
        _process = process;
        Url = url;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue("stderr: " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }
    public string Url { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Starts Bot.Host with the product's settings as environment variables (`Delivery:GlobalPerSecond` → `Delivery__GlobalPerSecond`).</summary>
    public static HostProcess Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Bot.Host.dll is not beside the tests; build the solution first.", dll);
        var url = $"http://127.0.0.1:{TelegramTestHost.FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "json";
        start.Environment["Metrics__Token"] = MetricsToken; // /metrics answers only with the token
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        return new HostProcess(name, process, url);
    }

    /// <summary>Waits until `/readyz` answers 200 (migrations done, database and job storage reachable).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}.\n{Tail()}");
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} was not ready in {timeout}.\n{Tail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>The process's log lines (JSON console entries), parsed; other lines are skipped.</summary>
    public IReadOnlyList<LogEntry> Logs()
    {
        var entries = new List<LogEntry>();
        foreach (var line in _output.ToArray())
        {
            if (!line.StartsWith('{')) continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var scopes = root.TryGetProperty("Scopes", out var s) ? s.GetRawText() : "";
                entries.Add(new LogEntry(root.GetProperty("Category").GetString() ?? "", root.GetProperty("Message").GetString() ?? "", scopes));
            }
            catch (JsonException)
            {
            }
        }

        return entries;
    }

    public bool Logged(string text) => Logs().Any(l => l.Message.Contains(text, StringComparison.Ordinal));

    /// <summary>The bearer token every test process's `/metrics` asks for.</summary>
    public const string MetricsToken = "cluster-metrics-token";

    /// <summary>Its metrics as `/metrics` shows them, scraped with the token as Prometheus would.</summary>
    public async Task<string> MetricsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MetricsToken);
        return await http.GetStringAsync("/metrics");
    }

    /// <summary>Ends the process at once (SIGKILL): no shutdown, no goodbye to the database.</summary>
    public void Kill()
    {
        if (!HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public string Tail(int lines = 40) => string.Join("\n", _output.ToArray().TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        try { Kill(); }
        catch (InvalidOperationException) { }
        _process.Dispose();
        await Task.CompletedTask;
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) => FakeTelegramServer.WaitUntilAsync(condition, timeout, what);
}

public sealed record LogEntry(string Category, string Message, string Scopes);
