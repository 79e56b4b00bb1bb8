using System.Diagnostics;
using System.Globalization;
using Bot.Bench;
using Bot.Bench.Delivery;
using Bot.Domain.Diary;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Fakes;
using Bot.Host.Configuration;
using Bot.Host.Delivery;
using Bot.Host.Jobs;
using Bot.Host.Observability;
using Bot.Host.Storage;
using Bot.Host.Telegram;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

// The evening diary's fan-out: compose every family's diary of a generated school (DailyDiaryJob), then deliver the
// outbox through Bot.Host's sender to the fake Telegram server limited to L messages a second overall and 1 per chat.
// Usage: dotnet run -c Release --project bench/Bot.Bench.Delivery -- [--students 10000] [--limit 300] [--count N] [--data DIR]
//        [--postgres "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres" [--processes 2]] [--jobs sqlite|memory]
// With --postgres: the school goes into a fresh database on that server and N Bot.Host processes (role jobs) deliver.
// With --urgent ("urgent means fast"): two thirds of the families cannot be reached (a third without an active
// chat, a third without a consent, as in the demo), the first --count diaries are due and an urgent whole-school
// announcement is posted; the sender runs at the product's own settings (Delivery:GlobalPerSecond 25, poll 1 s) against a
// fake Telegram at --limit (30, Telegram's own), and the announcement's rate is measured against 0.95 × 25.
//   dotnet run -c Release --project bench/Bot.Bench.Delivery -- --urgent --students 1500 --limit 30 --count 100
// With --shelter: the same, but the director presses «Клас в укритті» for the whole school (ADR 0044) instead.
if (args is ["--fake-telegram", var fakeLimit]) return await FakeProcess.ServeAsync(double.Parse(fakeLimit, CultureInfo.InvariantCulture));
var options = DeliveryBenchOptions.Parse(args);
if (options is null) return 2;
if (options.Postgres is not null) return await ClusterRun.RunAsync(options);

