using System.Data.Common;
using Bot.Domain;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Host.Audit;
using Bot.Tests.Builders;
using Bot.Tests.Cluster;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Bot.Tests.Audit;

/// <summary>
/// Records are written unsealed and chained after commit by one sealer (ADR 0037), on both databases: every committed
/// record sealed exactly once, in a stable order, with writers at work and a transaction held open; a sealer cut short
/// in the middle of a batch leaves nothing half sealed; the keyed part of the chain checks only with its key.
/// </summary>
public abstract class AuditSealingTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool _s = null!;
    private readonly AuditKey _key = AuditKey.Generate();

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var db = _database.NewContext();
        _s = await TestSchool.CreateAsync(db);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<List<Guid>> LessonsAsync(int count)
    {
        await using var db = _database.NewContext();
        var journal = _s.Journal(db);
        var lessons = new List<Guid>();
        foreach (var slot in Enumerable.Range(1, count))
            lessons.Add((await journal.RecordLessonAsync(_s.As(_s.AlgebraTeacher), new LessonInput(_s.Class7A.Id, _s.Algebra.Id, null, TestSchool.Today, slot, $"Урок {slot}")))
                .GetValueOrThrow().Id);
        return lessons;
    }

    private static Task<Result<CellChange>> MarkAsync(JournalDbContext db, TestSchool s, Guid studentId, Guid lessonId, string value) =>
        s.Journal(db).SetCellAsync(s.As(s.AlgebraTeacher), new CellInput(studentId, s.Class7A.Id, s.Algebra.Id, MarkColumn.Current, value, lessonId));

    private async Task<List<AuditRecord>> RecordsAsync()
    {
        await using var db = _database.NewContext();
        return await db.AuditRecords.AsNoTracking().Where(r => r.SchoolId == _s.School.Id).ToListAsync();
    }

    /// <summary>The sequences in the order the sealer takes records: row order on SQLite, (writer, id) on PostgreSQL.</summary>
    private async Task<List<long>> SequencesInSealingOrderAsync()
    {
        await using var db = _database.NewContext();
        return _database.Provider == DatabaseProvider.PostgreSQL
            ? await db.Database.SqlQuery<long>($"""SELECT "Sequence" AS "Value" FROM "AuditRecords" ORDER BY "WriterXid", "Id" """).ToListAsync()
            : await db.Database.SqlQuery<long>($"""SELECT "Sequence" AS "Value" FROM "AuditRecords" ORDER BY rowid""").ToListAsync();
    }

    private async Task<ChainVerification> VerifyAsync(AuditKey? key)
    {
        await using var db = _database.NewContext();
        return await new AuditVerifier(db, key).VerifyAsync(_s.School.Id);
    }

    [Fact]
    public async Task WritersAtWork_WithTheSealerRunning_EveryCommittedRecordIsSealedOnce_InTheOrderOfCommit()
    {
        var lessons = await LessonsAsync(8);
        Assert.All(await RecordsAsync(), r => Assert.Equal((0L, "", ""), (r.Sequence, r.PreviousHash, r.Hash))); // written unsealed

        using var done = new CancellationTokenSource();
        var sealer = Task.Run(async () =>
        {
            var runs = 0;
            while (!done.IsCancellationRequested)
            {
                await using var db = _database.NewContext();
                await AuditSealing.SealBatchAsync(db, _key, batchSize: 5); // small batches: many runs meet the writers
                runs++;
            }

            return runs;
        });
        using var start = new ManualResetEventSlim();
        var writers = lessons.SelectMany(lesson => new[] { _s.Ivanenko, _s.Petrenko, _s.Sydorenko }.Select(student => Task.Run(async () =>
        {
            await using var db = _database.NewContext();
            start.Wait();
            return await MarkAsync(db, _s, student.Id, lesson, "9");
        }))).ToList();
        start.Set();
        Assert.All(await Task.WhenAll(writers), r => Assert.True(r.IsSuccess, r.Error?.Message));
        await done.CancelAsync();
        Assert.True(await sealer > 1);
        await _database.SealAsync(_key);

        var records = await RecordsAsync();
        Assert.Equal(8 + 24, records.Count);
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (long)i), records.Select(r => r.Sequence).Order()); // once each, no gap
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (long)i), await SequencesInSealingOrderAsync()); // in commit order
        var intact = await VerifyAsync(_key);
        Assert.True(intact.IsIntact, intact.Problem);
        Assert.Equal(32, intact.Checked);
        await using var db2 = _database.NewContext();
        var head = await db2.AuditHeads.AsNoTracking().SingleAsync(h => h.SchoolId == _s.School.Id);
        Assert.Equal((32L, _key.KeyId, (long?)1), (head.LastSequence, head.KeyId, head.KeyedFromSequence));
    }

    /// <summary>
    /// A writer's transaction held open: the record it wrote is sealed when it commits, after the records sealed before
    /// and before those written after it began (PostgreSQL); on SQLite the open transaction holds the database's one
    /// writer, and its record is sealed at the first run after its commit.
    /// </summary>
    [Fact]
    public async Task ARecordOfATransactionHeldOpen_IsNotSkipped_WhenItCommitsLater()
    {
        var lessons = await LessonsAsync(2);
        Assert.Equal(2, await _database.SealAsync(_key));

        await using var open = _database.NewContext();
        var transaction = await open.Database.BeginTransactionAsync();
        (await MarkAsync(open, _s, _s.Ivanenko.Id, lessons[0], "10")).GetValueOrThrow();

        if (_database.Provider == DatabaseProvider.PostgreSQL)
        {
            // Another writer commits while the first is open: its record is younger and waits for the older one.
            await using (var other = _database.NewContext())
                (await MarkAsync(other, _s, _s.Petrenko.Id, lessons[1], "7")).GetValueOrThrow();
            Assert.Equal(0, await _database.SealAsync(_key));
            Assert.Single(await RecordsAsync(), r => r.Sequence == 0 && r.NewValue == "7");
            await transaction.CommitAsync();
        }
        else
        {
            // The open transaction holds SQLite's one writer: nothing commits after it began until it ends, and the sealer
            // does not see its record yet.
            Assert.Equal(0, await _database.SealAsync(_key));
            await transaction.CommitAsync();
            Assert.Equal(1, await _database.SealAsync(_key));
            await using (var other = _database.NewContext())
                (await MarkAsync(other, _s, _s.Petrenko.Id, lessons[1], "7")).GetValueOrThrow();
        }

        await transaction.DisposeAsync();
        await _database.SealAsync(_key);
        var records = await RecordsAsync();
        Assert.All(records, r => Assert.True(r.IsSealed));
        Assert.Equal((3L, 4L), (records.Single(r => r.NewValue == "10").Sequence, records.Single(r => r.NewValue == "7").Sequence));
        var intact = await VerifyAsync(_key);
        Assert.True(intact.IsIntact, intact.Problem);
        Assert.Equal(4, intact.Checked);
    }

    [Fact]
    public async Task TheSealerCutShortInTheMiddleOfABatch_LeavesNothingHalfSealed_AndTheNextRunSealsIt()
    {
        var lessons = await LessonsAsync(2);
        await using (var db = _database.NewContext())
            foreach (var student in new[] { _s.Ivanenko, _s.Petrenko, _s.Sydorenko })
                (await MarkAsync(db, _s, student.Id, lessons[0], "8")).GetValueOrThrow();

        // The records' updates reach the database, then the sealer dies before its commit.
        var cut = new CutAfterSealing();
        await using (var db = WithInterceptor(cut))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AuditSealing.SealBatchAsync(db, _key));
        Assert.True(cut.Cut);

        Assert.All(await RecordsAsync(), r => Assert.Equal((0L, ""), (r.Sequence, r.Hash)));
        await using (var db = _database.NewContext())
            Assert.Equal(0, await db.AuditHeads.Where(h => h.SchoolId == _s.School.Id).Select(h => h.LastSequence).SingleOrDefaultAsync());

        Assert.Equal(5, await _database.SealAsync(_key));
        var intact = await VerifyAsync(_key);
        Assert.True(intact.IsIntact, intact.Problem);
        Assert.Equal(5, intact.Checked);
    }

    /// <summary>
    /// Records sealed before the installation had its key keep plain SHA-256; the first keyed record's HMAC covers the last
    /// plain hash; the keyed part checks only with the key, and a record rewritten and re-hashed without it is found.
    /// </summary>
    [Fact]
    public async Task ThePlainPartThenTheKeyedPart_VerifyWithTheKey_AndNotWithoutIt_OrWithAnother()
    {
        var lessons = await LessonsAsync(2);
        Assert.Equal(2, await _database.SealAsync()); // before the key
        await using (var db = _database.NewContext())
            (await MarkAsync(db, _s, _s.Ivanenko.Id, lessons[0], "11")).GetValueOrThrow();
        Assert.Equal(1, await _database.SealAsync(_key));

        var records = (await RecordsAsync()).OrderBy(r => r.Sequence).ToList();
        Assert.Equal(AuditChain.ComputeHash(records[1]), records[1].Hash);
        Assert.Equal(records[1].Hash, records[2].PreviousHash);
        Assert.Equal(AuditChain.ComputeHash(records[2], _key.Bytes), records[2].Hash);
        Assert.NotEqual(AuditChain.ComputeHash(records[2]), records[2].Hash);

        Assert.True((await VerifyAsync(_key)).IsIntact);
        var withoutKey = await VerifyAsync(null);
        Assert.False(withoutKey.IsIntact);
        Assert.Contains("ключем", withoutKey.Problem);
        Assert.False((await VerifyAsync(AuditKey.Generate())).IsIntact);

        // Another key cannot extend the chain.
        await using (var db = _database.NewContext())
            (await MarkAsync(db, _s, _s.Petrenko.Id, lessons[0], "5")).GetValueOrThrow();
        await using (var db = _database.NewContext())
            await Assert.ThrowsAsync<AuditKeyMismatchException>(() => AuditSealing.SealBatchAsync(db, AuditKey.Generate()));
        Assert.Equal(1, await _database.SealAsync(_key));

        // A keyed record rewritten, its hash recomputed the plain way (all a forger without the key can do): found.
        await using (var db = _database.NewContext())
        {
            var r3 = await db.AuditRecords.SingleAsync(r => r.Sequence == 3);
            db.Entry(r3).Property(r => r.NewValue).CurrentValue = "12";
            db.Entry(r3).Property(r => r.Hash).CurrentValue = AuditChain.ComputeHash(r3);
            await db.SaveChangesAsync();
        }

        var broken = await VerifyAsync(_key);
        Assert.False(broken.IsIntact);
        Assert.Equal(3, broken.BrokenAtSequence);
    }

    /// <summary>`/undo` takes back a unit whose records the sealer has not reached yet.</summary>
    [Fact]
    public async Task Undo_OfAUnitNotSealedYet_TakesItBackWhole()
    {
        var lessons = await LessonsAsync(1);
        await using var db = _database.NewContext();
        var journal = _s.Journal(db);
        (await journal.SetCellsAsync(_s.As(_s.AlgebraTeacher),
            [.. new[] { _s.Ivanenko, _s.Petrenko, _s.Sydorenko }.Select(st => new CellInput(st.Id, _s.Class7A.Id, _s.Algebra.Id, MarkColumn.Current, "6", lessons[0]))]))
            .GetValueOrThrow();
        Assert.All(await RecordsAsync(), r => Assert.False(r.IsSealed));

        var undone = (await journal.UndoLatestAsync(_s.As(_s.AlgebraTeacher), "помилка")).GetValueOrThrow();
        Assert.NotEmpty(undone.Lines);
        await using (var check = _database.NewContext()) Assert.Equal(0, await check.Marks.CountAsync());
        Assert.Equal(1 + 3 + 3, await _database.SealAsync(_key));
        Assert.True((await VerifyAsync(_key)).IsIntact);
    }

    private JournalDbContext WithInterceptor(IInterceptor interceptor)
    {
        using var plain = _database.NewContext();
        var options = plain.GetService<IDbContextOptions>();
        return options switch
        {
            DbContextOptions<SqliteJournalDbContext> sqlite =>
                new SqliteJournalDbContext(new DbContextOptionsBuilder<SqliteJournalDbContext>(sqlite).AddInterceptors(interceptor).Options),
            DbContextOptions<PostgresJournalDbContext> postgres =>
                new PostgresJournalDbContext(new DbContextOptionsBuilder<PostgresJournalDbContext>(postgres).AddInterceptors(interceptor).Options),
            _ => throw new InvalidOperationException($"Unknown options {options.GetType()}"),
        };
    }

    /// <summary>Lets the statement that updates the sealed records run, then stops the sealer as a kill would (before commit).</summary>
    private sealed class CutAfterSealing : DbCommandInterceptor
    {
        public bool Cut { get; private set; }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default) => Check(command, result);

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
            CancellationToken cancellationToken = default) => Check(command, result);

        private ValueTask<T> Check<T>(DbCommand command, T result)
        {
            if (command.CommandText.Contains("UPDATE \"AuditRecords\"", StringComparison.Ordinal))
            {
                Cut = true;
                throw new OperationCanceledException("the sealer was stopped in the middle of its batch");
            }

            return ValueTask.FromResult(result);
        }
    }
}

