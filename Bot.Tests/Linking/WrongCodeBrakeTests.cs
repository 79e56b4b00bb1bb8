using Bot.Domain.Linking;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Linking;

/// <summary>The installation's brake on wrong codes (ADR 0042), on a fake clock.</summary>
public sealed class WrongCodeBrakeTests
{
    private static readonly LinkingSettings Settings = new() { WrongCodeBurst = 3, WrongCodesPerMinute = 6, MaxWrongCodeDelay = TimeSpan.FromSeconds(25) };

    [Fact]
    public void TheBurstIsAnsweredAtOnce_ThenEachWrongCodeWaitsItsTurn_UpToTheCap_AndTheBucketRefills()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero));
        var brake = new WrongCodeBrake(clock, Settings);

        Assert.Equal(new[] { TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero }, Enumerable.Range(0, 3).Select(_ => brake.OnWrongCode()).ToArray());
        // 6 a minute: a token every 10 s.
        Assert.Equal(TimeSpan.FromSeconds(10), brake.OnWrongCode());
        Assert.Equal(TimeSpan.FromSeconds(20), brake.OnWrongCode());
        Assert.Equal(TimeSpan.FromSeconds(25), brake.OnWrongCode()); // the cap, and no deeper debt
        Assert.Equal(TimeSpan.FromSeconds(25), brake.OnWrongCode());

        clock.Advance(TimeSpan.FromSeconds(20)); // two tokens back: the debt of 2 is paid
        Assert.Equal(TimeSpan.FromSeconds(10), brake.OnWrongCode());
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(3, brake.Tokens, precision: 6); // never more than the burst
        Assert.Equal(TimeSpan.Zero, brake.OnWrongCode());
    }
}