Console.WriteLine($"Bot.Bench.Delivery: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
var classes = (int)Math.Ceiling(options.Students / (double)BenchSchool.StudentsPerClass);
var file = await FamilyData.EnsureAsync(options.DataDirectory, classes);
var work = Path.Combine(options.DataDirectory, $"delivery-run-{Environment.ProcessId}.db");
File.Copy(file, work, overwrite: true);
var connection = $"Data Source={work}";
// A template kept from an earlier version of the schema is brought up to date on the run's copy.
await using (var migrating = JournalDatabase.Create(DatabaseProvider.Sqlite, connection)) await JournalDatabase.MigrateAsync(migrating);
try
{
    var unreachableFamilies = options.Urgent ? await UrgentRun.MakeTwoThirdsUnreachableAsync(connection) : [];
    var unreachable = unreachableFamilies.Count;
    if (options.Urgent) Console.WriteLine($"{unreachable} of the families cannot be reached (no active chat, or no consent).");
    // 18:05 in Kyiv on the generated school's last day: everyone's diary time (default 18:00) has come.
    var clock = new FixedStartClock(new DateTimeOffset(BenchSchool.LastDay.ToDateTime(new TimeOnly(16, 5)), TimeSpan.Zero));
    // Composed twice on the same data: the first run of a process pays for the JIT and EF Core's model; the second is the
    // steady state measured against the target (a job process composes every evening).
    async Task<(int Count, TimeSpan Elapsed)> ComposeAsync()
    {
        var watch = Stopwatch.StartNew();
        await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
        var job = new DailyDiaryJob(db, new DiaryQueries(db, clock), new Bot.Domain.Notifications.NotificationRulesService(db, new Bot.Domain.Notifications.NotificationDefaults(), clock), clock, new OutboxSignal(), NullLogger<DailyDiaryJob>.Instance);
        var count = await job.RunAsync(CancellationToken.None);
        return (count, watch.Elapsed);
    }

    var cold = await ComposeAsync();
    await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection)) await db.Outbox.ExecuteDeleteAsync();
    var (composed, composeTime) = await ComposeAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Composed {cold.Count} diaries cold in {cold.Elapsed.TotalSeconds:F2} s, {composed} warm in {composeTime.TotalSeconds:F2} s."));
    Console.WriteLine($"[after compose] working set {Environment.WorkingSet / 1048576} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB, heap {GC.GetTotalMemory(false) / 1048576} MB");

    if (options.Count is { } limit)
    {
        // A shorter run (the 30/s minute): only the first N rows are due now.
        await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
        var later = await db.Outbox.OrderBy(o => o.IdempotencyKey).Skip(limit).Select(o => o.Id).ToListAsync();
        foreach (var chunk in later.Chunk(1000))
            await db.Outbox.Where(o => chunk.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Cancelled));
    }

    var expected = options.Count is { } n ? Math.Min(n, composed) : composed;
    var urgentRows = options.Shelter ? await UrgentRun.ShelterAsync(connection, clock)
        : options.Urgent ? await UrgentRun.PostAnnouncementAsync(connection, clock) : 0;
    var urgentReachable = urgentRows - unreachable;
    if (options.Urgent) expected = await UrgentRun.ReachableDueAsync(connection, unreachableFamilies);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Delivering {expected} at L = {options.Limit}/s{(options.Urgent ? $" ({(options.Shelter ? "«Клас в укритті» for the whole school" : "an urgent announcement")}: {urgentRows} rows, {urgentReachable} reachable; diaries: {expected - urgentReachable})" : "")}."));
    var (fake, fakeUrl) = await FakeProcess.StartAsync(options.Limit);

    var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    var settings = new Dictionary<string, string?>
    {
        ["ConnectionStrings:Journal"] = connection,
        ["Host:Roles"] = "jobs",
        ["Telegram:Token"] = FakeTelegramServer.Token,
        ["Telegram:ApiBaseUrl"] = fakeUrl,
    };
    if (!options.Urgent)
    {
        // The sender keeps 2 % under the server's limit, as the default 25/s keeps under Telegram's 30/s: exactly at the
        // limit, network jitter bunches two sends into one second of the server's sliding window now and then (a 429).
        settings["Delivery:GlobalPerSecond"] = (options.Limit * 0.98).ToString(CultureInfo.InvariantCulture);
        settings["Delivery:MaxInFlight"] = "8";
        settings["Delivery:PollInterval"] = "00:00:00.100";
    }

    // --jobs sqlite|memory: the Hangfire server of a jobs process beside the sender, its jobs in their SQLite
    // file (the embedded default, ADR 0030) or in memory; without it, no Hangfire at all (the sender alone).
    if (options.Jobs is "sqlite" or "memory")
    {
        settings["Jobs:InMemory"] = options.Jobs == "memory" ? "true" : "false";
        settings["Jobs:SqlitePath"] = work + "-jobs.db";
    }

    builder.Configuration.AddInMemoryCollection(settings);
    builder.AddProductSettings();
    builder.AddJournalStorage();
    builder.AddTelegram();
    builder.AddObservability(); // the sender counts what it does (ADR 0024)
    builder.AddDelivery();
    if (options.Jobs is "sqlite" or "memory") builder.AddJobs();
    builder.Services.AddSingleton<TimeProvider>(clock); // after the settings' TimeProvider.System: the last one wins
    using var host = builder.Build();

    var startedAt = clock.GetUtcNow().UtcDateTime;
    await host.StartAsync();
    using var monitorStop = new CancellationTokenSource();
    var monitor = Task.Run(async () =>
    {
        while (!monitorStop.IsCancellationRequested)
        {
            var info = GC.GetGCMemoryInfo();
            Console.WriteLine($"[mem] ws {Environment.WorkingSet / 1048576} MB, heap {info.HeapSizeBytes / 1048576} MB, committed {info.TotalCommittedBytes / 1048576} MB, gen0 count {GC.CollectionCount(0)}, gen2 {GC.CollectionCount(2)}");
            try { await Task.Delay(5000, monitorStop.Token); } catch (OperationCanceledException) { }
        }
    });
    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(options.Urgent ? expected / 2.0 + 60 : expected / options.Limit * 3 + 60);
    int settled;
    do
    {
        await Task.Delay(200);
        await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
        settled = await db.Outbox.CountAsync(o => o.State == OutboxState.Sent || o.State == OutboxState.Dead);
    }
    while (settled < expected && DateTime.UtcNow < deadline);
    await host.StopAsync();
    monitorStop.Cancel();
    await monitor;
    var report = await FakeProcess.FinishAsync(fake);

    var seconds = (report.LastMs - report.FirstMs) / 1000;
    var rate = (report.Messages - 1) / seconds;
    var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
    await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
    {
        var states = await db.Outbox.GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Console.WriteLine("Outbox: " + string.Join(", ", states.Select(s => $"{s.Key} {s.Count}")));
    }

    if (options.Urgent)
    {
        var urgent = await UrgentRun.ReportAsync(connection, startedAt, options.Shelter ? NotificationKind.ShelterNotice : NotificationKind.Announcement);
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var target = new DeliveryOptions().GlobalPerSecond;
        Console.WriteLine();
        Console.WriteLine("| build | sender /s | families | unreachable | urgent delivered | urgent s (from start) | urgent /s | ratio to 25 | diaries sent before the last urgent | 429s (unhonoured) | duplicates |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {options.Label} | {target} | {urgentRows} | {unreachable} | {urgent.Sent} | {urgent.Seconds:F1} ({urgent.FromStart:F1}) | {urgent.Rate:F1} | {urgent.Rate / target:F3} | {urgent.DiariesBefore} | {report.Refused} ({report.Unhonoured}) | {report.Duplicates} |"));
        var met = urgent.Sent == urgentReachable && report.Messages == expected && report.Duplicates == 0 && report.Unhonoured == 0
            && urgent.Rate >= 0.95 * target && urgent.DiariesBefore <= new DeliveryOptions().MaxInFlight;
        Console.WriteLine(met ? "All targets met." : "A target was missed.");
        return met ? 0 : 1;
    }

    Console.WriteLine();
    Console.WriteLine($"Hangfire beside the sender: {options.Jobs ?? "none"}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    Console.WriteLine("| L /s | diaries composed | compose s (cold) | delivered | chats | seconds | achieved /s | ratio to L | 429s (unhonoured) | duplicates | peak MB |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {options.Limit} | {composed} | {composeTime.TotalSeconds:F2} ({cold.Elapsed.TotalSeconds:F2}) | {report.Messages} | {report.Chats} | {seconds:F1} | {rate:F1} | {rate / options.Limit:F3} | {report.Refused} ({report.Unhonoured}) | {report.Duplicates} | {peakMb:F0} |"));
    var ok = report.Messages == expected && report.Chats == expected && report.Duplicates == 0 && report.Unhonoured == 0 && rate >= 0.95 * options.Limit
        && peakMb < 200 && composeTime < TimeSpan.FromSeconds(5);
    Console.WriteLine(ok ? "All targets met." : "A target was missed.");
    return ok ? 0 : 1;
}
finally
{
    SqliteConnection.ClearAllPools();
    foreach (var f in new[] { work, work + "-wal", work + "-shm", work + "-jobs.db", work + "-jobs.db-wal", work + "-jobs.db-shm" }) File.Delete(f);
}

