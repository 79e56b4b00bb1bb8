using System.Diagnostics;
using Bot.Bench.Print;
using Bot.Domain.Diary;
using Bot.Domain.Persistence;
using Bot.Domain.Printing;
using Microsoft.Data.Sqlite;

// The full class journal PDF of one class for a semester (read model + layout + PDF), on SQLite.
// Usage: dotnet run -c Release --project bench/Bot.Bench.Print -- [--students 35] [--subjects 15] [--runs 5] [--warmup 1] [--keep FILE.pdf]
// A whole school's year-end archive instead: -- --archive [--scale 1] [--until 2027-05-28] (ArchiveBench.cs).
if (args.Contains("--archive")) return await ArchiveBench.RunAsync(args);
var students = Arg("--students", 35);
var subjects = Arg("--subjects", 15);
var runs = Arg("--runs", 5);
var warmup = Arg("--warmup", 1);
var keep = ArgText("--keep");
const double TargetSeconds = 3;
const double TargetMegabytes = 300;

Console.WriteLine($"Bot.Bench.Print: the class journal PDF; {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine($"Load average at start: {LoadAverage()}");
var file = Path.Combine(Path.GetTempPath(), $"bot-bench-print-{Environment.ProcessId}.db");
var connection = $"Data Source={file}";
Guid classId;
var sw = Stopwatch.StartNew();
await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
{
    await JournalDatabase.MigrateAsync(db);
    classId = await SemesterClass.WriteAsync(db, students, subjects);
}

Console.WriteLine($"Data: {students} students, {subjects} subjects, semester 1 written in {sw.Elapsed.TotalSeconds:F1} s. Target: under {TargetSeconds} s and {TargetMegabytes} MB peak.");
var clock = TimeProvider.System;
var times = new List<double>();
byte[] pdf = [];
var pages = 0;
for (var run = 0; run < warmup + runs; run++)
{
    sw.Restart();
    await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
    var journal = (await new DiaryQueries(db, clock).ClassJournalAsync(classId, "semester1")).GetValueOrThrow();
    var read = sw.Elapsed.TotalMilliseconds;
    using var book = ClassJournalPdf.Build(journal, clock.GetUtcNow());
    pages = book.Pages.Count;
    pdf = book.ToBytes();
    var total = sw.Elapsed.TotalMilliseconds;
    if (run >= warmup) times.Add(total);
    Console.WriteLine($"{(run < warmup ? "warm-up" : $"run {run - warmup + 1}")}: {total:F0} ms (read {read:F0} ms, layout and PDF {total - read:F0} ms), {pages} pages, {pdf.Length / 1024} KiB");
}

using var process = Process.GetCurrentProcess();
process.Refresh();
var peakMb = process.PeakWorkingSet64 / 1024.0 / 1024.0;
times.Sort();
var median = times[times.Count / 2] / 1000;
Console.WriteLine();
Console.WriteLine($"Median {median:F2} s ({median / TargetSeconds:P0} of the target), worst {times[^1] / 1000:F2} s; peak working set {peakMb:F0} MB ({peakMb / TargetMegabytes:P0} of the target); {pages} pages.");
Console.WriteLine($"Load average at end: {LoadAverage()}");
if (keep is not null) await File.WriteAllBytesAsync(keep, pdf);
SqliteConnection.ClearAllPools();
File.Delete(file);
return median < TargetSeconds && peakMb < TargetMegabytes ? 0 : 1;

int Arg(string name, int fallback) => ArgText(name) is { } v ? int.Parse(v) : fallback;

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
