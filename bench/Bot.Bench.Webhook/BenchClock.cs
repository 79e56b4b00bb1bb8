namespace Bot.Bench.Webhook;

/// <summary>
/// The system clock moved to a fixed school-local moment (<see cref="WebhookBenchOptions.At"/>) when the run starts, then
/// running at its normal pace: the bot's "today", lessons and undo windows are the same whatever day the benchmark runs
/// on, while timers, delays and timeouts behave as on the real clock. It changes no work the bot does.
/// </summary>
internal sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
