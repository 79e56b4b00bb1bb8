using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Talk;

/// <summary>A month's messages the school sent over Viber: inside a family's free 24-hour session, and outside it (paid).</summary>
public sealed record ViberMonth(DateOnly Month, int Free, int Paid);

/// <summary>
/// Viber's sessions (ADR 0049): a person who writes to the bot opens a 24-hour session in which the bot's messages to them are
/// free; a message outside one is paid by the school. A conversation's answer or notice to the family (kinds
/// <see cref="NotificationKind.StaffAnswer"/>, <see cref="NotificationKind.TalkStatus"/>) that went over Viber within 24 hours
/// after the family's own message in that thread is counted free; every other row sent over Viber — the school's own
/// initiative, or an answer after the session closed — paid. A row went over Viber when it kept Viber's message token.
/// </summary>
public static class ViberSessions
{
    public static readonly TimeSpan Session = TimeSpan.FromHours(24);

    /// <summary>The school's Viber messages sent in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), free and paid.</summary>
    public static async Task<(int Free, int Paid)> CountAsync(JournalDbContext db, Guid schoolId, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        var rows = await db.Outbox.AsNoTracking()
            .Where(o => o.SchoolId == schoolId && o.State == OutboxState.Sent && o.ViberToken != null && o.SentAtUtc >= fromUtc && o.SentAtUtc < toUtc)
            .Select(o => new { o.Kind, o.RecipientKind, o.SourceId, o.SentAtUtc }).ToListAsync(ct);
        var talk = rows.Where(r => r.SourceId != null && r.RecipientKind != RecipientKind.Staff
            && (r.Kind == NotificationKind.StaffAnswer || r.Kind == NotificationKind.TalkStatus)).ToList();
        var threads = talk.Select(r => r.SourceId!.Value).Distinct().ToList();
        var since = fromUtc - Session;
        var familyWrote = (await db.TalkMessages.AsNoTracking()
                .Where(m => threads.Contains(m.ThreadId) && !m.FromStaff && m.CreatedAtUtc >= since && m.CreatedAtUtc < toUtc)
                .Select(m => new { m.ThreadId, m.CreatedAtUtc }).ToListAsync(ct))
            .ToLookup(m => m.ThreadId, m => m.CreatedAtUtc);
        var free = talk.Count(r => familyWrote[r.SourceId!.Value].Any(w => w <= r.SentAtUtc && r.SentAtUtc!.Value - w < Session));
        return (free, rows.Count - free);
    }

    /// <summary>The last <paramref name="months"/> school-local months, newest first.</summary>
    public static async Task<List<ViberMonth>> MonthsAsync(JournalDbContext db, Guid schoolId, TimeZoneInfo zone, DateTime nowUtc, int months = 3, CancellationToken ct = default)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone);
        var first = new DateTime(local.Year, local.Month, 1);
        var list = new List<ViberMonth>();
        for (var i = 0; i < months; i++)
        {
            var start = first.AddMonths(-i);
            var (free, paid) = await CountAsync(db, schoolId, TimeZoneInfo.ConvertTimeToUtc(start, zone), TimeZoneInfo.ConvertTimeToUtc(start.AddMonths(1), zone), ct);
            list.Add(new ViberMonth(DateOnly.FromDateTime(start), free, paid));
        }

        return list;
    }
}
