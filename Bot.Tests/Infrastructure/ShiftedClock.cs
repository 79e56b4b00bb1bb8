namespace Bot.Tests.Infrastructure;

/// <summary>
/// Real time that starts at a chosen instant: timers and delays run for real, "now" is the test school's day.
/// <see cref="Advance"/> jumps "now" ahead (past an undo window) without waiting for it.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private long _shiftTicks = (start - DateTimeOffset.UtcNow).Ticks;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);
}
