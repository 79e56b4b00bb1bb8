using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Notifications;

/// <summary>
/// Adds outbox rows to the unit of work of the change that causes them, so they commit together or not at all
/// (docs/architecture.md "Processes"). Delivery ([Notifications]) decides per recipient whether and where a row goes.
/// </summary>
public sealed class OutboxWriter(JournalDbContext db)
{
    /// <summary>
    /// One row per guardian of each student, keyed so that writing the same notification twice is a no-op; the row's kind
    /// is the payload's. <paramref name="onlyGuardians"/>, when given, narrows the rows to those guardians.
    /// </summary>
    public async Task<int> ToGuardiansAsync(Guid schoolId, IReadOnlyCollection<Guid> studentIds, Guid sourceId,
        string version, OutboxPayload payload, DateTime nowUtc, DateTime notBeforeUtc, CancellationToken ct, IReadOnlySet<Guid>? onlyGuardians = null)
    {
        var links = (await db.GuardianStudents.AsNoTracking()
            .Where(g => studentIds.Contains(g.StudentId))
            .Select(g => new { g.GuardianId, g.StudentId })
            .ToListAsync(ct))
            .Where(g => onlyGuardians is null || onlyGuardians.Contains(g.GuardianId)).ToList();
        var json = OutboxPayloads.Serialize(payload);
        foreach (var link in links)
        {
            var key = $"{payload.Kind}:{sourceId:N}:{link.GuardianId:N}:{link.StudentId:N}:{version}";
            if (db.Outbox.Local.Any(o => o.IdempotencyKey == key)) continue;
            db.Outbox.Add(new OutboxMessage(schoolId, key, RecipientKind.Guardian, link.GuardianId, payload.Kind,
                json, nowUtc, notBeforeUtc, sourceId));
        }

        return links.Count;
    }

    /// <summary>
    /// A student's own notices (ADR 0035): one row per notice to each student who has a chat of their own linked, keyed
    /// apart from their guardians'. Whether it goes (the school's grade for students' own messages, their /settings) the
    /// outbox decides with the same rules the bot's promises are computed from. One query for the whole batch.
    /// </summary>
    public async Task<int> ToStudentsAsync(Guid schoolId, IReadOnlyCollection<(Guid StudentId, Guid SourceId, OutboxPayload Payload)> notices, string version,
        DateTime nowUtc, DateTime notBeforeUtc, CancellationToken ct)
    {
        if (notices.Count == 0) return 0;
        var ids = notices.Select(n => n.StudentId).Distinct().ToList();
        var linked = (await db.ChatLinks.AsNoTracking().Where(l => l.IsActive && l.Kind == Linking.PersonKind.Student && ids.Contains(l.PersonId))
            .Select(l => l.PersonId).Distinct().ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var (studentId, sourceId, payload) in notices.Where(n => linked.Contains(n.StudentId)))
        {
            var key = $"{payload.Kind}:{sourceId:N}:student:{studentId:N}:{version}";
            if (db.Outbox.Local.Any(o => o.IdempotencyKey == key)) continue;
            db.Outbox.Add(new OutboxMessage(schoolId, key, RecipientKind.Student, studentId, payload.Kind, OutboxPayloads.Serialize(payload), nowUtc, notBeforeUtc, sourceId));
            added++;
        }

        return added;
    }

    /// <summary>
    /// One row per family: each guardian of the students gets one row whose payload names all of their children among
    /// them (<paramref name="payloadFor"/> is given those children, in no particular order), so a parent of two in one
    /// class gets one notice naming both. Keyed by source, guardian and version.
    /// </summary>
    public async Task<int> ToFamiliesAsync(Guid schoolId, IReadOnlyCollection<Guid> studentIds, Guid sourceId, string version,
        Func<IReadOnlyList<Guid>, OutboxPayload> payloadFor, DateTime nowUtc, DateTime notBeforeUtc, CancellationToken ct)
    {
        var families = (await db.GuardianStudents.AsNoTracking()
            .Where(g => studentIds.Contains(g.StudentId))
            .Select(g => new { g.GuardianId, g.StudentId })
            .ToListAsync(ct))
            .GroupBy(g => g.GuardianId, g => g.StudentId).ToList();
        foreach (var family in families)
        {
            var payload = payloadFor(family.Distinct().ToList());
            var key = $"{payload.Kind}:{sourceId:N}:{family.Key:N}:{version}";
            if (db.Outbox.Local.Any(o => o.IdempotencyKey == key)) continue;
            db.Outbox.Add(new OutboxMessage(schoolId, key, RecipientKind.Guardian, family.Key, payload.Kind,
                OutboxPayloads.Serialize(payload), nowUtc, notBeforeUtc, sourceId));
        }

        return families.Count;
    }

