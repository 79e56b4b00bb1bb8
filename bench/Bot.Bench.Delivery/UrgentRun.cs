using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace Bot.Bench.Delivery;

/// <summary>
/// The urgent whole-school announcement of hardening on the run's copy of the school: two thirds of the families made
/// unreachable, the announcement posted as a director posts it in the panel, and its delivery read back from the outbox.
/// </summary>
internal static class UrgentRun
{
    public const string Text = "Увага! Завтра, 21 травня, уроків не буде: у школі немає світла. Дистанційні уроки — за розкладом.";

    public sealed record Result(int Sent, double Seconds, double FromStart, double Rate, int DiariesBefore);

    /// <summary>A third of the guardians lose their chat (inactive link), another third their consent; returns their ids.</summary>
    public static async Task<HashSet<Guid>> MakeTwoThirdsUnreachableAsync(string connection)
    {
        await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
        // By id: random, so the unreachable families are spread through the outbox as in a real school's order.
        var guardians = await db.Guardians.AsNoTracking().OrderBy(g => g.Id).Select(g => g.Id).ToListAsync();
        var noChat = guardians.Where((_, i) => i % 3 == 1).ToList();
        var noConsent = guardians.Where((_, i) => i % 3 == 2).ToList();
        foreach (var chunk in noChat.Chunk(500))
            await db.ChatLinks.Where(l => chunk.Contains(l.PersonId)).ExecuteUpdateAsync(u => u.SetProperty(l => l.IsActive, false));
        foreach (var chunk in noConsent.Chunk(500))
            await db.Consents.Where(c => chunk.Contains(c.GuardianId)).ExecuteDeleteAsync();
        return [.. noChat, .. noConsent];
    }

    /// <summary>The director posts an urgent announcement to the whole school; returns its rows.</summary>
    public static async Task<int> PostAnnouncementAsync(string connection, TimeProvider clock)
    {
        await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
        var school = await db.Schools.AsNoTracking().Select(s => s.Id).FirstAsync();
        var director = new Staff(school, "Коваленко", "Олена", "Петрівна", StaffRoles.Administrator);
        db.Staff.Add(director);
        await db.SaveChangesAsync();
        var posted = await new AnnouncementService(db, clock).PostAsync(Actor.For(director, Bot.Domain.Audit.Channel.Web), school,
            new AnnouncementInput(AnnouncementAudience.School, null, null, Text, Urgent: true));
        return posted.GetValueOrThrow().Recipients;
    }

    /// <summary>
    /// "Клас в укритті" for the whole school (ADR 0044), pressed by the director: one urgent row per family of every class,
    /// written with the day changes in one transaction. Returns the shelter's rows.
    /// </summary>
    public static async Task<int> ShelterAsync(string connection, TimeProvider clock)
    {
        await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
        var school = await db.Schools.AsNoTracking().Select(s => s.Id).FirstAsync();
        var director = new Staff(school, "Коваленко", "Олена", "Петрівна", StaffRoles.Administrator);
        db.Staff.Add(director);
        await db.SaveChangesAsync();
        var outcome = await new Bot.Domain.Timetable.ShelterService(db, clock).EnterAsync(Actor.For(director, Bot.Domain.Audit.Channel.Web), school, null);
        outcome.GetValueOrThrow();
        return await db.Outbox.CountAsync(o => o.Kind == NotificationKind.ShelterNotice);
    }

    /// <summary>Due rows whose recipient can be reached: what the fake should receive.</summary>
    public static async Task<int> ReachableDueAsync(string connection, HashSet<Guid> unreachable)
    {
        await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
        var due = await db.Outbox.AsNoTracking().Where(o => o.State == OutboxState.Pending).Select(o => o.RecipientId).ToListAsync();
        return due.Count(r => !unreachable.Contains(r));
    }

    /// <summary>The announcement's rows as sent: the rate between its first and last message, and diaries that went before its last.</summary>
    public static async Task<Result> ReportAsync(string connection, DateTime startedAtUtc, NotificationKind kind = NotificationKind.Announcement)
    {
        await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
        var sent = await db.Outbox.AsNoTracking().Where(o => o.State == OutboxState.Sent)
            .Select(o => new { o.Kind, o.Priority, At = o.SentAtUtc!.Value }).ToListAsync();
        var urgent = sent.Where(o => o.Kind == kind && o.Priority == OutboxPriority.Urgent).Select(o => o.At).Order().ToList();
        if (urgent.Count < 2) return new Result(urgent.Count, 0, 0, 0, 0);
        var seconds = (urgent[^1] - urgent[0]).TotalSeconds;
        var diariesBefore = sent.Count(o => o.Kind == NotificationKind.DailyDiary && o.At < urgent[^1]);
        return new Result(urgent.Count, seconds, (urgent[^1] - startedAtUtc).TotalSeconds, (urgent.Count - 1) / seconds, diariesBefore);
    }
}
