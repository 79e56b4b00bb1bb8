using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Notifications;

/// <summary>An outbox row as the operations page lists it, with its recipient's name.</summary>
public sealed record OutboxRow(Guid Id, NotificationKind Kind, RecipientKind RecipientKind, string Recipient, OutboxState State,
    int Attempts, DateTime CreatedAtUtc, DateTime NotBeforeUtc, DateTime? SentAtUtc, string? LastError);

/// <summary>Chat links of a school by messenger: active ones by whom they stand for, closed ones by why.</summary>
public sealed record LinkCounts(Channel Channel, int Guardians, int Students, int Staff, IReadOnlyDictionary<string, int> ClosedByReason)
{
    public int Active => Guardians + Students + Staff;
    public int Closed => ClosedByReason.Values.Sum();
}

/// <summary>A closed chat link: whose, where, when and why.</summary>
public sealed record ClosedLink(string Person, PersonKind Kind, Channel Channel, DateTime? ClosedAtUtc, string? Reason);

/// <summary>
/// The operator's view of delivery ("Operations"): the school's outbox by state and kind with reasons, dead rows
/// sent again (audited as an administrator's action), and the chat links by messenger with the closed ones and why.
/// </summary>
public sealed class OutboxOperations(JournalDbContext db, TimeProvider clock)
{
    /// <summary>The states an operator looks at, in the order the page shows them (Sent and Cancelled are counted too).</summary>
    public static readonly OutboxState[] States =
        [OutboxState.Pending, OutboxState.Held, OutboxState.Sending, OutboxState.Failed, OutboxState.Dead, OutboxState.Sent, OutboxState.Cancelled];

    public static readonly DomainError Rights = new("auth.operations", "Повторювати надсилання може лише директор або адміністратор школи.");

    public async Task<IReadOnlyDictionary<OutboxState, int>> CountsAsync(Guid schoolId, CancellationToken ct = default) =>
        (await db.Outbox.AsNoTracking().Where(o => o.SchoolId == schoolId).GroupBy(o => o.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
        .ToDictionary(x => x.Key, x => x.Count);

    /// <summary>The latest rows (by when they are due) of a state and kind, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<OutboxRow>> RowsAsync(Guid schoolId, OutboxState? state, NotificationKind? kind, int limit = 200, CancellationToken ct = default)
    {
        var query = db.Outbox.AsNoTracking().Where(o => o.SchoolId == schoolId);
        if (state is { } s) query = query.Where(o => o.State == s);
        if (kind is { } k) query = query.Where(o => o.Kind == k);
        var rows = await query.OrderByDescending(o => o.NotBeforeUtc).ThenByDescending(o => o.CreatedAtUtc).Take(limit).ToListAsync(ct);
        var names = await NamesAsync(rows.Select(r => (r.RecipientKind, r.RecipientId)).ToList(), ct);
        return rows.Select(o => new OutboxRow(o.Id, o.Kind, o.RecipientKind, names.GetValueOrDefault(o.RecipientId, "—"), o.State, o.Attempts,
            o.CreatedAtUtc, o.NotBeforeUtc, o.SentAtUtc, o.LastError)).ToList();
    }

    /// <summary>
    /// Sends a dead row again: it becomes due now with a fresh count of attempts. Audited with the reason it had died
    /// for; a row that is not dead is left as it is and said so.
    /// </summary>
    public Task<Result<OutboxMessage>> RetryAsync(Actor actor, Guid schoolId, Guid rowId, CancellationToken ct = default) =>
        db.WriteAsync<Result<OutboxMessage>>(async c =>
        {
            if (!actor.Is(StaffRoles.Administrator)) return Rights;
            var row = await db.Outbox.FirstOrDefaultAsync(o => o.Id == rowId && o.SchoolId == schoolId, c);
            if (row is null) return JournalErrors.NotFound("Повідомлення");
            var before = $"{OutboxReasons.Title(row.State)}: {OutboxReasons.Describe(row.LastError) ?? "без причини"} (спроб: {row.Attempts})";
            var now = clock.GetUtcNow().UtcDateTime;
            if (!row.Retry(now)) return new DomainError("outbox.not_dead", "Повторити можна лише повідомлення, від якого відмовились (dead).");
            db.Audit(new AuditRecord(schoolId, now, actor.StaffId, actor.Name, actor.Channel, nameof(OutboxMessage), row.Id, AuditAction.Changed,
                before, "очікує: повторне надсилання", null, $"{OutboxReasons.Title(row.Kind)} → {OutboxReasons.Title(row.RecipientKind)}"));
            await db.SaveChangesAsync(c);
            return row;
        }, ct);

    /// <summary>The school's chat links by messenger.</summary>
    public async Task<IReadOnlyList<LinkCounts>> LinkCountsAsync(Guid schoolId, CancellationToken ct = default)
    {
        var rows = await db.ChatLinks.AsNoTracking().Where(l => l.SchoolId == schoolId)
            .GroupBy(l => new { l.Channel, l.Kind, l.IsActive, l.DeactivationReason })
            .Select(g => new { g.Key.Channel, g.Key.Kind, g.Key.IsActive, g.Key.DeactivationReason, Count = g.Count() })
            .ToListAsync(ct);
        return new[] { Channel.Telegram, Channel.Viber }.Concat(rows.Select(r => r.Channel)).Distinct()
            .Select(ch =>
            {
                int Active(PersonKind kind) => rows.Where(r => r.Channel == ch && r.IsActive && r.Kind == kind).Sum(r => r.Count);
                var closed = rows.Where(r => r.Channel == ch && !r.IsActive).GroupBy(r => r.DeactivationReason ?? "—")
                    .OrderByDescending(g => g.Sum(r => r.Count)).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
                return new LinkCounts(ch, Active(PersonKind.Guardian), Active(PersonKind.Student), Active(PersonKind.Staff), closed);
            })
            .ToList();
    }

    /// <summary>The latest closed links, newest first.</summary>
    public async Task<IReadOnlyList<ClosedLink>> ClosedLinksAsync(Guid schoolId, int limit = 50, CancellationToken ct = default)
    {
        var links = await db.ChatLinks.AsNoTracking().Where(l => l.SchoolId == schoolId && !l.IsActive)
            .OrderByDescending(l => l.DeactivatedAtUtc).Take(limit).ToListAsync(ct);
        var names = await NamesAsync(links.Select(l => (Recipient(l.Kind), l.PersonId)).ToList(), ct);
        return links.Select(l => new ClosedLink(names.GetValueOrDefault(l.PersonId, "—"), l.Kind, l.Channel, l.DeactivatedAtUtc, l.DeactivationReason)).ToList();
    }

    private static RecipientKind Recipient(PersonKind kind) => kind switch
    {
        PersonKind.Guardian => RecipientKind.Guardian,
        PersonKind.Student => RecipientKind.Student,
        _ => RecipientKind.Staff,
    };

    private Task<Dictionary<Guid, string>> NamesAsync(IReadOnlyCollection<(RecipientKind Kind, Guid Id)> people, CancellationToken ct)
    {
        List<Guid> Ids(RecipientKind kind) => people.Where(p => p.Kind == kind).Select(p => p.Id).Distinct().ToList();
        return PersonNames.OfAsync(db, Ids(RecipientKind.Guardian), Ids(RecipientKind.Student), Ids(RecipientKind.Staff), ct);
    }
}