    /// <summary>
    /// The absence alert of a student's day, one row per guardian keyed by student and date: the first absence of the day
    /// writes it, held for the undo window; a later absence while it still waits extends the wait to its own undo window
    /// (it is folded in: the text is composed from the day's absences when the row goes). Once the alert has gone, later
    /// absences of the day appear in the daily diary only (no message per lesson; Viber cannot edit a sent message).
    /// </summary>
    public async Task AbsenceAlertsAsync(Guid schoolId, IReadOnlyCollection<(Guid StudentId, DateOnly Date)> days, DateTime nowUtc, DateTime notBeforeUtc,
        CancellationToken ct)
    {
        if (days.Count == 0) return;
        var studentIds = days.Select(d => d.StudentId).Distinct().ToList();
        var links = await db.GuardianStudents.AsNoTracking()
            .Where(g => studentIds.Contains(g.StudentId))
            .Select(g => new { g.GuardianId, g.StudentId })
            .ToListAsync(ct);
        var wanted = days.Distinct()
            .SelectMany(d => links.Where(l => l.StudentId == d.StudentId).Select(l => (d.StudentId, d.Date, l.GuardianId, Key: AbsenceAlertKey(d.StudentId, d.Date, l.GuardianId))))
            .ToList();
        var keys = wanted.Select(w => w.Key).ToList();
        var existing = (await db.Outbox.Where(o => keys.Contains(o.IdempotencyKey)).ToListAsync(ct))
            .Concat(db.Outbox.Local.Where(o => keys.Contains(o.IdempotencyKey)))
            .DistinctBy(o => o.IdempotencyKey)
            .ToDictionary(o => o.IdempotencyKey);
        foreach (var w in wanted)
        {
            if (existing.TryGetValue(w.Key, out var row))
            {
                if (row.IsWaiting || row.State == OutboxState.Cancelled) row.Extend(notBeforeUtc);
                continue;
            }

            var payload = OutboxPayloads.Serialize(new AbsenceAlertPayload(w.StudentId, w.Date));
            db.Outbox.Add(new OutboxMessage(schoolId, w.Key, RecipientKind.Guardian, w.GuardianId, NotificationKind.AbsenceAlert, payload, nowUtc, notBeforeUtc));
        }
    }

    public static string AbsenceAlertKey(Guid studentId, DateOnly date, Guid guardianId) =>
        $"{NotificationKind.AbsenceAlert}:{studentId:N}:{date:yyyyMMdd}:{guardianId:N}";

    /// <summary>
    /// Adds rows a job composed (a digest), skipping those whose idempotency key is already stored: running a job twice
    /// writes nothing new. Returns the rows added.
    /// </summary>
    public async Task<int> AddNewAsync(IReadOnlyCollection<OutboxMessage> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        var keys = rows.Select(r => r.IdempotencyKey).ToList();
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
            stored.UnionWith(await db.Outbox.AsNoTracking().Where(o => chunk.Contains(o.IdempotencyKey)).Select(o => o.IdempotencyKey).ToListAsync(ct));
        var added = 0;
        foreach (var row in rows.DistinctBy(r => r.IdempotencyKey).Where(r => !stored.Contains(r.IdempotencyKey)))
        {
            db.Outbox.Add(row);
            added++;
        }

        return added;
    }

    /// <summary>Takes back what a change announced and has not gone yet (an undo or a fix within the undo window).</summary>
    public async Task CancelPendingAsync(Guid sourceId, CancellationToken ct)
    {
        var pending = await db.Outbox
            .Where(o => o.SourceId == sourceId && (o.State == OutboxState.Pending || o.State == OutboxState.Held || o.State == OutboxState.Failed))
            .ToListAsync(ct);
        foreach (var row in pending) row.Cancel(OutboxReasons.Undone);
    }
}
