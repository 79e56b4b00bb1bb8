using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Notifications;

/// <summary>
/// Adds outbox rows to the unit of work of the change that causes them, so they commit together or not at all
/// (DESIGN.md "Processes"). Delivery ([Notifications]) decides per recipient whether and where a row goes.
/// </summary>
public sealed class OutboxWriter(JournalDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>One row per guardian of each student, keyed so that writing the same notification twice is a no-op.</summary>
    public async Task<int> ToGuardiansAsync(Guid schoolId, IReadOnlyCollection<Guid> studentIds, NotificationKind kind, Guid sourceId,
        string version, object payload, DateTime nowUtc, DateTime notBeforeUtc, CancellationToken ct)
    {
        var links = await db.GuardianStudents.AsNoTracking()
            .Where(g => studentIds.Contains(g.StudentId))
            .Select(g => new { g.GuardianId, g.StudentId })
            .ToListAsync(ct);
        var json = JsonSerializer.Serialize(payload, Json);
        foreach (var link in links)
        {
            var key = $"{kind}:{sourceId:N}:{link.GuardianId:N}:{link.StudentId:N}:{version}";
            if (db.Outbox.Local.Any(o => o.IdempotencyKey == key)) continue;
            db.Outbox.Add(new OutboxMessage(schoolId, key, RecipientKind.Guardian, link.GuardianId, kind,
                json, nowUtc, notBeforeUtc, sourceId));
        }

        return links.Count;
    }

    /// <summary>Takes back what a change announced and has not gone yet (an undo or a fix within the undo window).</summary>
    public async Task CancelPendingAsync(Guid sourceId, CancellationToken ct)
    {
        var pending = await db.Outbox
            .Where(o => o.SourceId == sourceId && (o.State == OutboxState.Pending || o.State == OutboxState.Held || o.State == OutboxState.Failed))
            .ToListAsync(ct);
        foreach (var row in pending) row.Cancel();
    }
}