public sealed class AuditSealingOnSqlite : AuditSealingTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class AuditSealingOnPostgres(PostgresServer server) : AuditSealingTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}

/// <summary>The key: made once with owner-only permissions, by `migrate` and by a single process; a sealer without it does not start.</summary>
[Collection("postgres")]
public sealed class AuditKeyTests(PostgresServer server)
{
    private static string NewKeyPath() => Path.Combine(Path.GetTempPath(), $"audit-key-test-{Guid.NewGuid():N}", "audit.key");

    [Fact]
    public async Task Migrate_MakesTheKey_OwnerOnly_AndKeepsIt()
    {
        var path = NewKeyPath();
        var file = Path.Combine(Path.GetTempPath(), $"journal-key-{Guid.NewGuid():N}.db");
        string[] args = ["migrate", $"--ConnectionStrings:Journal=Data Source={file}", $"--Audit:KeyPath={path}"];
        var output = new StringWriter();
        Assert.Equal(0, await Bot.Host.Cli.Verbs.RunAsync(args, output, new StringWriter()));
        Assert.Contains("Created the audit key at " + path, output.ToString());
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var key = AuditKey.TryLoad(path)!;
        var again = new StringWriter();
        Assert.Equal(0, await Bot.Host.Cli.Verbs.RunAsync(args, again, new StringWriter()));
        Assert.DoesNotContain("Created the audit key", again.ToString());
        Assert.Equal(key.KeyId, AuditKey.TryLoad(path)!.KeyId);
    }

