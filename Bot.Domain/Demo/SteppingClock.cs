using Bot.Domain.Schools;

namespace Bot.Domain.Demo;

/// <summary>
/// A clock that the demo moves through the school year: to a school day's local time, then a few seconds per entry.
/// It never goes back, so audit timestamps follow the chain's order. The rules that read the clock (J-7, M-2) see the
/// day being seeded as "today".
/// </summary>
public sealed class SteppingClock(string timeZoneId) : TimeProvider
{
    private readonly TimeZoneInfo _zone = SchoolTime.Resolve(timeZoneId);
    private DateTimeOffset _now = DateTimeOffset.MinValue;

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => _zone;

    /// <summary>The school-local date and time the clock shows.</summary>
    public DateTime LocalNow => TimeZoneInfo.ConvertTimeFromUtc(_now.UtcDateTime, _zone);

    /// <summary>Moves to a school-local moment, unless the clock is already past it.</summary>
    public void MoveTo(DateOnly date, TimeOnly time)
    {
        var utc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), _zone);
        if (utc > _now) _now = new DateTimeOffset(utc, TimeSpan.Zero);
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock does not go back.");
        _now += by;
    }
}
