using System.Diagnostics;
using System.Globalization;
using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/Bot.Bench -- audit [--sizes 100000,200000,400000] [--new 10000] [--data DIR]`:
/// one school's audit trail on SQLite grown through the write path (records sealed as the product seals them) to each
/// size; at each size a full check (every record from the first, the journal reconciled), a check from the checkpoint
/// over the last <c>--new</c> records, and the page view's read of the stored verdict (ADR 0037 decision 4). Reported per
/// record: time and the managed heap's peak growth during the check (sampled every 2 ms) — flat means constant memory.
/// </summary>
internal static class AuditBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = Option(args, "--sizes")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? [100_000, 200_000, 400_000];
        var fresh = int.Parse(Option(args, "--new") ?? "10000", CultureInfo.InvariantCulture);
        var dir = Option(args, "--data") ?? Path.Combine(Path.GetTempPath(), "bot-bench-audit");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"audit-{Guid.NewGuid():N}.db");
        var connection = $"Data Source={file}";
        Console.WriteLine($"Bot.Bench audit: SQLite; {Environment.ProcessorCount} cores, load average {LoadAverage()}, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| records | full check ms | µs/record | heap peak +MB | allocated B/record | check of last new ms | of which reconciliation ms | chain µs/new record | heap peak +MB | page view (stored verdict) ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        Guid schoolId;
        await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
        {
            await JournalDatabase.MigrateAsync(db);
            var school = new School("Ліцей для вимірювань", "Europe/Kyiv");
            db.Schools.Add(school);
            await db.SaveChangesAsync();
            schoolId = school.Id;
        }

        long written = 0;
        try
        {
            foreach (var size in sizes)
            {
                // Grown to size minus the new records, checked (the checkpoint), then the new records written.
                written = await GrowAsync(connection, schoolId, written, size - fresh);
                await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
                    await new AuditVerifier(db).RunAsync(schoolId, AuditCheckMode.Full, AuditCheckTrigger.Cli);
                written = await GrowAsync(connection, schoolId, written, size);

                var (incremental, incrementalHeap, _) = await MeasureAsync(connection, schoolId, AuditCheckMode.Incremental, fresh);
                var (full, fullHeap, allocated) = await MeasureAsync(connection, schoolId, AuditCheckMode.Full, size);
                var page = await PageViewAsync(connection, schoolId);
                var reconciliation = await ReconciliationAsync(connection, schoolId);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size} | {full:F0} | {full * 1000 / size:F2} | {fullHeap:F1} | {allocated / size:F0} | {incremental:F0} | {reconciliation:F0} | {(incremental - reconciliation) * 1000 / fresh:F2} | {incrementalHeap:F1} | {page:F2} |"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in Directory.GetFiles(dir, Path.GetFileName(file) + "*")) File.Delete(f);
        }

        Console.WriteLine($"Load average after: {LoadAverage()}");
        return 0;
    }

    /// <summary>Audit records through the write path (JournalDbContext.Audit, sealed on save), 2,000 a save.</summary>
    private static async Task<long> GrowAsync(string connection, Guid schoolId, long from, long to)
    {
        var at = new DateTime(2026, 9, 1, 6, 0, 0, DateTimeKind.Utc).AddSeconds(from);
        var classId = Guid.CreateVersion7();
        var subjectId = Guid.CreateVersion7();
        for (var done = from; done < to;)
        {
            await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
            var batch = Guid.CreateVersion7();
            var n = (int)Math.Min(2000, to - done);
            for (var i = 0; i < n; i++, done++)
                db.Audit(new AuditRecord(schoolId, at.AddSeconds(done), Guid.CreateVersion7(), "Коваленко Ірина Петрівна", Channel.Telegram, "Lesson", Guid.CreateVersion7(),
                    AuditAction.Changed, "Лінійні рівняння", "Лінійні рівняння. Розв'язування задач", null, "7-А · Алгебра · 12.11.2026, урок 2",
                    new AuditPlace(classId, subjectId, null, Guid.CreateVersion7()), batch));
            await db.SaveChangesAsync();
        }

        return to;
    }

    private static async Task<(double Ms, double HeapPeakMb, double Allocated)> MeasureAsync(string connection, Guid schoolId, AuditCheckMode mode, long expected)
    {
        await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
        var verifier = new AuditVerifier(db);
        await verifier.StatusAsync(schoolId); // the connection opened, the model built
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(2);
            }
        });
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var verdict = await verifier.RunAsync(schoolId, mode, AuditCheckTrigger.Cli);
        var ms = watch.Elapsed.TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await stop.CancelAsync();
        await sampler;
        if (!verdict.IsIntact || verdict.Chain.Checked != expected)
            throw new InvalidOperationException($"Expected {expected} records intact, got {verdict.Chain.Checked}: {string.Join("; ", verdict.Problems)}");
        return (ms, (peak - baseline) / 1024.0 / 1024.0, allocated);
    }

    /// <summary>What the first page and the audit page do for the audit per view: the stored verdict and the unsealed count (median of 20).</summary>
    private static async Task<double> PageViewAsync(string connection, Guid schoolId)
    {
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
            var watch = Stopwatch.StartNew();
            var status = await new AuditVerifier(db).StatusAsync(schoolId);
            if (i > 0) times.Add(watch.Elapsed.TotalMilliseconds);
            if (status.Last is null) throw new InvalidOperationException("No stored verdict.");
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>The reconciliation alone (its three statements over the whole school), median of 3.</summary>
    private static async Task<double> ReconciliationAsync(string connection, Guid schoolId)
    {
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
            await new AuditVerifier(db).StatusAsync(schoolId);
            var watch = Stopwatch.StartNew();
            await JournalReconciliation.FindAsync(db, schoolId, AuditVerifier.NamedDiscrepancies, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[1];
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
