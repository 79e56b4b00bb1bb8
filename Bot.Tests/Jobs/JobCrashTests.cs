using Bot.Domain.Archive;
using Bot.Domain.Audit;
using Bot.Domain.Roster;
using Bot.Host.Jobs;
using Bot.Tests.Archive;
using Bot.Tests.Cluster;
using Bot.Tests.Infrastructure;
using Bot.Tests.Printing;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Jobs;

/// <summary>
/// Durable jobs (ADR 0030): a job in flight survives a crash on the embedded default. The year's closing, enqueued into the
/// jobs' SQLite file, is taken by a real Bot.Host process that is killed (SIGKILL) while it renders the class journals;
/// the next process runs the job again once the interrupted one is visible again, and the archive comes out whole: one
/// snapshot per class, the year closed once, the audit chain intact.
/// </summary>
public sealed class JobCrashTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();
    private void Phase(string what) => output.WriteLine($"{_watch.Elapsed.TotalSeconds:F1} s: {what}");

    private const int ExtraClasses = 12; // with the scenario's four, a closing that takes long enough to be cut in the middle
    private readonly string _jobs = Path.Combine(Path.GetTempPath(), $"jobs-crash-{Guid.NewGuid():N}.db");
    private PrintScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await PrintScenario.CreateAsync(await TestDatabase.SqliteAsync());

    public async Task DisposeAsync()
    {
        await _scenario.DisposeAsync();
        foreach (var f in new[] { _jobs, _jobs + "-wal", _jobs + "-shm" }) File.Delete(f);
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["ConnectionStrings:Journal"] = _scenario.Database.ConnectionString,
        ["Database:Provider"] = "Sqlite",
        ["Host:Roles"] = "jobs",
        ["Audit:KeyPath"] = TestAuditKey.Path, // the sealer's key (ADR 0037), for the check below
        ["Jobs:SqlitePath"] = _jobs,
        ["Jobs:WorkerCount"] = "1",
        // An installation takes an interrupted job again 15 minutes after it was taken, its lock long expired (a minute);
        // the test, seconds — the lock's lifetime still well under the invisibility, or the job's first try meets the
        // dead holder's lock and Hangfire waits a tenth of the job's 600 s lock timeout before it tries again.
        ["Jobs:InvisibilityTimeout"] = "00:00:10",
        ["Jobs:DistributedLockLifetime"] = "00:00:02",
    };

    [Fact]
    public async Task YearClosing_KilledWhileRendering_IsFinishedByTheNextProcess_WithTheArchiveWhole()
    {
        var s = _scenario.S;
        await using (var db = _scenario.Database.NewContext())
        {
            for (var i = 0; i < ExtraClasses; i++)
            {
                var cls = new SchoolClass(s.School.Id, s.Year.Id, ClassName.Parse($"{5 + i % 4}-{"БВГДЕЖ"[i / 4]}").Value);
                db.Add(cls);
                var student = new Student(s.School.Id, "Учень", $"Номер{i:D2}");
                db.Add(student);
                db.Add(new Enrolment(s.School.Id, student.Id, cls.Id, s.Year.Semester1Start, 0, false));
            }

            await db.SaveChangesAsync();
        }

        Guid closingId;
        await using (var db = _scenario.Database.NewContext())
            closingId = (await new YearArchiveService(db, TimeProvider.System).RequestAsync(YearArchiveTests.Director, s.Year.Id, confirmedEarly: true)).GetValueOrThrow().Id;
        var classes = 4 + ExtraClasses;

        await using (var first = HostProcess.Start("A", Settings()))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(120));
            Phase("A ready");
            // Enqueued as the panel does it, into the file the process polls.
            new BackgroundJobClient(new SQLiteStorage(_jobs, new SQLiteStorageOptions())).Enqueue<YearClosingJob>(j => j.RunAsync(closingId, CancellationToken.None));

            await HostProcess.WaitUntilAsync(() => ProgressOf(closingId) is { Done: >= 1 }, TimeSpan.FromSeconds(120), "the closing to be under way");
            Phase($"killing A at {ProgressOf(closingId)!.Done} of {ProgressOf(closingId)!.Total}");
            first.Kill();
        }

        var cut = ProgressOf(closingId)!;
        Assert.True(cut.State is YearClosingState.Running && cut.Done < classes, $"killed at {cut.Done} of {cut.Total} ({cut.State}): not in the middle");
        await using (var db = _scenario.Database.NewContext())
        {
            Assert.Empty(await db.ArchivedJournals.ToListAsync()); // nothing half-written: the snapshots are committed together
            Assert.False((await db.SchoolYears.SingleAsync(y => y.Id == s.Year.Id)).IsClosed);
        }

        await using (var second = HostProcess.Start("B", Settings()))
        {
            await second.WaitReadyAsync(TimeSpan.FromSeconds(120));
            Phase("B ready");
            await HostProcess.WaitUntilAsync(() => ProgressOf(closingId) is { State: YearClosingState.Done }, TimeSpan.FromSeconds(120),
                "the closing to be finished by the next process");
            Phase("closing done by B");
            // Hangfire records the job's success just after the job returns: once, by this process.
            var monitoring = new SQLiteStorage(_jobs, new SQLiteStorageOptions()).GetMonitoringApi();
            await HostProcess.WaitUntilAsync(() => monitoring.GetStatistics().Succeeded >= 1, TimeSpan.FromSeconds(30), "the job to be recorded as succeeded");
            Assert.Equal(1, monitoring.GetStatistics().Succeeded);
            Assert.Equal(0, monitoring.GetStatistics().Failed);
        }

        await using var check = _scenario.Database.NewContext();
        var snapshots = await check.ArchivedJournals.AsNoTracking().Where(j => j.SchoolYearId == s.Year.Id).ToListAsync();
        Assert.Equal(classes, snapshots.Count);
        Assert.Equal(classes, snapshots.Select(j => j.ClassName).Distinct().Count());
        Assert.All(snapshots, j => Assert.Equal(ArchivedJournal.HashOf(j.Content), j.Sha256));
        using (var pdf = new PdfFile(snapshots.Single(j => j.ClassName == "7-А").Content))
            Assert.Contains("Іваненко Олег", await pdf.TextAsync());
        Assert.True((await check.SchoolYears.SingleAsync(y => y.Id == s.Year.Id)).IsClosed);
        var done = ProgressOf(closingId)!;
        Assert.Equal((YearClosingState.Done, classes, classes), (done.State, done.Done, done.Total));
        // Closed once: one audit record of the closing, in an intact chain.
        Assert.Single(await check.AuditRecords.Where(r => r.SchoolId == s.School.Id && r.EntityType == nameof(Bot.Domain.Schools.SchoolYear)
            && r.NewValue != null && r.NewValue.Contains("закрито й архівовано")).ToListAsync());
        var chain = await new AuditVerifier(check, AuditKey.TryLoad(TestAuditKey.Path)).VerifyAsync(s.School.Id);
        Assert.True(chain.IsIntact, chain.Problem);
    }

    private YearClosing? ProgressOf(Guid closingId)
    {
        using var db = _scenario.Database.NewContext();
        return db.YearClosings.AsNoTracking().FirstOrDefault(r => r.Id == closingId);
    }
}
