using Bot.Domain.Archive;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Printing;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Archive;

/// <summary>
/// Closing a school year (J-14; seeds 000, 002): one PDF/A snapshot per class of the year, read back with pdftotext, its
/// SHA-256 matching its bytes, the audit chain's head at closing recorded, kept five years; the closing audited in an
/// intact chain; refusals in Ukrainian (not the director, not ended without confirmation, already closed); and after it,
/// a change through JournalService refused with nothing changed.
/// </summary>
public abstract class YearArchiveTests : IAsyncLifetime
{
    /// <summary>After the ІІ semester (30 May) and the corrected marks' deadline (10 June, M-7): the year may be closed.</summary>
    public static readonly DateTimeOffset AfterTheYear = new(2027, 6, 20, 9, 0, 0, TimeSpan.Zero);

    public static readonly Actor Director = new(null, "Гребенюк О. А.", StaffRoles.Administrator, Channel.Web);

    private PrintScenario _scenario = null!;
    protected TestSchool S => _scenario.S;
    protected TestDatabase Database => _scenario.Database;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _scenario = await PrintScenario.CreateAsync(await CreateDatabaseAsync());

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    /// <summary>Asks and runs the closing as the panel and its job would, each in its own context.</summary>
    public static async Task<Bot.Domain.Result<YearClosing>> CloseAsync(TestDatabase database, TimeProvider clock, Guid yearId, Actor? by = null, bool early = false)
    {
        Bot.Domain.Result<YearClosing> requested;
        await using (var db = database.NewContext()) requested = await new YearArchiveService(db, clock).RequestAsync(by ?? Director, yearId, early);
        if (!requested.IsSuccess) return requested;
        await using (var db = database.NewContext()) await new YearArchiveService(db, clock).RunAsync(requested.Value!.Id);
        return requested;
    }

    [Fact]
    public async Task Closing_WritesOneReadableSnapshotPerClass_WithItsSha256_AndTheAuditHead_J14()
    {
        S.Clock.SetUtcNow(AfterTheYear);
        AuditChainHead headBefore;
        await Database.SealAsync(); // as the sealer would have by then (ADR 0037)
        await using (var db = Database.NewContext()) headBefore = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.SchoolId == S.School.Id);

        var closing = await CloseAsync(Database, S.Clock, S.Year.Id);
        Assert.True(closing.IsSuccess, closing.IsSuccess ? "" : closing.Error.Message);

        await using var check = Database.NewContext();
        var snapshots = await check.ArchivedJournals.AsNoTracking().Where(j => j.SchoolYearId == S.Year.Id).ToListAsync();
        Assert.Equal(["1-А", "11-А", "3-А", "7-А"], snapshots.Select(j => j.ClassName).Order(StringComparer.Ordinal));
        foreach (var j in snapshots)
        {
            Assert.Equal(ArchivedJournal.HashOf(j.Content), j.Sha256);
            Assert.Equal(j.Content.LongLength, j.Bytes);
            Assert.Equal((headBefore.LastSequence, headBefore.LastHash), (j.AuditHeadSequence, j.AuditHeadHash));
            Assert.Equal(new DateOnly(2032, 6, 20), j.KeepUntil);
            Assert.Equal("Гребенюк О. А.", j.ClosedBy);
            Assert.Equal($"журнал-{j.ClassName}-2026-2027.pdf", j.FileName);
        }

        using (var pdf = new PdfFile(snapshots.Single(j => j.ClassName == "7-А").Content))
        {
            var text = await pdf.TextAsync();
            Assert.Contains("7-А", text);
            Assert.Contains("2026-2027", text);
            Assert.Contains("Іваненко Олег", text);
            Assert.Contains("Яковенко Софія", text);
            Assert.Contains("Тема 3. Системи лінійних рівнянь", text);
            Assert.Contains("11", text); // Іваненко's mark of 18.11
            Assert.Equal(snapshots.Single(j => j.ClassName == "7-А").Pages, await pdf.PageCountAsync());
            var info = await pdf.InfoAsync();
            Assert.Contains("Класний журнал 7-А", info["Title"]);
            Assert.True(await pdf.InkAsync(1) > 0.001);
            if (Environment.GetEnvironmentVariable("PRINT_KEEP") is { Length: > 0 } keep)
                File.Copy(await pdf.RenderAsync(3, 80), Path.Combine(keep, "archive-7A-p3.png"), overwrite: true);
        }

        using (var pdf = new PdfFile(snapshots.Single(j => j.ClassName == "11-А").Content))
            Assert.Contains("Лисенко Дмитро", await pdf.TextAsync());

        var year = await check.SchoolYears.AsNoTracking().SingleAsync(y => y.Id == S.Year.Id);
        Assert.True(year.IsClosed);
        var run = await check.YearClosings.AsNoTracking().SingleAsync();
        Assert.Equal((YearClosingState.Done, 4, 4, false), (run.State, run.Done, run.Total, run.Early));

