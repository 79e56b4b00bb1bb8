using System.Diagnostics;
using Bot.Domain.Archive;
using Bot.Domain.Demo;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Bench.Print;

/// <summary>
/// A whole school's year-end archive (J-14): the demo school (33 classes at scale 1) with its journal written
/// through the journal's rules up to <c>--until</c>, then the year closed by <see cref="YearArchiveService"/> as the panel's
/// job does it — every class journal over the whole year as PDF/A, stored with its SHA-256 — on SQLite. Prints the total
/// time, the time per class, the total size and the peak working set.
/// Usage: dotnet run -c Release --project bench/Bot.Bench.Print -- --archive [--scale 1] [--until 2027-05-28]
/// </summary>
internal static class ArchiveBench
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var scale = Arg(args, "--scale") is { } s ? int.Parse(s) : 1;
        var until = Arg(args, "--until") is { } u ? DateOnly.Parse(u, System.Globalization.CultureInfo.InvariantCulture) : new DateOnly(2027, 5, 28);
        Console.WriteLine($"Bot.Bench.Print --archive: a whole school's year-end archive; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"Load average at start: {LoadAverage()}");
        var file = Path.Combine(Path.GetTempPath(), $"bot-bench-archive-{Environment.ProcessId}.db");
        var connection = $"Data Source={file}";
        try
        {
            var sw = Stopwatch.StartNew();
            DemoSummary summary;
            await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
            {
                await JournalDatabase.MigrateAsync(db);
                summary = await DemoSchool.SeedAsync(db, new DemoSchoolOptions { Today = until, Scale = scale });
            }

            Console.WriteLine($"Data: {summary.Classes} classes, {summary.Students} students, the journal up to {until:yyyy-MM-dd}, seeded in {sw.Elapsed.TotalSeconds:F0} s.");

            // After the ІІ semester and the corrected marks' day: the year closes without the early confirmation.
            var clock = new FixedClock(new DateTimeOffset(until.Year, 6, 20, 9, 0, 0, TimeSpan.Zero));
            var director = new Actor(null, "Бенчмарк", StaffRoles.Administrator, Bot.Domain.Audit.Channel.Cli);
            Guid yearId;
            await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
                yearId = await db.SchoolYears.Where(y => !y.IsClosed).Select(y => y.Id).SingleAsync();

            GC.Collect();
            sw.Restart();
            Guid closingId;
            await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
                closingId = (await new YearArchiveService(db, clock).RequestAsync(director, yearId, confirmedEarly: false)).GetValueOrThrow().Id;
            await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
                await new YearArchiveService(db, clock).RunAsync(closingId);
            var seconds = sw.Elapsed.TotalSeconds;

            await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
            {
                var rows = await db.ArchivedJournals.AsNoTracking().Select(j => new { j.ClassName, j.Pages, j.Bytes }).ToListAsync();
                var largest = rows.MaxBy(r => r.Bytes)!;
                using var process = Process.GetCurrentProcess();
                process.Refresh();
                Console.WriteLine();
                Console.WriteLine($"Archive: {rows.Count} class journals, {rows.Sum(r => r.Pages)} pages, {rows.Sum(r => r.Bytes) / 1024.0 / 1024.0:F1} MB in {seconds:F1} s " +
                    $"({seconds / rows.Count:F2} s a class); largest {largest.ClassName}: {largest.Pages} pages, {largest.Bytes / 1024.0 / 1024.0:F2} MB; " +
                    $"peak working set {process.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB.");
            }

            Console.WriteLine($"Load average at end: {LoadAverage()}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
