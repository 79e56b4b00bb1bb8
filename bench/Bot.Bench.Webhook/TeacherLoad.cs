using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Bot.Bench.Webhook;

/// <summary>One measured phase: the latency of every update (POST sent → 200 read), errors, and how far sends fell behind their schedule.</summary>
internal sealed record PhaseResult(double OfferedPerSecond, int Updates, TimeSpan Elapsed, double[] SortedLatencyMs, int Errors, string? FirstError, double MaxLagMs)
{
    public int Answered => Updates - Errors;

    /// <summary>Updates answered with 200, per second of the phase (first send to last answer).</summary>
    public double AchievedPerSecond => Answered / Elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double p) =>
        SortedLatencyMs.Length == 0 ? double.NaN : SortedLatencyMs[Math.Clamp((int)Math.Ceiling(p / 100 * SortedLatencyMs.Length) - 1, 0, SortedLatencyMs.Length - 1)];

    public double Max => SortedLatencyMs.Length == 0 ? double.NaN : SortedLatencyMs[^1];
}

/// <summary>
/// The teachers: each posts Telegram updates with its commands to the webhook, with the secret header, one at a time
/// (a person waits for the bot's answer before typing the next). Closed loop (<c>rate</c> 0): the next update goes as
/// soon as the answer came. Paced: each teacher has a fixed schedule (rate / teachers a second, the teachers spread
/// evenly), and an update whose time came while the previous one was still waiting goes as soon as it is answered —
/// the lag behind the schedule is reported, so a bot that cannot keep up shows as one. Teacher i posts to
/// <c>webhookFor(i)</c>: with several bot instances, i mod N.
/// </summary>
internal sealed class TeacherLoad(HttpClient http, Func<int, Uri> webhookFor, TimeProvider clock)
{
    private int _nextUpdateId = 500_000;
    private int _nextMessageId = 1;

    /// <summary>Posts one update and returns the status (0 when there was no HTTP answer).</summary>
    public async Task<(int Status, string? Error)> PostAsync(int teacher, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookFor(teacher)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(BotUnderTest.SecretHeader, BotUnderTest.Secret);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return ((int)response.StatusCode, response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>A private message from the teacher, as Telegram posts it to a webhook.</summary>
    public string Update(TeacherChat teacher, string text)
    {
        var id = Interlocked.Increment(ref _nextUpdateId);
        var from = new { id = teacher.ChatId, is_bot = false, first_name = teacher.FirstName, language_code = "uk" };
        var command = text.StartsWith('/') ? text.Split(' ')[0].Length : 0;
        return JsonSerializer.Serialize(new
        {
            update_id = id,
            message = new
            {
                message_id = Interlocked.Increment(ref _nextMessageId),
                date = clock.GetUtcNow().ToUnixTimeSeconds(),
                chat = new { id = teacher.ChatId, type = "private", first_name = teacher.FirstName },
                from,
                text,
                entities = command > 0 ? new[] { new { type = "bot_command", offset = 0, length = command } } : null,
            },
        });
    }

    /// <summary>Commands <paramref name="first"/> .. first + perTeacher - 1 of every teacher, at <paramref name="rate"/> updates a second overall (0 = closed loop).</summary>
    public async Task<PhaseResult> RunAsync(IReadOnlyList<TeacherChat> teachers, int first, int perTeacher, double rate)
    {
        var bodies = teachers.Select(t => t.Commands.Skip(first).Take(perTeacher).Select(c => Update(t, c)).ToArray()).ToArray();
        var latencies = teachers.Select(_ => new List<double>(perTeacher)).ToArray();
        var errors = 0;
        string? firstError = null;
        var maxLagTicks = 0L;
        var interval = rate > 0 ? teachers.Count / rate * Stopwatch.Frequency : 0;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20;

        async Task TeacherAsync(int i)
        {
            for (var k = 0; k < bodies[i].Length; k++)
            {
                var due = rate > 0 ? start + (long)((k + i / (double)teachers.Count) * interval) : start;
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
                var sent = Stopwatch.GetTimestamp();
                if (rate > 0) InterlockedMax(ref maxLagTicks, sent - due);
                var (status, error) = await PostAsync(i, bodies[i][k]);
                var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (status == 200)
                {
                    latencies[i].Add(ms);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, teachers.Count).Select(i => Task.Run(() => TeacherAsync(i))));
        var elapsed = Stopwatch.GetElapsedTime(start);
        var sorted = latencies.SelectMany(l => l).Order().ToArray();
        return new PhaseResult(rate, bodies.Sum(b => b.Length), elapsed, sorted, errors, firstError, maxLagTicks * 1000.0 / Stopwatch.Frequency);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
