using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Delivery;

/// <summary>
/// The outbox as the sender reads and writes it. Every state change of a row is one conditional UPDATE, so a row that
/// changed meanwhile (an undo cancelled it, another sender took it) is left alone.
/// </summary>
public sealed class OutboxStore(JournalDbContext db, NotificationRulesService rules)
{
    public const string Interrupted = "interrupted while sending: it may have reached the chat once already";

    /// <summary>Rows a dead sender left in flight go again (ADR 0011: the only rows that may reach a chat twice).</summary>
    public Task<int> RequeueInterruptedAsync(CancellationToken ct) =>
        db.Outbox.Where(o => o.State == OutboxState.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Pending).SetProperty(o => o.LastError, Interrupted), ct);

    /// <summary>Due rows (pending, held or failed whose time has come), urgent first, oldest first; none of <paramref name="skip"/>.</summary>
    public Task<List<OutboxMessage>> DueAsync(DateTime nowUtc, IReadOnlyCollection<Guid> skip, int limit, CancellationToken ct)
    {
        var ids = skip.ToList();
        return db.Outbox.AsNoTracking()
            .Where(o => (o.State == OutboxState.Pending || o.State == OutboxState.Held || o.State == OutboxState.Failed) && o.NotBeforeUtc <= nowUtc)
            .Where(o => !ids.Contains(o.Id))
            .OrderBy(o => o.Priority).ThenBy(o => o.NotBeforeUtc).ThenBy(o => o.CreatedAtUtc)
            .Take(limit)
            .ToListAsync(ct);
    }

    /// <summary>The recipients' preferences, consents and active chats, and their schools' time zones and rules, for a batch: five queries.</summary>
    public async Task<(Dictionary<Guid, RecipientFacts> Facts, Dictionary<Guid, TimeZoneInfo> Zones)> FactsAsync(IReadOnlyList<OutboxMessage> rows, DateTime nowUtc,
        CancellationToken ct)
    {
        var people = rows.Select(r => r.RecipientId).Distinct().ToList();
        var links = await db.ChatLinks.AsNoTracking().Where(l => l.IsActive && people.Contains(l.PersonId)).ToListAsync(ct);
        var prefs = await db.Preferences.AsNoTracking().Where(p => people.Contains(p.PersonId)).ToListAsync(ct);
        var guardians = rows.Where(r => r.RecipientKind == RecipientKind.Guardian).Select(r => r.RecipientId).Distinct().ToList();
        var consents = guardians.Count == 0 ? [] : await db.Consents.AsNoTracking().Where(c => guardians.Contains(c.GuardianId)).ToListAsync(ct);
        var zones = (await db.Schools.AsNoTracking().Select(s => new { s.Id, s.TimeZone }).ToListAsync(ct))
            .ToDictionary(s => s.Id, s => SchoolTime.Resolve(s.TimeZone));
        var schoolRules = await rules.ForSchoolsAsync(rows.Select(r => r.SchoolId).ToList(), ct);
        // Students get messages of their own from the grade their school's rules say (ADR 0035): their class's grade today.
        var students = rows.Where(r => r.RecipientKind == RecipientKind.Student).Select(r => r.RecipientId).Distinct().ToList();
        var day = DateOnly.FromDateTime(nowUtc).AddDays(-1); // enrolments that cover the school-local today in every zone cover this day or the next
        var grades = students.Count == 0 ? [] : (await db.Enrolments.AsNoTracking()
                .Where(e => students.Contains(e.StudentId) && e.From <= day.AddDays(2) && (e.To == null || e.To >= day))
                .Join(db.Classes, e => e.ClassId, k => k.Id, (e, k) => new { e.StudentId, e.From, e.To, k.Grade }).ToListAsync(ct));

        var facts = new Dictionary<Guid, RecipientFacts>();
        foreach (var row in rows)
        {
            var kind = DeliveryRules.PersonKindOf(row.RecipientKind);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zones.GetValueOrDefault(row.SchoolId) ?? SchoolTime.Resolve(null)));
            facts[row.Id] = new RecipientFacts(
                prefs.FirstOrDefault(p => p.PersonId == row.RecipientId && p.Kind == kind),
                consents.Any(c => c.GuardianId == row.RecipientId && c.IsInForce(today)),
                links.Where(l => l.PersonId == row.RecipientId && l.Kind == kind).ToList(),
                schoolRules[row.SchoolId],
                row.RecipientKind == RecipientKind.Student
                    ? grades.Where(g => g.StudentId == row.RecipientId && g.From <= today && (g.To == null || g.To >= today)).Select(g => (int?)g.Grade).FirstOrDefault()
                    : null);
        }

        return (facts, zones);
    }

    /// <summary>Takes a waiting row for sending; false when it is no longer waiting (cancelled by an undo, taken by another sender).</summary>
    public async Task<bool> ClaimAsync(Guid id, CancellationToken ct) =>
        await db.Outbox.Where(o => o.Id == id && (o.State == OutboxState.Pending || o.State == OutboxState.Held || o.State == OutboxState.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Sending), ct) == 1;

    /// <param name="viberToken">Viber's <c>message_token</c> when the row went in Viber (its <c>seen</c> is then traced to the row).</param>
    public Task SentAsync(Guid id, int attempts, DateTime nowUtc, CancellationToken ct, string? viberToken = null) =>
        db.Outbox.Where(o => o.Id == id && o.State == OutboxState.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Sent).SetProperty(o => o.SentAtUtc, nowUtc)
                .SetProperty(o => o.Attempts, attempts).SetProperty(o => o.LastError, (string?)null)
                .SetProperty(o => o.ViberToken, viberToken is { Length: <= OutboxMessage.MaxTokenLength } ? viberToken : null), ct);

    public Task FailedAsync(Guid id, int attempts, bool dead, string error, DateTime retryAtUtc, CancellationToken ct) =>
        db.Outbox.Where(o => o.Id == id && o.State == OutboxState.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, dead ? OutboxState.Dead : OutboxState.Failed)
                .SetProperty(o => o.Attempts, attempts).SetProperty(o => o.LastError, OutboxMessage.Trim(error)).SetProperty(o => o.NotBeforeUtc, retryAtUtc), ct);

    public Task HoldAsync(Guid id, DateTime untilUtc, string reason, CancellationToken ct) =>
        db.Outbox.Where(o => o.Id == id && (o.State == OutboxState.Pending || o.State == OutboxState.Held || o.State == OutboxState.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Held).SetProperty(o => o.NotBeforeUtc, untilUtc)
                .SetProperty(o => o.LastError, OutboxMessage.Trim(reason)), ct);

    /// <summary>Cancels waiting rows that share a reason in one UPDATE (a batch of families without a chat or a consent).</summary>
    public Task<int> CancelAsync(IReadOnlyCollection<Guid> ids, string reason, CancellationToken ct)
    {
        var list = ids.ToList();
        return db.Outbox.Where(o => list.Contains(o.Id) && (o.State == OutboxState.Pending || o.State == OutboxState.Held || o.State == OutboxState.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Cancelled).SetProperty(o => o.LastError, OutboxMessage.Trim(reason)), ct);
    }

    public Task CancelAsync(Guid id, string reason, CancellationToken ct) =>
        db.Outbox.Where(o => o.Id == id && (o.State == OutboxState.Pending || o.State == OutboxState.Held || o.State == OutboxState.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Cancelled).SetProperty(o => o.LastError, OutboxMessage.Trim(reason)), ct);
}
