using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bot.Fakes;

namespace Bot.Bench.Delivery;

/// <summary>
/// The fake Telegram server in a process of its own, so that the benchmark's memory is the bot's: the child prints
/// `READY <url>`, serves until a line arrives on its standard input, then prints `REPORT <json>` with what it saw.
/// </summary>
internal static class FakeProcess
{
    public sealed record Report(int Messages, int Chats, int Duplicates, int Refused, int Unhonoured, double FirstMs, double LastMs);

    public static async Task<int> ServeAsync(double limit)
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        telegram.Limits.GlobalPerSecond = limit;
        telegram.Limits.PerChatPerSecond = 1;
        Console.WriteLine($"READY {telegram.BaseUrl}");
        await Console.In.ReadLineAsync();

        var messages = telegram.Messages;
        var calls = telegram.CallsOf("sendMessage");
        var ok = calls.Where(c => c.Status == 200).ToList();
        var refused = calls.Where(c => c.Status == 429).ToList();
        // A 429 is honoured when the next message to that chat came at least its retry_after (1 s here) later.
        var unhonoured = refused.Count(r => calls.Any(c => c.ChatId == r.ChatId && c.At > r.At && c.At - r.At < TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20)));
        var report = new Report(messages.Count, messages.Select(m => m.ChatId).Distinct().Count(), // A duplicate is one message delivered twice to a chat; a family that gets its diary and an urgent notice got two.
            messages.GroupBy(m => (m.ChatId, m.Text)).Sum(g => g.Count() - 1),
            refused.Count, unhonoured,
            ok.Count == 0 ? 0 : ok.Min(c => c.At).ToUnixTimeMilliseconds(), ok.Count == 0 ? 0 : ok.Max(c => c.At).ToUnixTimeMilliseconds());
        Console.WriteLine("REPORT " + JsonSerializer.Serialize(report));
        return 0;
    }

    /// <summary>Starts the child and returns it with the fake's base URL.</summary>
    public static async Task<(Process Child, string BaseUrl)> StartAsync(double limit)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("--fake-telegram");
        start.ArgumentList.Add(limit.ToString(CultureInfo.InvariantCulture));
        var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the fake Telegram process");
        var line = await child.StandardOutput.ReadLineAsync() ?? "";
        return line.StartsWith("READY ", StringComparison.Ordinal) ? (child, line[6..]) : throw new InvalidOperationException($"the fake said: {line}");
    }

    public static async Task<Report> FinishAsync(Process child)
    {
        await child.StandardInput.WriteLineAsync("report");
        await child.StandardInput.FlushAsync();
        string? line;
        while ((line = await child.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("REPORT ", StringComparison.Ordinal)) { }
        await child.WaitForExitAsync();
        return JsonSerializer.Deserialize<Report>(line?[7..] ?? "null") ?? throw new InvalidOperationException("the fake sent no report");
    }
}
