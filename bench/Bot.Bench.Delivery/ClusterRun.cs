using System.Diagnostics;
using System.Globalization;
using Bot.Domain.Diary;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Fakes;
using Bot.Host.Delivery;
using Bot.Host.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.Bench.Delivery;

/// <summary>
/// The fan-out on PostgreSQL with several processes: the generated school with its families goes into a fresh
/// database, the diaries are composed, and N real Bot.Host processes (`Host:Roles=jobs`, `dotnet Bot.Host.dll`) share
/// the outbox — one sends under the advisory lock, the others wait — to the fake Telegram server in its own process.
/// Memory is each process's peak resident set (`VmHWM`).
/// </summary>
internal static class ClusterRun
{
    public static async Task<int> RunAsync(DeliveryBenchOptions options)
    {
        Console.WriteLine($"Bot.Bench.Delivery on PostgreSQL, {options.Processes} processes: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var name = $"bench_delivery_{Environment.ProcessId}";
        await using (var admin = new NpgsqlConnection(options.Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = name }.ConnectionString;
        var processes = new List<(Process Process, string Name)>();
        try
        {
            var classes = (int)Math.Ceiling(options.Students / (double)BenchSchool.StudentsPerClass);
            var watch = Stopwatch.StartNew();
            await using (var db = JournalDatabase.Create(DatabaseProvider.PostgreSQL, connection))
            {
                await JournalDatabase.MigrateAsync(db);
                var students = await FamilyData.FillAsync(db, classes);
                Console.WriteLine($"(generated {students} students with their families in {watch.Elapsed.TotalSeconds:F0} s)");
            }

            var clock = new FixedStartClock(new DateTimeOffset(BenchSchool.LastDay.ToDateTime(new TimeOnly(16, 5)), TimeSpan.Zero));
            async Task<(int Count, TimeSpan Elapsed)> ComposeAsync()
            {
                var compose = Stopwatch.StartNew();
                await using var db = JournalDatabase.Create(DatabaseProvider.PostgreSQL, connection);
                var job = new DailyDiaryJob(db, new DiaryQueries(db, clock), new NotificationRulesService(db, new NotificationDefaults(), clock), clock, new OutboxSignal(), NullLogger<DailyDiaryJob>.Instance);
                return (await job.RunAsync(CancellationToken.None), compose.Elapsed);
            }

            var cold = await ComposeAsync();
            await using (var db = JournalDatabase.Create(DatabaseProvider.PostgreSQL, connection)) await db.Outbox.ExecuteDeleteAsync();
            var (composed, composeTime) = await ComposeAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Composed {cold.Count} diaries cold in {cold.Elapsed.TotalSeconds:F2} s, {composed} warm in {composeTime.TotalSeconds:F2} s."));
            // The school's evening lies ahead of the real clock the processes run on: the rows are due now.
            await using (var db = JournalDatabase.Create(DatabaseProvider.PostgreSQL, connection))
                await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.NotBeforeUtc, DateTime.UtcNow.AddMinutes(-1)));

            var (fake, fakeUrl) = await FakeProcess.StartAsync(options.Limit);
            var dll = Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll");
            for (var i = 0; i < options.Processes; i++) processes.Add((StartHost(dll, connection, fakeUrl, options.Limit, 5290 + i), $"jobs-{i + 1}"));
            Console.WriteLine($"Delivering {composed} at L = {options.Limit}/s through {options.Processes} Bot.Host processes.");

            var peaks = new long[processes.Count];
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(composed / options.Limit * 3 + 120);
            int settled;
            do
            {
                await Task.Delay(500);
                for (var i = 0; i < processes.Count; i++) peaks[i] = Math.Max(peaks[i], PeakKb(processes[i].Process));
                await using var db = JournalDatabase.Create(DatabaseProvider.PostgreSQL, connection);
                settled = await db.Outbox.CountAsync(o => o.State == OutboxState.Sent || o.State == OutboxState.Dead);
            }
            while (settled < composed && DateTime.UtcNow < deadline && processes.All(p => !p.Process.HasExited));

            var report = await FakeProcess.FinishAsync(fake);
            var seconds = (report.LastMs - report.FirstMs) / 1000;
            var rate = (report.Messages - 1) / seconds;
            Console.WriteLine();
            Console.WriteLine("| L /s | processes | diaries composed | compose s (cold) | delivered | chats | seconds | achieved /s | ratio to L | 429s (unhonoured) | duplicates | peak MB per process |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {options.Limit} | {options.Processes} | {composed} | {composeTime.TotalSeconds:F2} ({cold.Elapsed.TotalSeconds:F2}) | {report.Messages} | {report.Chats} | {seconds:F1} | {rate:F1} | {rate / options.Limit:F3} | {report.Refused} ({report.Unhonoured}) | {report.Duplicates} | {string.Join(", ", peaks.Select(p => (p / 1024).ToString(CultureInfo.InvariantCulture)))} |"));
            var ok = report.Messages == composed && report.Chats == composed && report.Duplicates == 0 && report.Unhonoured == 0 && rate >= 0.95 * options.Limit;
            Console.WriteLine(ok ? "All delivery targets met." : "A target was missed.");
            return ok ? 0 : 1;
        }
        finally
        {
            foreach (var (process, _) in processes)
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.Dispose();
            }

            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(options.Postgres);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A Bot.Host process with the `jobs` role, configured as an operator would, by environment variables.</summary>
    private static Process StartHost(string dll, string connection, string fakeUrl, double limit, int port)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ConnectionStrings__Journal"] = connection;
        start.Environment["Database__Provider"] = "PostgreSQL";
        start.Environment["Host__Roles"] = "jobs";
        start.Environment["Telegram__Token"] = FakeTelegramServer.Token;
        start.Environment["Telegram__ApiBaseUrl"] = fakeUrl;
        // 2 % under the fake's limit, as in the single-process run (see Program.cs).
        start.Environment["Delivery__GlobalPerSecond"] = (limit * 0.98).ToString(CultureInfo.InvariantCulture);
        start.Environment["Delivery__MaxInFlight"] = "8";
        start.Environment["Delivery__PollInterval"] = "00:00:00.100";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && (line.Contains("fail", StringComparison.Ordinal) || line.Contains("crit", StringComparison.Ordinal))) Console.WriteLine($"[{port}] {line}"); };
        process.BeginOutputReadLine();
        return process;
    }

    private static long PeakKb(Process process)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            return 0;
        }
    }
}
