using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Printing;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Archive;

/// <summary>
/// Closing a school year (J-14; seeds 000, 002: archived and kept five years). An administrator asks
/// (<see cref="RequestAsync"/>: the rules are checked and a <see cref="YearClosing"/> row is queued); a job runs it
/// (<see cref="RunAsync"/>): every class journal of the year rendered as PDF/A over the whole year, then, in one
/// transaction, the snapshots with their SHA-256 and the audit chain's head, the year marked closed and the closing
/// audited. A journal changed while the snapshots were being written (the chain's head moved) is rendered again.
/// ADR 0023. The head recorded covers every record of the year: the school's records still waiting for the sealer are
/// sealed first (with <paramref name="key"/>, the installation's audit key), and a closing that finds unsealed records
/// when it commits renders again (ADR 0037, amendment).
/// </summary>
public sealed class YearArchiveService(JournalDbContext db, TimeProvider clock, AuditKey? key = null)
{
    /// <summary>How long the closing waits for records it cannot seal yet (on PostgreSQL, of transactions still running).</summary>
    private static readonly TimeSpan SealWait = TimeSpan.FromSeconds(5);

    /// <summary>Rendering again because the journal changed meanwhile is tried this many times before the closing fails.</summary>
    private const int Attempts = 3;

    public static readonly DomainError CloseRights =
        new("archive.rights", "Закрити навчальний рік може лише адміністратор школи (директор).");

    public static readonly DomainError AlreadyUnderWay =
        new("archive.running", "Цей рік уже закривається: зачекайте, доки будуть записані всі журнали.");

    public static DomainError NotEnded(SchoolYear year) => new("archive.not_ended",
        $"{year.Title} навчальний рік ще не закінчився (ІІ семестр — до {year.EndsOn:dd.MM.yyyy}, скориговані оцінки — до {year.Corrected2Deadline:dd.MM.yyyy}). " +
        "Закрити його раніше можна, лише підтвердивши, що журнал більше не змінюватиметься.");

    public static bool MayClose(Actor actor) => actor.IsSystem || actor.Is(StaffRoles.Administrator);


    /// <summary>Whether the year may be closed today: not closed yet, and ended (or closed early with <paramref name="confirmedEarly"/>).</summary>
    public static Result<bool> Check(SchoolYear year, DateOnly today, bool confirmedEarly)
    {
        var open = year.EnsureOpen();
        if (!open.IsSuccess) return new DomainError("archive.closed", $"{year.Title} навчальний рік уже закрито й архівовано.");
        if (today <= year.LastChangeDay && !confirmedEarly) return NotEnded(year);
        return true;
    }