internal sealed record DeliveryBenchOptions(int Students, double Limit, int? Count, string DataDirectory, string? Postgres = null, int Processes = 2,
    bool Urgent = false, string Label = "", string? Jobs = null, bool Shelter = false)
{
    public static DeliveryBenchOptions? Parse(string[] args)
    {
        var o = new DeliveryBenchOptions(10_000, 300, null, Path.Combine(Path.GetTempPath(), "bot-bench"));
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                o = args[i] switch
                {
                    "--students" => o with { Students = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--limit" => o with { Limit = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--count" => o with { Count = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--data" => o with { DataDirectory = Next() },
                    "--postgres" => o with { Postgres = Next() },
                    "--processes" => o with { Processes = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--urgent" => o with { Urgent = true },
                    // "Клас в укритті" for the whole school instead of the urgent announcement (ADR 0044), set up as --urgent.
                    "--shelter" => o with { Urgent = true, Shelter = true },
                    "--label" => o with { Label = Next() },
                    "--jobs" => o with { Jobs = Next() is "sqlite" or "memory" ? args[i] : throw new ArgumentException("--jobs takes sqlite or memory") },
                    _ => throw new ArgumentException($"unknown argument {args[i]}"),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}\nusage: Bot.Bench.Delivery [--students 10000] [--limit 300] [--count N] [--data DIR] [--postgres CONNECTION [--processes 2]] [--urgent [--label NAME]]");
                return null;
            }
        }

        return o.Students < 1 || o.Limit <= 0 || o.Count is < 1 || o.Processes is < 1 or > 8 || (o.Urgent && o.Postgres is not null) ? null : o;
    }
}
