using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Host.Cli;
using Bot.Host.Jobs;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Audit;

/// <summary>
/// ADR 0037 decisions 3 and 4 on both databases, on records the sealer has chained (decisions 1 and 2; each test seals
/// them first, with the installation's key unless it says otherwise): a direct UPDATE of a mark and a DELETE of an
/// absence are named by `audit verify` and by the nightly job; a plain chain (a school sealed without a key) rewritten
/// and recomputed to its head passes on its own but fails against an anchor taken before, while a keyed chain rewritten
/// by someone without the key fails on its own; a deleted tail with the head moved back fails against the checkpoint; a
/// check from the checkpoint hashes only the records sealed since, and its checkpoint is signed with the key; unsealed
/// records are counted, not verified.
/// </summary>
public abstract class AuditVerificationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool _s = null!;
    private Guid _lessonId;
    private readonly AuditKey _key = AuditKey.Generate();
    private string _keyPath = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var db = _database.NewContext();
        _s = await TestSchool.CreateAsync(db);
        var journal = _s.Journal(db);
        _lessonId = (await journal.RecordLessonAsync(_s.As(_s.AlgebraTeacher), new LessonInput(_s.Class7A.Id, _s.Algebra.Id, null, TestSchool.Today, 2, "Рівняння")))
            .GetValueOrThrow().Id;
        // Records: 1 the lesson, 2 Іваненко's "10", 3 Петренко's "9", 4 Сидоренко's "н".
        foreach (var (student, mark) in new[] { (_s.Ivanenko, "10"), (_s.Petrenko, "9"), (_s.Sydorenko, "н") })
            (await journal.SetCellAsync(_s.As(_s.AlgebraTeacher), new CellInput(student.Id, _s.Class7A.Id, _s.Algebra.Id, MarkColumn.Current, mark, _lessonId))).GetValueOrThrow();
        // The installation's key file, which `audit verify` reads from Audit:KeyPath.
        _keyPath = Path.Combine(Path.GetTempPath(), $"journal-test-audit-{Guid.NewGuid():N}", "audit.key");
        Directory.CreateDirectory(Path.GetDirectoryName(_keyPath)!);
        await File.WriteAllTextAsync(_keyPath, Convert.ToHexStringLower(_key.Bytes));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        if (_keyPath is not null) Directory.Delete(Path.GetDirectoryName(_keyPath)!, recursive: true);
    }

    /// <summary>Chains the records written so far, as the host's sealer does: with the installation's key, or plain.</summary>
    private Task SealAsync(bool keyed = true) => _database.SealAsync(keyed ? _key : null);

    private string Place(Bot.Domain.Roster.Student student) => $"7-А, {student.FullName}, {_s.Algebra.Name}, урок 2 {TestSchool.Today:dd.MM.yyyy}";

    private async Task<(int Exit, string Out, string Err)> VerbAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Verbs.RunAsync(["audit", "verify", .. args, $"--Database:Provider={_database.Provider}", $"--ConnectionStrings:Journal={_database.ConnectionString}",
            $"--Audit:KeyPath={_keyPath}"], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task ExecuteAsync(string sql, params object[] args)
    {
        await using var db = _database.NewContext();
        await db.Database.ExecuteSqlRawAsync(sql, args);
    }

    private async Task<AuditCheck> StoredAsync()
    {
        await using var db = _database.NewContext();
        return await db.AuditChecks.AsNoTracking().SingleAsync(c => c.SchoolId == _s.School.Id);
    }

    private async Task<AuditAnchor> HeadAsync()
    {
        await using var db = _database.NewContext();
        var head = await new AuditVerifier(db).HeadAsync(_s.School.Id);
        return new AuditAnchor(head.Sequence, head.Hash);
    }

    [Fact]
    public async Task DirectUpdateOfAMark_AndDeleteOfAnAbsence_AreNamed_ByTheVerb_AndByTheNightlyJob()
    {
        await SealAsync();
        var (exit, output, error) = await VerbAsync();
        Assert.True(exit == 0, error + output);
        Assert.Contains($"INTACT  {_s.School.Name}: records 1..4 checked (4), 3 mark(s) and absence(s) reconciled", output);

        await ExecuteAsync("""UPDATE "Marks" SET "Value" = '12' WHERE "StudentId" = {0}""", _s.Ivanenko.Id);
        await ExecuteAsync("""DELETE FROM "Absences" WHERE "StudentId" = {0}""", _s.Sydorenko.Id);

        (exit, output, error) = await VerbAsync();
        Assert.Equal(AuditVerb.ChecksFailed, exit);
        Assert.Contains("BROKEN", output);
        var changed = $"{Place(_s.Ivanenko)}: у журналі змін оцінка «10» (запис №2), а в таблиці — «12»: змінено поза програмою.";
        var deleted = $"{Place(_s.Sydorenko)}: у журналі змін пропуск «н» (запис №4), а в таблиці його немає — видалено поза програмою.";
        Assert.Contains(changed, error);
        Assert.Contains(deleted, error);
        var stored = await StoredAsync();
        Assert.Equal((false, AuditCheckTrigger.Cli), (stored.IsIntact, stored.Trigger));

        // The nightly job finds the same and stores it; the chain itself is intact, so the checkpoint is at the head.
        await using (var db = _database.NewContext())
        {
            var job = new AuditVerificationJob(db, new AuditVerifier(db, _key, _s.Clock), NullLogger<AuditVerificationJob>.Instance);
            Assert.Equal(1, await job.RunAsync(CancellationToken.None));
        }

        stored = await StoredAsync();
        Assert.Equal((false, AuditCheckTrigger.Nightly, 4L), (stored.IsIntact, stored.Trigger, stored.CheckpointSequence));
        Assert.Equal([changed, deleted], stored.Problem!.Split('\n'));
        Assert.Equal(TestSchool.Now.UtcDateTime, stored.CheckedAtUtc);
    }

    [Fact]
    public async Task ARewrittenPlainChain_RecomputedToItsHead_Passes_ButFailsAgainstAnAnchorTakenBefore()
    {
        await SealAsync(keyed: false); // a school sealed before the installation had its key: plain SHA-256 links
        var anchor = await HeadAsync();

        // A forger with the database: Іваненко's "10" becomes "12" in the table and in its record, every hash from there
        // on and the head recomputed (there was no checkpoint to give it away).
        await ForgeIvanenkosMarkAsync();

        var (exit, output, error) = await VerbAsync();
        Assert.True(exit == 0, "a recomputed plain chain passes on its own: " + error);
        Assert.Contains("INTACT", output);

        (exit, output, error) = await VerbAsync("--anchor", anchor.ToString());
        Assert.Equal(AuditVerb.ChecksFailed, exit);
        Assert.Contains($"Запис №4 має відбиток ", error);
        Assert.Contains($"а в якорі — {anchor.Hash[..12]}…: ланцюжок переписано після того, як якір було взято.", error);

        // A bad anchor is a usage error that checks nothing.
        (exit, _, error) = await VerbAsync("--anchor", "4:xyz");
        Assert.Equal(2, exit);
        Assert.Contains("is not an anchor", error);
    }

    [Fact]
    public async Task ARewrittenKeyedChain_RecomputedWithoutTheKey_FailsOnItsOwn()
    {
        await SealAsync();
        Assert.Equal(_key.KeyId, await KeyIdAsync());

        // The same forger, on a chain linked with the installation's key: without it the recomputed links are plain
        // SHA-256, and the keyed record they replace no longer matches its content.
        await ForgeIvanenkosMarkAsync();

        var (exit, output, error) = await VerbAsync();
        Assert.Equal(AuditVerb.ChecksFailed, exit);
        Assert.Contains("BROKEN", output);
        Assert.Contains("Запис №2 змінено після того, як його було зроблено.", error);

        // Without the key the keyed records cannot be checked at all, and the verdict says so rather than "intact".
        await using var db = _database.NewContext();
        var unkeyed = await new AuditVerifier(db).VerifyAsync(_s.School.Id);
        Assert.False(unkeyed.IsIntact);
        Assert.Equal("Записи від №1 захищено ключем, якого цей процес не має: їх не перевірено.", unkeyed.Problem);
    }

    private async Task<string?> KeyIdAsync()
    {
        await using var db = _database.NewContext();
        return await db.AuditHeads.Where(h => h.SchoolId == _s.School.Id).Select(h => h.KeyId).SingleAsync();
    }

    /// <summary>Іваненко's "10" becomes "12" in the table and in record 2; records 2..4 and the head recomputed with plain links.</summary>
    private async Task ForgeIvanenkosMarkAsync()
    {
        await ExecuteAsync("""UPDATE "Marks" SET "Value" = '12' WHERE "StudentId" = {0}""", _s.Ivanenko.Id);
        await using var db = _database.NewContext();
        var all = await db.AuditRecords.Where(r => r.SchoolId == _s.School.Id).OrderBy(r => r.Sequence).ToListAsync();
        Assert.Equal([1L, 2, 3, 4], all.Select(r => r.Sequence));
        db.Entry(all[1]).Property(r => r.NewValue).CurrentValue = "12";
        var previous = all[0].Hash;
        foreach (var r in all.Skip(1))
        {
            r.Seal(r.Sequence, previous);
            previous = r.Hash;
        }

        var head = await db.AuditHeads.SingleAsync(h => h.SchoolId == _s.School.Id);
        db.Entry(head).Property(h => h.LastHash).CurrentValue = previous;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task ARewriteAfterACheck_IsFoundByTheCheckpoint_EvenWithoutAnAnchor()
    {
        // A plain chain checked by a process without a key: its checkpoint is a plain "sha256:" seal, which the verb (with
        // the installation's key) still reads.
        await SealAsync(keyed: false);
        await using (var db = _database.NewContext())
            Assert.True((await new AuditVerifier(db, _s.Clock).RunAsync(_s.School.Id, AuditCheckMode.Full, AuditCheckTrigger.Nightly)).IsIntact);
        Assert.StartsWith("sha256:", (await StoredAsync()).CheckpointSeal);

        await using (var db = _database.NewContext())
        {
            var all = await db.AuditRecords.Where(r => r.SchoolId == _s.School.Id).OrderBy(r => r.Sequence).ToListAsync();
            db.Entry(all[2]).Property(r => r.Reason).CurrentValue = "переписано";
            var previous = all[1].Hash;
            foreach (var r in all.Skip(2))
            {
                r.Seal(r.Sequence, previous);
                previous = r.Hash;
            }

            var head = await db.AuditHeads.SingleAsync(h => h.SchoolId == _s.School.Id);
            db.Entry(head).Property(h => h.LastHash).CurrentValue = previous;
            await db.SaveChangesAsync();
        }

        var (exit, _, error) = await VerbAsync("--from-checkpoint");
        Assert.Equal(AuditVerb.ChecksFailed, exit);
        Assert.Contains("Запис №4 уже не той, що був під час перевірки 20.11.2026 10:00 (інший відбиток): ланцюжок переписано.", error);
    }

    [Fact]
    public async Task APlainCheckpoint_PlantedOverARewrittenKeyedTail_IsNotTrusted_AndTheRewriteIsFound()
    {
        await SealAsync();
        await using (var db = _database.NewContext())
            Assert.True((await new AuditVerifier(db, _key, _s.Clock).RunAsync(_s.School.Id, AuditCheckMode.Full, AuditCheckTrigger.Nightly)).IsIntact);
        Assert.StartsWith("hmac:", (await StoredAsync()).CheckpointSeal);

        // A forger with the database but not the key: records 2..4 rewritten with plain links, the head moved, and the
        // checkpoint replaced by a plain "sha256:" one at the rewritten head, which needs no secret to compute.
        await ForgeIvanenkosMarkAsync();
        var forged = await HeadAsync();
        var at = (await StoredAsync()).CheckpointAtUtc!.Value;
        await ExecuteAsync("""UPDATE "AuditChecks" SET "CheckpointSequence" = {0}, "CheckpointHash" = {1}, "CheckpointSeal" = {2}""",
            forged.Sequence, forged.Hash, AuditCheckpoint.Seal(_s.School.Id, forged.Sequence, forged.Hash, at));
        Assert.True(AuditCheckpoint.IsSealed(await StoredAsync()));

        var (exit, output, error) = await VerbAsync("--from-checkpoint");
        Assert.Equal(AuditVerb.ChecksFailed, exit);
        Assert.Contains("BROKEN", output);
        Assert.Contains("Позначку останньої перевірки (запис №4) не підписано ключем, хоча записи від №1 захищено ключем: їй не довіряємо; "
            + "ланцюжок перевірено від першого запису.", error);
        Assert.Contains("Запис №2 змінено після того, як його було зроблено.", error);
        var stored = await StoredAsync();
        Assert.Equal((false, 1L), (stored.IsIntact, stored.CheckedFrom));
    }

    [Fact]
    public async Task ADeletedTail_WithTheHeadMovedBack_IsFoundByTheCheckpoint_AndByAnAnchor()
    {
        await SealAsync();
        var anchor = await HeadAsync();
        await using (var db = _database.NewContext())
            Assert.True((await new AuditVerifier(db, _key, _s.Clock).RunAsync(_s.School.Id, AuditCheckMode.Full, AuditCheckTrigger.Nightly)).IsIntact);

        // The last record and its absence deleted, the head moved back to record 3: the chain alone is consistent.
        string hash3;
        await using (var db = _database.NewContext())
            hash3 = await db.AuditRecords.Where(r => r.Sequence == 3).Select(r => r.Hash).SingleAsync();
        await ExecuteAsync("""DELETE FROM "AuditRecords" WHERE "Sequence" = 4""");
        await ExecuteAsync("""DELETE FROM "Absences" WHERE "StudentId" = {0}""", _s.Sydorenko.Id);
        await ExecuteAsync("""UPDATE "AuditHeads" SET "LastSequence" = 3, "LastHash" = {0}""", hash3);
        await using (var db = _database.NewContext())
            Assert.True((await new AuditVerifier(db, _key).VerifyAsync(_s.School.Id)).IsIntact);

        var (exit, _, error) = await VerbAsync();
        Assert.Equal(AuditVerb.ChecksFailed, exit);
        Assert.Contains("Запису №4, перевіреного 20.11.2026 10:00, у ланцюжку більше немає: записи видалено.", error);

        // Without the checkpoint (deleted too), the anchor still finds it.
        await ExecuteAsync("""DELETE FROM "AuditChecks" """);
        (exit, _, error) = await VerbAsync("--anchor", anchor.ToString());
        Assert.Equal(AuditVerb.ChecksFailed, exit);
        Assert.Contains("Запису №4, названого в якорі, у ланцюжку немає (останній — №3): записи видалено.", error);
    }

    [Fact]
    public async Task ACheckFromTheCheckpoint_HashesOnlyTheNewRecords_AndAnEditedCheckpointIsNotTrusted()
    {
        await SealAsync();
        await using (var db = _database.NewContext())
            Assert.Equal(4, (await new AuditVerifier(db, _key, _s.Clock).RunAsync(_s.School.Id, AuditCheckMode.Full, AuditCheckTrigger.Nightly)).Chain.Checked);
        await using (var db = _database.NewContext())
        {
            var journal = _s.Journal(db);
            (await journal.SetCellAsync(_s.As(_s.Deputy), new CellInput(_s.Ivanenko.Id, _s.Class7A.Id, _s.Algebra.Id, MarkColumn.Current, "11", _lessonId, Reason: "Уточнено"))).GetValueOrThrow();
            (await journal.SetCellAsync(_s.As(_s.Deputy), new CellInput(_s.Petrenko.Id, _s.Class7A.Id, _s.Algebra.Id, MarkColumn.Current, "8", _lessonId, Reason: "Уточнено"))).GetValueOrThrow();
        }

        await SealAsync();
        await using (var db = _database.NewContext())
        {
            var verdict = await new AuditVerifier(db, _key, _s.Clock).RunAsync(_s.School.Id, AuditCheckMode.Incremental, AuditCheckTrigger.Panel);
            Assert.True(verdict.IsIntact, string.Join("\n", verdict.Problems));
            Assert.Equal((5L, 2L, 6L, 3L), (verdict.CheckedFrom, verdict.Chain.Checked, verdict.HeadSequence, verdict.Reconciled));
        }

        // The checkpoint is signed with the installation's key: a process without it cannot trust it, and says so.
        var stored = await StoredAsync();
        Assert.Equal(6, stored.CheckpointSequence);
        Assert.StartsWith("hmac:", stored.CheckpointSeal);
        Assert.True(AuditCheckpoint.IsSealed(stored, _key));
        Assert.False(AuditCheckpoint.IsSealed(stored, AuditKey.Generate()));
        await using (var db = _database.NewContext())
        {
            var verdict = await new AuditVerifier(db, _s.Clock).CheckAsync(_s.School.Id, AuditCheckMode.Incremental);
            Assert.Equal(1L, verdict.CheckedFrom);
            Assert.Contains("Позначку останньої перевірки захищено ключем, якого цей процес не має: її не перевірено; ланцюжок перевірено від першого запису.",
                verdict.Problems);
        }

        // The checkpoint moved back by hand: its seal no longer matches; the check starts from the first record and says so.
        await ExecuteAsync("""UPDATE "AuditChecks" SET "CheckpointSequence" = 2""");
        await using (var db = _database.NewContext())
        {
            var verdict = await new AuditVerifier(db, _key, _s.Clock).RunAsync(_s.School.Id, AuditCheckMode.Incremental, AuditCheckTrigger.Panel);
            Assert.Equal((1L, 6L), (verdict.CheckedFrom, verdict.Chain.Checked));
            Assert.Equal(["Позначку останньої перевірки змінено поза програмою; ланцюжок перевірено від першого запису."], verdict.Problems);
        }
    }

    [Fact]
    public async Task AnUnsealedRecord_IsCountedWithItsAge_IsTheLastOfItsEntity_AndIsNotVerified()
    {
        // As the sealer's writers leave it (ADR 0037 decision 1): sequence 0, no hashes; Іваненко's mark changed to "11".
        await SealAsync();
        await using (var db = _database.NewContext())
        {
            var mark = await db.Marks.SingleAsync(m => m.StudentId == _s.Ivanenko.Id);
            await db.Marks.Where(m => m.Id == mark.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Value, MarkValue.FromStored("11")));
            db.AuditRecords.Add(new AuditRecord(_s.School.Id, TestSchool.Now.UtcDateTime.AddSeconds(-3), _s.AlgebraTeacher.Id, _s.AlgebraTeacher.FullName, Channel.Web,
                nameof(Mark), mark.Id, AuditAction.Changed, "10", "11", null, "7-А · Алгебра", new AuditPlace(_s.Class7A.Id, _s.Algebra.Id, _s.Ivanenko.Id, _lessonId),
                Guid.NewGuid()));
            await db.SaveChangesAsync();
        }

        await using (var db = _database.NewContext())
        {
            var verifier = new AuditVerifier(db, _key, _s.Clock);
            var status = await verifier.StatusAsync(_s.School.Id);
            Assert.Equal((1, TestSchool.Now.UtcDateTime.AddSeconds(-3)), (status.Unsealed, status.OldestUnsealedUtc));
            Assert.True(status.NeverChecked);
            var verdict = await verifier.RunAsync(_s.School.Id, AuditCheckMode.Full, AuditCheckTrigger.Nightly);
            Assert.True(verdict.IsIntact, string.Join("\n", verdict.Problems));
            Assert.Equal(4, verdict.Chain.Checked);
        }
    }
}

public sealed class AuditVerificationOnSqlite : AuditVerificationTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class AuditVerificationOnPostgres(PostgresServer server) : AuditVerificationTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
