using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bot.Domain.Identity;

namespace AdminPanel.Access;

/// <summary>
/// Slows password guessing per login <b>and</b> client address (ADR 0013): after
/// <see cref="PanelIdentity.MaxFailedSignIns"/> failures for one login from one address, that pair waits
/// <see cref="FirstDelay"/>, and each further failure doubles the wait, up to <see cref="LongestDelay"/>. Nothing is
/// locked per account, so failures from one address never stop the same person (or the director) signing in from
/// another. IPv6 addresses count per /64, the block one subscriber usually gets. In memory: a restart forgets.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(15);

    /// <summary>Pairs kept at most; past it, the ones with nothing left to wait for are forgotten first.</summary>
    private const int MaxPairs = 50_000;

    private readonly ConcurrentDictionary<(string Login, string Address), Entry> _pairs = new();

    private sealed record Entry(int Failures, DateTimeOffset NotBefore, DateTimeOffset LastFailure);

    /// <summary>How long this login from this address must still wait before a password is even checked (zero: go on).</summary>
    public TimeSpan Wait(string normalizedLogin, IPAddress? address)
    {
        if (!_pairs.TryGetValue(Key(normalizedLogin, address), out var entry)) return TimeSpan.Zero;
        var left = entry.NotBefore - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>A wrong login or password: counts, and from the threshold on sets a doubling wait.</summary>
    public TimeSpan Failed(string normalizedLogin, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (_pairs.Count >= MaxPairs) Prune(now);
        var entry = _pairs.AddOrUpdate(Key(normalizedLogin, address),
            _ => Next(0, now),
            (_, old) => Next(old.Failures, now));
        return entry.NotBefore > now ? entry.NotBefore - now : TimeSpan.Zero;
    }

    /// <summary>The right password: this pair starts afresh.</summary>
    public void Succeeded(string normalizedLogin, IPAddress? address) => _pairs.TryRemove(Key(normalizedLogin, address), out _);

    private static Entry Next(int failures, DateTimeOffset now)
    {
        var count = failures + 1;
        if (count < PanelIdentity.MaxFailedSignIns) return new Entry(count, now, now);
        var doublings = Math.Min(count - PanelIdentity.MaxFailedSignIns, 10);
        var delay = TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks << doublings, LongestDelay.Ticks));
        return new Entry(count, now + delay, now);
    }

    private void Prune(DateTimeOffset now)
    {
        // Quiet for a day, or nothing to wait for: forgotten; if that is not enough, the oldest half goes.
        foreach (var (key, entry) in _pairs)
            if (entry.NotBefore <= now && now - entry.LastFailure > TimeSpan.FromMinutes(1) || now - entry.LastFailure > TimeSpan.FromDays(1))
                _pairs.TryRemove(key, out _);
        if (_pairs.Count < MaxPairs / 2) return;
        foreach (var (key, _) in _pairs.OrderBy(p => p.Value.LastFailure).Take(_pairs.Count / 2).ToList())
            _pairs.TryRemove(key, out _);
    }

    private static (string, string) Key(string login, IPAddress? address)
    {
        if (address is null) return (login, "");
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return (login, address.ToString());
    }
}
