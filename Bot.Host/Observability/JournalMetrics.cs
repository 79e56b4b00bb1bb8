using System.Diagnostics.Metrics;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Observability;

/// <summary>
/// The meter `SchoolJournal.Delivery` (ADR 0024): what the outbox sender did with rows (sent, held, failed, dead,
/// cancelled), the updates the bots handled, and the outbox's depth by state. Created through the host's
/// <see cref="IMeterFactory"/>, so listeners can tell two hosts in one process apart by <see cref="Meter.Scope"/>.
/// </summary>
public sealed class JournalMetrics
{
    public const string MeterName = "SchoolJournal.Delivery";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _held;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dead;
    private readonly Counter<long> _cancelled;
    private readonly Counter<long> _updates;
    private readonly OutboxDepth _depth;

    public JournalMetrics(IMeterFactory meters, OutboxDepth depth)
    {
        Meter = meters.Create(MeterName);
        _depth = depth;
        _sent = Meter.CreateCounter<long>("journal.outbox.sent", "{message}", "Outbox rows delivered to at least one chat");
        _held = Meter.CreateCounter<long>("journal.outbox.held", "{message}", "Outbox rows held back (quiet hours, a recipient's back-off)");
        _failed = Meter.CreateCounter<long>("journal.outbox.failed", "{message}", "Failed tries of outbox rows that will be tried again");
        _dead = Meter.CreateCounter<long>("journal.outbox.dead", "{message}", "Outbox rows given up (chat gone, tries exhausted)");
        _cancelled = Meter.CreateCounter<long>("journal.outbox.cancelled", "{message}", "Outbox rows cancelled by a rule or a preference");
        _updates = Meter.CreateCounter<long>("journal.updates.handled", "{update}", "Messenger updates handled (webhook or polling)");
        Meter.CreateObservableGauge("journal.outbox.depth", () => _depth.Measurements(), "{message}", "Outbox rows by state (as of the last scrape)");
    }

    public Meter Meter { get; }

    public void Sent(NotificationKind kind) => _sent.Add(1, Kind(kind));

    public void Held(NotificationKind kind) => _held.Add(1, Kind(kind));

    public void Failed(NotificationKind kind) => _failed.Add(1, Kind(kind));

    public void Dead(NotificationKind kind) => _dead.Add(1, Kind(kind));

    public void Cancelled(NotificationKind kind) => _cancelled.Add(1, Kind(kind));

    public void UpdateHandled(string channel) => _updates.Add(1, new KeyValuePair<string, object?>("channel", channel));

    private static KeyValuePair<string, object?> Kind(NotificationKind kind) => new("kind", kind.ToString());
}

/// <summary>
/// The outbox's rows by state, counted with one `GROUP BY` when metrics are read (<see cref="RefreshAsync"/> before a
/// scrape) rather than on a timer, so an unscraped process asks the database nothing.
/// </summary>
public sealed class OutboxDepth(IServiceScopeFactory scopes, ILogger<OutboxDepth> log)
{
    private volatile IReadOnlyList<Measurement<long>> _last = [];

    public IEnumerable<Measurement<long>> Measurements() => _last;

    public async Task RefreshAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JournalDbContext>();
            var counts = await db.Outbox.GroupBy(o => o.State).Select(g => new { State = g.Key, Count = g.LongCount() }).ToListAsync(ct);
            _last = Enum.GetValues<OutboxState>()
                .Select(s => new Measurement<long>(counts.FirstOrDefault(c => c.State == s)?.Count ?? 0, new KeyValuePair<string, object?>("state", s.ToString())))
                .ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Metrics: the outbox depth could not be counted: {Error}", e.Message);
        }
    }
}
