using System.Globalization;
using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Host.Delivery;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Jobs;

/// <summary>
/// The audit head anchored in the director's chat (ADR 0037 decision 3): once a week, from <see cref="Day"/>
/// <see cref="At"/> school-local, each director (a staff member with the administrator's role) who has a linked chat gets
/// one message through the outbox with the school's head — the last sealed record's number, hash and time — and the last
/// check's verdict (<see cref="AuditHeadNotice"/>). Nobody else gets it; a school without a linked director or without a
/// sealed record gets nothing. Runs every quarter hour like the staff digests (ADR 0022): each school at its own local
/// time, and a process that was down catches up later that day; the key (director, week) makes every later run write nothing.
/// </summary>
public sealed class AuditHeadJob(JournalDbContext db, AuditVerifier verifier, TimeProvider clock, OutboxSignal signal, ILogger<AuditHeadJob> log)
{
    public const string Id = "audit-head-weekly";
    public const string Cron = "*/15 * * * *";

    /// <summary>The day of the week the head goes, school-local: the start of the school week.</summary>
    public const DayOfWeek Day = DayOfWeek.Monday;

    /// <summary>
    /// The time, school-local: after the default quiet hours end (07:30), before the first lesson, so the message is
    /// not held and is seen at the start of the week.
    /// </summary>
    public static readonly TimeOnly At = new(8, 0);

    /// <summary>At most this many characters of the last check's first problem are quoted in the message.</summary>
    private const int ProblemLength = 300;

    public static string Key(Guid directorId, DateOnly monday) => $"{NotificationKind.AuditHead}:{directorId:N}:{monday:yyyyMMdd}";

    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var rows = new List<OutboxMessage>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var school in await db.Schools.AsNoTracking().ToListAsync(ct))
        {
            var local = SchoolTime.LocalNow(clock, school.TimeZone);
            if (local.DayOfWeek != Day || !StaffDigestJobs.Passed(local, At)) continue;
            var monday = SchoolCalendar.MondayOf(DateOnly.FromDateTime(local));
            var directors = (await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).Select(s => new { s.Id, s.Roles }).ToListAsync(ct))
                .Where(s => s.Roles.HasFlag(StaffRoles.Administrator)).Select(s => s.Id).ToList();
            if (directors.Count == 0) continue;
            var linked = await db.ChatLinks.AsNoTracking().Where(l => l.IsActive && l.Kind == PersonKind.Staff && directors.Contains(l.PersonId))
                .Select(l => l.PersonId).Distinct().ToListAsync(ct);
            var keys = linked.ToDictionary(d => Key(d, monday));
            var keyList = keys.Keys.ToList();
            var done = (await db.Outbox.AsNoTracking().Where(o => o.SchoolId == school.Id && keyList.Contains(o.IdempotencyKey))
                .Select(o => o.IdempotencyKey).ToListAsync(ct)).ToHashSet();
            if (keys.Keys.All(done.Contains)) continue;

            var head = await verifier.HeadAsync(school.Id, ct);
            if (head.Sequence == 0) continue; // nothing sealed yet: nothing to anchor
            var zone = SchoolTime.Resolve(school.TimeZone);
            var last = (await verifier.StatusAsync(school.Id, ct)).Last;
            var problem = last?.Problem?.Split('\n')[0];
            if (problem is { Length: > ProblemLength }) problem = problem[..ProblemLength] + "…";
            var payload = new AuditHeadPayload(head.Sequence, head.Hash, Local(head.AtUtc ?? now, zone),
                last?.CheckedAtUtc is null ? null : last.IsIntact, last?.CheckedAtUtc is { } checkedAt ? Local(checkedAt, zone) : null,
                last is { IsIntact: false } ? problem : null);
            rows.AddRange(keys.Where(k => !done.Contains(k.Key)).Select(k =>
                new OutboxMessage(school.Id, k.Key, RecipientKind.Staff, k.Value, NotificationKind.AuditHead, OutboxPayloads.Serialize(payload), now, now)));
        }

        var written = await new OutboxWriter(db).AddNewAsync(rows, ct);
        await db.SaveChangesAsync(ct);
        if (written > 0) signal.Notify();
        log.LogInformation("Jobs: audit head to the directors: {Written} new of {Composed}", written, rows.Count);
        return written;
    }

    private static string Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
}
