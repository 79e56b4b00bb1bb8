namespace Bot.Tests.Infrastructure;

/// <summary>Real time that starts at a chosen instant: timers and delays run for real, "now" is the test school's day.</summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _shift = start - DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _shift;
}