    [Fact]
    public async Task ASealedChain_RefusesAMissingKeyAndAnotherKey_ANewInstallationMakesOne()
    {
        await using var database = await TestDatabase.SqliteAsync();
        await using var db = database.NewContext();
        var path = NewKeyPath();
        Assert.Contains("Run `Bot.Host migrate`", (await AuditKeyCheck.EnsureAsync(db, path, create: false)).Problem);
        var made = await AuditKeyCheck.EnsureAsync(db, path, create: true);
        Assert.True(made.Created);

        var s = await TestSchool.CreateAsync(db);
        (await s.Journal(db).RecordLessonAsync(s.As(s.AlgebraTeacher), new LessonInput(s.Class7A.Id, s.Algebra.Id, null, TestSchool.Today, 1, "Вступ")))
            .GetValueOrThrow();
        Assert.True(await database.SealAsync(made.Key) > 0);
        var other = NewKeyPath();
        AuditKey.LoadOrCreate(other, out _);
        var wrong = await AuditKeyCheck.EnsureAsync(db, other, create: true);
        Assert.Null(wrong.Key);
        Assert.Contains($"'{other}'", wrong.Problem);
        Assert.Contains("is not the key the audit chain was sealed with", wrong.Problem);
        File.Delete(path);
        var missing = await AuditKeyCheck.EnsureAsync(db, path, create: true); // not made again: it would not match
        Assert.Null(missing.Key);
        Assert.Contains("is missing", missing.Problem);
        Assert.False(File.Exists(path));
    }

    /// <summary>A real `jobs` process on PostgreSQL whose key file is not there: it stops at start and says where the key should be.</summary>
    [Fact]
    public async Task AJobsProcessWithoutTheKey_RefusesToStart_NamingThePath()
    {
        var cs = await server.CreateDatabaseAsync("nokey");
        var path = NewKeyPath();
        await using var jobs = HostProcess.Start("jobs", new Dictionary<string, string>
        {
            ["ConnectionStrings:Journal"] = cs,
            ["Database:Provider"] = "PostgreSQL",
            ["Host:Roles"] = "jobs",
            ["Audit:KeyPath"] = path,
        });
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => jobs.WaitReadyAsync(TimeSpan.FromMinutes(3)));
        Assert.Contains("exited with 1", refused.Message);
        Assert.Contains($"The audit key file '{path}' is missing", refused.Message);
        Assert.False(File.Exists(path));
    }
}