    /// <summary>Queues the closing of a year: refused, with a Ukrainian message, for someone other than an administrator,
    /// a closed year, a year not yet ended without the confirmation, or while another closing of it is under way.</summary>
    public Task<Result<YearClosing>> RequestAsync(Actor actor, Guid yearId, bool confirmedEarly, CancellationToken ct = default) =>
        db.WriteAsync<Result<YearClosing>>(async c =>
        {
            if (!MayClose(actor)) return CloseRights;
            var year = await db.SchoolYears.FirstOrDefaultAsync(y => y.Id == yearId, c);
            if (year is null) return JournalErrors.NotFound("Навчальний рік");
            var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == year.SchoolId, c);
            var now = UtcNow;
            var today = SchoolTime.Today(clock, school.TimeZone);
            var allowed = Check(year, today, confirmedEarly);
            if (!allowed.IsSuccess) return allowed.Error;
            var running = await db.YearClosings.AsNoTracking().Where(r => r.SchoolYearId == yearId).ToListAsync(c);
            if (running.Any(r => r.IsUnderWay(now))) return AlreadyUnderWay;
            var closing = new YearClosing(year.SchoolId, year.Id, actor.StaffId, actor.Name, today <= year.LastChangeDay, now);
            db.YearClosings.Add(closing);
            await db.SaveChangesAsync(c);
            return closing;
        }, ct);

    /// <summary>
    /// Runs a queued closing: safe to run twice (a closed year only finishes the row). Progress is saved after each class
    /// so the panel can show it; a failure is recorded on the row for the administrator and rethrown.
    /// </summary>
    public async Task RunAsync(Guid closingId, CancellationToken ct = default)
    {
        var closing = await db.YearClosings.AsNoTracking().FirstOrDefaultAsync(r => r.Id == closingId, ct)
            ?? throw new InvalidOperationException($"No year closing {closingId}.");
        if (closing.State is YearClosingState.Done or YearClosingState.Failed) return;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await SealPendingAsync(closing.SchoolId, ct);
                var head = await HeadAsync(closing.SchoolId, ct);
                var snapshots = await RenderAsync(closing, ct);
                if (await CommitAsync(closing.Id, head, snapshots, ct)) break;
                if (attempt == Attempts)
                    throw new InvalidOperationException($"The journal kept changing while the snapshots were written ({Attempts} attempts).");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            var failed = await db.YearClosings.FirstAsync(r => r.Id == closingId, CancellationToken.None);
            failed.Fail(ex.Message, UtcNow);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }

    private sealed record Snapshot(Guid ClassId, string ClassName, string FileName, byte[] Content, int Pages);

    /// <summary>Seals the school's records written so far, waiting a little for those not sealable yet.</summary>
    private async Task SealPendingAsync(Guid schoolId, CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await AuditSealing.SealSchoolAsync(db, schoolId, key, ct) > 0 && waited.Elapsed < SealWait)
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
    }

    private async Task<(long Sequence, string Hash)> HeadAsync(Guid schoolId, CancellationToken ct)
    {
        var head = await db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.SchoolId == schoolId, ct);
        return (head?.LastSequence ?? 0, head?.LastHash ?? AuditChain.GenesisHash);
    }

    /// <summary>Every class journal of the year over the whole year, PDF/A (none when the year is closed already).</summary>
    private async Task<List<Snapshot>> RenderAsync(YearClosing closing, CancellationToken ct)
    {
        var year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == closing.SchoolYearId, ct);
        if (year.IsClosed) return [];
        var classes = (await db.Classes.AsNoTracking().Where(k => k.SchoolYearId == year.Id).ToListAsync(ct))
            .OrderBy(k => k.Name.SortKey, StringComparer.Ordinal).ToList();
        var queries = new DiaryQueries(db, clock);
        var snapshots = new List<Snapshot>(classes.Count);
        await ProgressAsync(closing.Id, 0, classes.Count, ct);
        foreach (var cls in classes)
        {
            var journal = (await queries.ClassJournalAsync(cls.Id, "year", ct: ct)).GetValueOrThrow();
            using (var book = ClassJournalPdf.Build(journal, clock.GetUtcNow(), archive: true))
            {
                var bytes = book.ToBytes();
                snapshots.Add(new Snapshot(cls.Id, journal.ClassName, $"журнал-{journal.ClassName}-{year.Title}.pdf", bytes, book.Pages.Count));
            }

            await ProgressAsync(closing.Id, snapshots.Count, classes.Count, ct);
        }

        return snapshots;
    }

    /// <summary>Saves how far the closing has got, for the panel; the journals read so far are not kept tracked.</summary>
    private async Task ProgressAsync(Guid closingId, int done, int total, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var closing = await db.YearClosings.FirstAsync(r => r.Id == closingId, ct);
        closing.Progress(done, total, UtcNow);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The snapshots, the closed year and the closing's audit record in one transaction — unless the audit chain moved past
    /// <paramref name="head"/> while they were rendered (false: render again).
    /// </summary>
    private Task<bool> CommitAsync(Guid closingId, (long Sequence, string Hash) head, List<Snapshot> snapshots, CancellationToken ct) =>
        db.WriteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            var closing = await db.YearClosings.FirstAsync(r => r.Id == closingId, c);
            if (await HeadAsync(closing.SchoolId, c) != head) return false;
            // A record written (and not sealed) since the head was taken: the head would not cover it. Render again.
            if (await db.AuditRecords.AnyAsync(r => r.SchoolId == closing.SchoolId && r.Sequence == 0, c)) return false;
            var year = await db.SchoolYears.FirstAsync(y => y.Id == closing.SchoolYearId, c);
            var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == year.SchoolId, c);
            var now = UtcNow;
            var today = SchoolTime.Today(clock, school.TimeZone);
            if (!year.IsClosed)
            {
                foreach (var s in snapshots)
                    db.ArchivedJournals.Add(new ArchivedJournal(year.SchoolId, year.Id, s.ClassId, s.ClassName, s.FileName, s.Content, s.Pages,
                        head.Sequence, head.Hash, closing.RequestedBy, now, today));
                year.Close(now);
                var actor = new Actor(closing.RequestedById, closing.RequestedBy, StaffRoles.Administrator, closing.RequestedById is null ? Channel.System : Channel.Web);
                db.Audit(new AuditRecord(year.SchoolId, now, actor.StaffId, actor.Name, actor.Channel, nameof(SchoolYear), year.Id, AuditAction.Changed,
                    "відкрито", $"закрито й архівовано; журналів: {snapshots.Count}; журнал змін до запису №{head.Sequence}",
                    closing.Early ? "закрито до кінця навчального року за підтвердженням адміністратора" : null,
                    $"{year.Title} навчальний рік · архів"));
            }

            closing.Finish(now);
            await db.SaveChangesAsync(c);
            return true;
        }, ct);

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
}
