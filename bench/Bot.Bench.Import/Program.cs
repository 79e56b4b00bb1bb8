using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Bench.Import;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster.Import;
using Bot.Domain.Schools;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// Imports a generated roster (preview, then commit) into an empty school year on SQLite, as the panel's import page does.
// Usage: dotnet run -c Release --project bench/Bot.Bench.Import -- [--students 1000] [--runs 5] [--warmup 1]
var students = Arg("--students", 1000);
var runs = Arg("--runs", 5);
var warmup = Arg("--warmup", 1);
const double TargetSeconds = 5;

var (csv, rows) = RosterFileMaker.Make(students);
var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
Console.WriteLine($"Bot.Bench.Import: roster import on SQLite; {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine($"File: {students} students, {rows} rows (student × guardian), {bytes.Length / 1024} KiB CSV. Target: preview + commit under {TargetSeconds} s.");
Console.WriteLine($"Warm-up {warmup}, measured runs {runs}; each run on a fresh copy of a migrated database with the school and its year.");
Console.WriteLine();

var dir = Path.Combine(Path.GetTempPath(), "bot-bench-import");
Directory.CreateDirectory(dir);
var template = Path.Combine(dir, "template.db");
var clock = new FixedClock(new DateTimeOffset(2026, 9, 1, 6, 0, 0, TimeSpan.Zero));
var schoolId = await MakeTemplateAsync(template);

var read = new List<double>();
var preview = new List<double>();
var commit = new List<double>();
var reimport = new List<double>();
for (var run = 0; run < warmup + runs; run++)
{
    var file = Path.Combine(dir, $"run-{run}.db");
    SqliteConnection.ClearAllPools();
    File.Copy(template, file, overwrite: true);
    var connection = $"Data Source={file}";

    var sw = Stopwatch.StartNew();
    var table = RosterFile.Read(new MemoryStream(bytes), "учні.csv").GetValueOrThrow();
    var tRead = sw.Elapsed.TotalMilliseconds;

    sw.Restart();
    await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
    {
        var plan = await new RosterImportService(db, clock).PreviewAsync(schoolId, table);
        if (!plan.CanCommit || plan.NewStudents != students) throw new InvalidOperationException($"Preview: {plan.NewStudents} new students, {plan.Problems.Count} bad rows.");
    }

    var tPreview = sw.Elapsed.TotalMilliseconds;
    sw.Restart();
    await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
    {
        var plan = (await new RosterImportService(db, clock).CommitAsync(Actor.System("bench"), schoolId, table)).GetValueOrThrow();
        if (!plan.CanCommit) throw new InvalidOperationException("Commit refused.");
    }

    var tCommit = sw.Elapsed.TotalMilliseconds;
    sw.Restart();
    await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
    {
        var plan = (await new RosterImportService(db, clock).CommitAsync(Actor.System("bench"), schoolId, RosterFile.Read(new MemoryStream(bytes), "учні.csv").GetValueOrThrow())).GetValueOrThrow();
        if (plan.UnchangedStudents != students) throw new InvalidOperationException($"Re-import: {plan.UnchangedStudents} unchanged of {students}.");
    }

    var tReimport = sw.Elapsed.TotalMilliseconds;
    if (run >= warmup)
    {
        read.Add(tRead);
        preview.Add(tPreview);
        commit.Add(tCommit);
        reimport.Add(tReimport);
    }

    await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
    {
        if (await db.Students.CountAsync() != students) throw new InvalidOperationException("Wrong number of students stored.");
    }

    SqliteConnection.ClearAllPools();
    File.Delete(file);
}

var totals = read.Select((r, i) => r + preview[i] + commit[i]).ToList();
Console.WriteLine("| step | min ms | median ms | max ms |");
Console.WriteLine("|---|---:|---:|---:|");
Row("read the CSV", read);
Row("preview", preview);
Row("commit (checks again, writes)", commit);
Row("read + preview + commit", totals);
Row("re-import of the same file (no changes)", reimport);
var median = Median(totals) / 1000;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Median read + preview + commit: {median:F2} s for {students} students — {median / TargetSeconds:F2} of the {TargetSeconds} s target."));
return median <= TargetSeconds ? 0 : 1;

void Row(string name, List<double> times) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {times.Min():F0} | {Median(times):F0} | {times.Max():F0} |"));

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}

static async Task<Guid> MakeTemplateAsync(string file)
{
    SqliteConnection.ClearAllPools();
    if (File.Exists(file)) File.Delete(file);
    await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, $"Data Source={file}");
    await JournalDatabase.MigrateAsync(db);
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=DELETE;"); // one file to copy
    var school = new School("Ліцей (бенчмарк імпорту)", "Europe/Kyiv");
    db.AddRange(school, new SchoolYear(school.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30)));
    await db.SaveChangesAsync();
    return school.Id;
}

/// <summary>The day the school imports its roster: 1 September 2026, 09:00 in Kyiv.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
