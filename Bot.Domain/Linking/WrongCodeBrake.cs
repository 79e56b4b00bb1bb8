namespace Bot.Domain.Linking;

/// <summary>
/// The installation-wide brake on wrong invite codes (ADR 0042): a token bucket of <see cref="LinkingSettings.WrongCodeBurst"/>
/// tokens refilled at <see cref="LinkingSettings.WrongCodesPerMinute"/>. Each wrong code takes a token; while there are
/// tokens it is answered at once, and once they run out its answer waits until the bucket would have refilled its
/// token (at most <see cref="LinkingSettings.MaxWrongCodeDelay"/>). Nothing is ever refused, and a valid code never
/// asks the brake at all: a guesser sending codes from many chats slows down only the answers to wrong codes, and a
/// parents' meeting linking at the same moment goes on at full speed. The answer's text is the same, slow or fast.
/// <para>
/// One per process (a singleton): with several `bot` processes (ADR 0001) each has its own bucket, multiplying the
/// allowance by their number, not lifting the brake.
/// </para>
/// </summary>
public sealed class WrongCodeBrake(TimeProvider clock, LinkingSettings settings)
{
    private readonly Lock _gate = new();
    private double _tokens = Math.Max(0, settings.WrongCodeBurst);
    private DateTimeOffset? _refilledAt;

    private double PerSecond => Math.Max(1, settings.WrongCodesPerMinute) / 60.0;

    /// <summary>A wrong code was answered: how long its answer should wait (zero while the bucket has tokens).</summary>
    public TimeSpan OnWrongCode()
    {
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            if (_tokens >= 0) return TimeSpan.Zero;
            // Whole milliseconds, rounded up (a float's 9.999999 s of debt is 10 s).
            var wait = TimeSpan.FromMilliseconds(Math.Ceiling(-_tokens / PerSecond * 1000 - 1e-6));
            if (wait <= settings.MaxWrongCodeDelay) return wait;
            // Past the cap the answer waits the longest time, and the debt digs no deeper: the bucket refills from there.
            _tokens += 1;
            return settings.MaxWrongCodeDelay;
        }
    }

    /// <summary>The tokens left now (negative: the wait already promised), for tests and logs.</summary>
    public double Tokens
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _tokens;
            }
        }
    }

    private void Refill()
    {
        var now = clock.GetUtcNow();
        if (_refilledAt is { } then && now > then)
            _tokens = Math.Min(Math.Max(0, settings.WrongCodeBurst), _tokens + (now - then).TotalSeconds * PerSecond);
        if (_refilledAt is null || now > _refilledAt) _refilledAt = now;
    }
}
