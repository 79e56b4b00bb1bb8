using System.Diagnostics;
using System.Globalization;
using Bot.Bench;
using Bot.Domain.Diary;
using Bot.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// Composes every student's diary of a school for one day (DiaryQueries.SchoolDayAsync) on SQLite.
// Usage: dotnet run -c Release --project bench/Bot.Bench -- [--students 500,5000] [--runs 10] [--warmup 3] [--data DIR] [--fresh]
if (args.FirstOrDefault() == "audit") return await AuditBench.RunAsync(args[1..]); // ADR 0037: the audit check's cost per record
var options = BenchOptions.Parse(args);
if (options is null) return 2;

Console.WriteLine($"Bot.Bench: SchoolDay on SQLite; {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine($"Target: under {BenchOptions.TargetMsPerStudent.ToString(CultureInfo.InvariantCulture)} ms per student. Warm-up {options.Warmup}, measured runs {options.Runs}.");
Console.WriteLine();
Console.WriteLine("| students | classes | lessons | marks | absences | min ms | median ms | max ms | ms/student (median) | ratio to target |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

var failed = false;
foreach (var size in options.Students)
{
    var classes = (int)Math.Ceiling(size / (double)BenchSchool.StudentsPerClass);
    var file = Path.Combine(options.DataDirectory, $"school-{classes}x{BenchSchool.StudentsPerClass}-v1.db");
    var connection = $"Data Source={file}";
    var generated = await EnsureDataAsync(file, connection, classes, options.Fresh);

    // Each run is what the evening digest does: a fresh context, one call for the whole school.
    async Task<int> RunOnceAsync()
    {
        await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
        var day = (await new DiaryQueries(db, TimeProvider.System).SchoolDayAsync(generated.SchoolId, BenchSchool.LastDay)).GetValueOrThrow();
        return day.StudentCount;
    }

    for (var i = 0; i < options.Warmup; i++) await RunOnceAsync();
    var times = new List<double>();
    var composed = 0;
    for (var i = 0; i < options.Runs; i++)
    {
        var sw = Stopwatch.StartNew();
        composed = await RunOnceAsync();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }

    if (composed != generated.Students) throw new InvalidOperationException($"Composed {composed} diaries, expected {generated.Students}.");
    times.Sort();
    var median = times[times.Count / 2];
    var perStudent = median / composed;
    var ratio = perStudent / BenchOptions.TargetMsPerStudent;
    failed |= ratio > 1;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {composed} | {generated.Classes} | {generated.Lessons} | {generated.Marks} | {generated.Absences} | {times[0]:F0} | {median:F0} | {times[^1]:F0} | {perStudent:F3} | {ratio:F2} |"));
}

return failed ? 1 : 0;

static async Task<BenchSchool.Generated> EnsureDataAsync(string file, string connection, int classes, bool fresh)
{
    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
    if (classes > BenchSchool.MaxClasses) throw new ArgumentException($"At most {BenchSchool.MaxClasses * BenchSchool.StudentsPerClass} students.");
    if (fresh || !File.Exists(file))
    {
        // Generated under a temporary name and renamed when complete, so an interrupted run is never reused.
        var partial = file + ".partial";
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, partial }.SelectMany(f => new[] { f, f + "-wal", f + "-shm" })) File.Delete(f);
        var sw = Stopwatch.StartNew();
        await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, $"Data Source={partial}"))
        {
            await JournalDatabase.MigrateAsync(db);
            var generated = await BenchSchool.GenerateAsync(db, classes);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            Console.WriteLine($"(generated {generated.Students} students in {sw.Elapsed.TotalSeconds:F0} s: {file})");
        }

        SqliteConnection.ClearAllPools();
        File.Move(partial, file);
        foreach (var f in new[] { partial + "-wal", partial + "-shm" }) File.Delete(f);
    }

    await using var read = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
    var school = await read.Schools.AsNoTracking().Select(s => s.Id).SingleAsync();
    return new BenchSchool.Generated(school, await read.Classes.CountAsync(), await read.Enrolments.CountAsync(), await read.Lessons.CountAsync(),
        await read.Marks.CountAsync(), await read.Absences.CountAsync());
}

internal sealed record BenchOptions(IReadOnlyList<int> Students, int Runs, int Warmup, string DataDirectory, bool Fresh)
{
    public const double TargetMsPerStudent = 0.5;

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions([500, 5000], 10, 3, Path.Combine(Path.GetTempPath(), "bot-bench"), false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                o = args[i] switch
                {
                    "--students" => o with { Students = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() },
                    "--runs" => o with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--warmup" => o with { Warmup = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--data" => o with { DataDirectory = Next() },
                    "--fresh" => o with { Fresh = true },
                    _ => throw new ArgumentException($"unknown argument {args[i]}"),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}\nusage: Bot.Bench [--students 500,5000] [--runs 10] [--warmup 3] [--data DIR] [--fresh]");
                return null;
            }
        }

        return o.Runs < 1 || o.Students.Any(s => s < 1) ? null : o;
    }
}
