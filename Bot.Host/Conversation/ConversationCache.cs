using System.Collections.Concurrent;
using Bot.Domain.Persistence;

namespace Bot.Host.Conversation;

/// <summary>
/// What the conversation reads on every update and what changes rarely — a chat's persona, a teacher's roster, a
/// school's time zone and bell times — kept between updates, one generation per <see cref="RosterStamp"/> (ADR 0020).
/// Every update reads the stamp first (<see cref="CachedReads"/>): a save that changed a roster row has given it a new
/// value in the same transaction, so the first update after it finds a new generation and reads everything again. The
/// journal's writes still check the actor's rights against the database themselves.
/// </summary>
public sealed class ConversationCache
{
    /// <summary>Entries of a generation; past it the generation starts over (chats nobody links fill it otherwise).</summary>
    public const int MaxEntries = 50_000;

    private Generation _current = new(Guid.Empty);

    /// <summary>The entries kept under one stamp.</summary>
    internal sealed class Generation(Guid stamp)
    {
        public Guid Stamp { get; } = stamp;

        public ConcurrentDictionary<object, object> Entries { get; } = new();
    }

    /// <summary>
    /// The generation of <paramref name="stamp"/>: the current one, or a new empty one that replaces it. What a reader adds
    /// was read after it read the stamp, so it is never older than the stamp it is kept under.
    /// </summary>
    internal Generation For(Guid stamp)
    {
        var current = Volatile.Read(ref _current);
        if (current.Stamp == stamp) return current;
        var fresh = new Generation(stamp);
        var seen = Interlocked.CompareExchange(ref _current, fresh, current);
        return seen == current || seen.Stamp != stamp ? fresh : seen;
    }

    /// <summary>Entries kept now (tests, diagnostics).</summary>
    public int Count => Volatile.Read(ref _current).Entries.Count;
}