        await Database.SealAsync();
        var audit = await check.AuditRecords.AsNoTracking().Where(r => r.SchoolId == S.School.Id).InWrittenOrderDescending().FirstAsync();
        Assert.Equal((nameof(Bot.Domain.Schools.SchoolYear), S.Year.Id, headBefore.LastSequence + 1), (audit.EntityType, audit.EntityId, audit.Sequence));
        Assert.Contains("закрито й архівовано; журналів: 4", audit.NewValue);
        Assert.True((await new AuditVerifier(check).VerifyAsync(S.School.Id)).IsIntact);
    }

    /// <summary>
    /// ADR 0037, amendment: a mark written just before the closing, whose record the sealer has not chained yet, is inside
    /// the head the archive records — the closing seals the school's pending records (with the installation's key) first.
    /// </summary>
    [Fact]
    public async Task Closing_SealsThePendingRecordsFirst_SoTheRecordedHeadCoversEveryRecordOfTheYear()
    {
        S.Clock.SetUtcNow(AfterTheYear);
        var key = AuditKey.Generate();
        await Database.SealAsync(key);
        long sealedBefore;
        await using (var db = Database.NewContext())
        {
            sealedBefore = (await db.AuditHeads.AsNoTracking().SingleAsync(h => h.SchoolId == S.School.Id)).LastSequence;
            var lesson = await db.Lessons.AsNoTracking().FirstAsync(l => l.ClassId == S.Class7A.Id && l.SubjectId == S.Algebra.Id);
            (await S.Journal(db).SetCellAsync(Actor.System(), new CellInput(S.Petrenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Current, "12", LessonId: lesson.Id,
                Reason: "Виправлено")))
                .GetValueOrThrow();
        }

        await using (var db = Database.NewContext())
            Assert.True(await db.AuditRecords.AnyAsync(r => r.SchoolId == S.School.Id && r.Sequence == 0), "the mark's record waits for the sealer");

        Guid closingId;
        await using (var db = Database.NewContext())
            closingId = (await new YearArchiveService(db, S.Clock, key).RequestAsync(Director, S.Year.Id, false)).GetValueOrThrow().Id;
        await using (var db = Database.NewContext())
            await new YearArchiveService(db, S.Clock, key).RunAsync(closingId);

        await using var check = Database.NewContext();
        var markRecord = await check.AuditRecords.AsNoTracking()
            .SingleAsync(r => r.SchoolId == S.School.Id && r.StudentId == S.Petrenko.Id && r.NewValue == "12" && r.Reason == "Виправлено");
        Assert.Equal(sealedBefore + 1, markRecord.Sequence);
        var heads = await check.ArchivedJournals.AsNoTracking().Where(j => j.SchoolYearId == S.Year.Id)
            .Select(j => new { j.AuditHeadSequence, j.AuditHeadHash }).Distinct().ToListAsync();
        var head = Assert.Single(heads);
        Assert.Equal((markRecord.Sequence, markRecord.Hash), (head.AuditHeadSequence, head.AuditHeadHash));
        // Only the closing's own record comes after the head.
        Assert.Equal(["SchoolYear"], await check.AuditRecords.AsNoTracking()
            .Where(r => r.SchoolId == S.School.Id && (r.Sequence == 0 || r.Sequence > head.AuditHeadSequence)).Select(r => r.EntityType).ToListAsync());
    }

    [Fact]
    public async Task AfterClosing_AMarkThroughJournalService_IsRefusedInUkrainian_AndNothingChanges()
    {
        S.Clock.SetUtcNow(AfterTheYear);
        Assert.True((await CloseAsync(Database, S.Clock, S.Year.Id)).IsSuccess);
        int marks;
        long audit;
        await using (var db = Database.NewContext()) (marks, audit) = (await db.Marks.CountAsync(), await db.AuditRecords.LongCountAsync());

        await using (var db = Database.NewContext())
        {
            var lesson = await db.Lessons.AsNoTracking().FirstAsync(l => l.ClassId == S.Class7A.Id && l.SubjectId == S.Algebra.Id);
            var refused = await S.Journal(db).SetCellAsync(Actor.System(),
                new CellInput(S.Petrenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Current, "12", LessonId: lesson.Id));
            Assert.False(refused.IsSuccess);
            Assert.Equal("year.closed", refused.Error.Code);
            Assert.Contains("навчальний рік закрито й архівовано", refused.Error.Message);
        }

        await using (var db = Database.NewContext())
            Assert.Equal((marks, audit), (await db.Marks.CountAsync(), await db.AuditRecords.LongCountAsync()));
    }

    [Fact]
    public async Task Closing_IsRefused_ForATeacherOrDeputy_BeforeTheYearEnds_AndTwice()
    {
        await using (var db = Database.NewContext())
        {
            var service = new YearArchiveService(db, S.Clock);
            var deputy = await service.RequestAsync(S.As(S.Deputy), S.Year.Id, confirmedEarly: true);
            Assert.Equal(YearArchiveService.CloseRights.Code, deputy.Error!.Code);
            var early = await service.RequestAsync(Director, S.Year.Id, confirmedEarly: false);
            Assert.Equal("archive.not_ended", early.Error!.Code);
            Assert.Contains("ще не закінчився", early.Error!.Message);
        }

        // 10 June is still the corrected marks' day (M-7): without the confirmation it is too early.
        S.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 10, 9, 0, 0, TimeSpan.Zero));
        await using (var db = Database.NewContext())
            Assert.Equal("archive.not_ended", (await new YearArchiveService(db, S.Clock).RequestAsync(Director, S.Year.Id, false)).Error!.Code);
        await using (var db = Database.NewContext())
            Assert.Empty(await db.YearClosings.ToListAsync());

        // With the confirmation a year may be closed early; the closing says so.
        var closed = await CloseAsync(Database, S.Clock, S.Year.Id, early: true);
        Assert.True(closed.IsSuccess);
        await using (var db = Database.NewContext())
        {
            Assert.True((await db.YearClosings.SingleAsync()).Early);
            Assert.Contains("до кінця навчального року", (await db.AuditRecords.InWrittenOrderDescending().FirstAsync()).Reason);
            var again = await new YearArchiveService(db, S.Clock).RequestAsync(Director, S.Year.Id, true);
            Assert.Equal("archive.closed", again.Error!.Code);
            Assert.Equal(4, await db.ArchivedJournals.CountAsync());
        }
    }
}

public sealed class YearArchiveTestsOnSqlite : YearArchiveTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class YearArchiveTestsOnPostgres(PostgresServer server) : YearArchiveTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
