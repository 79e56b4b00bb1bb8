using System.Diagnostics;
using System.Globalization;
using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Bench.Webhook;

/// <summary>
/// Teachers sending /mark through Bot.Host's Telegram webhook on SQLite — or on PostgreSQL with N bot instances sharing
/// the database (--postgres, --processes) — updates a second and the latency from the POST to the committed mark. The webhook answers 200 after the update was handled — the mark saved in its own
/// transaction, the reply sent — so POST → 200 bounds the time to the commit from above; the marks in the database
/// are counted after every phase against the updates answered.
/// Usage: dotnet run -c Release --project bench/Bot.Bench.Webhook -- [options]; see <see cref="WebhookBenchOptions.Usage"/>.
/// </summary>
internal static class WebhookBench
{
    private const string Accepted = "Записано:";

    public static async Task<int> Main(string[] args)
    {
        var o = WebhookBenchOptions.Parse(args);
        if (o is null) return 2;

        var where = o.Postgres is null ? "SQLite" : $"PostgreSQL, {o.Processes} Bot.Host instance(s) in this process, roles bot,jobs, teacher i → instance i mod {o.Processes}";
        Console.WriteLine($"Bot.Bench.Webhook: /mark through the Telegram webhook on {where}; {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine($"Target: at least {WebhookBenchOptions.TargetPerSecond:0} updates/s with p99 under {WebhookBenchOptions.TargetP99Ms:0} ms. " +
            $"{o.Teachers} teachers, {o.Updates} updates a phase, phases at {string.Join(", ", o.Rates.Select(Rate))}, warm-up {o.Warmup}, runs {o.Runs}; " +
            $"demo school scale {o.Scale}, {o.DaysBack} days back; the bot's clock at {o.At:yyyy-MM-dd HH:mm} ({o.At:dddd}), Europe/Kyiv" +
            (o.Settings.Count == 0 ? "." : $"; settings: {string.Join(", ", o.Settings.Select(s => $"{s.Key}={s.Value}"))}."));
        var template = await BenchSchoolData.EnsureTemplateAsync(o);

        Console.WriteLine();
        Console.WriteLine("| run | phase | offered/s | updates | achieved/s | p50 ms | p95 ms | p99 ms | max ms | errors | refused | marks added | SQL/update (read+write+other) | SQL ms/update | commits/update | max lag ms | load avg |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");

        // Per run: false when something was wrong (errors, refusals, counts that disagree) or the target was missed;
        // null when it ran without fault but its phases cannot decide the target.
        var verdicts = new List<bool?>();
        for (var run = 1; run <= o.Runs; run++)
            verdicts.Add(await RunAsync(o, template, run));

        Console.WriteLine();
        Console.WriteLine(
            verdicts.Any(v => v == false) ? $"Target missed (or a run went wrong) in {verdicts.Count(v => v == false)} of {verdicts.Count} run(s)."
            : verdicts.All(v => v == true) ? "Target met in every run."
            : "No fault; no verdict on the target (run a closed-loop phase, rate 0, and one at the target rate).");
        return verdicts.Any(v => v == false) ? 1 : 0;
    }

    private static async Task<bool?> RunAsync(WebhookBenchOptions o, string template, int run)
    {
        await using var database = await BenchSchoolData.CopyForRunAsync(o, template, run);
        var offset = SchoolTime.Resolve(SchoolTime.DefaultTimeZone).GetUtcOffset(o.At);
        var clock = new BenchClock(new DateTimeOffset(o.At, offset));
        var setup = Stopwatch.StartNew();
        var teachers = await BenchSchoolData.PrepareTeachersAsync(database, o, clock);
        using var sql = new SqlCommandCounter(o.SqlLog is null ? null : File.CreateText(o.SqlLog));
        await using var bot = await BotUnderTest.StartAsync(database, o.Processes, clock, o.LogLevel, o.Settings);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.Teachers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        var load = new TeacherLoad(http, bot.WebhookFor, clock);
        await LinkAsync(load, bot, teachers, database);
        if (run == 1)
            Console.Error.WriteLine($"(run {run}: {teachers.Count} teachers linked by /start <invite> in {setup.Elapsed.TotalSeconds:F1} s; " +
                $"e.g. {string.Join(" | ", teachers.Take(3).Select(t => t.Commands[0]))})");

        var next = 0;
        if (o.Warmup > 0)
        {
            var warm = await load.RunAsync(teachers, next, o.PerTeacher(o.Warmup), 0);
            next += o.PerTeacher(o.Warmup);
            if (warm.Errors > 0) throw new InvalidOperationException($"Warm-up: {warm.Errors} errors, first: {warm.FirstError}");
        }

        var pass = true;
        PhaseResult? closed = null, atTarget = null;
        foreach (var rate in o.Rates)
        {
            var before = await CountsAsync(database, bot);
            sql.Take();
            var load0 = LoadAverage();
            var runtime0 = RuntimeStats.Take();
            var phase = await load.RunAsync(teachers, next, o.PerTeacher(o.Updates), rate);
            next += o.PerTeacher(o.Updates);
            var counts = sql.Take();
            var runtime = RuntimeStats.Take() - runtime0;
            var after = await CountsAsync(database, bot);
            var (accepted, refused, sample) = Replies(bot, before.Messages, teachers);

            var marks = after.Marks - before.Marks;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {run} | {(rate > 0 ? "paced" : "closed loop")} | {Rate(rate)} | {phase.Updates} | {phase.AchievedPerSecond:F0} | {phase.Percentile(50):F1} | " +
                $"{phase.Percentile(95):F1} | {phase.Percentile(99):F1} | {phase.Max:F0} | {phase.Errors} | {refused} | {marks} | " +
                $"{counts.Commands / (double)phase.Updates:F1} ({counts.Reads / (double)phase.Updates:F1}+{counts.Writes / (double)phase.Updates:F1}+{counts.Other / (double)phase.Updates:F1}) | " +
                $"{counts.Duration.TotalMilliseconds / phase.Updates:F1} | {counts.Commits / (double)phase.Updates:F1} | {(rate > 0 ? phase.MaxLagMs.ToString("F0", CultureInfo.InvariantCulture) : "–")} | {load0} → {LoadAverage()} |"));

            // Every answered update is a committed mark (or a refusal, reported): the count must agree.
            if (marks != accepted || accepted + refused != phase.Answered)
            {
                Console.WriteLine($"  MISMATCH: {phase.Answered} answered, {accepted} replies \"{Accepted}\", {refused} other replies, {marks} marks added.");
                pass = false;
            }

            Console.WriteLine($"  {runtime.PerUpdate(phase.Updates)}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  EF Core: {counts.Opens / (double)phase.Updates:F1} connection opens and {counts.Compilations / (double)phase.Updates:F2} query compilations per update; " +
                $"{counts.RolledBack} optimistic concurrency conflicts (the audit chain head taken by another writer; the write is tried again)"));
            if (refused > 0) Console.WriteLine($"  refused, e.g.: {sample}");
            if (phase.Errors > 0) Console.WriteLine($"  errors, first: {phase.FirstError}");
            if (counts.Failed > 0) Console.WriteLine($"  {counts.Failed} SQL commands failed (lock or concurrency conflicts retried by the product).");
            pass &= phase.Errors == 0 && refused == 0;
            if (rate == 0) closed = phase;
            if (Math.Abs(rate - WebhookBenchOptions.TargetPerSecond) < 0.001) atTarget = phase;
        }

        if (closed is null || atTarget is null)
        {
            Console.WriteLine($"  run {run}: no verdict (it needs a closed-loop phase, rate 0, and one at {WebhookBenchOptions.TargetPerSecond:0}/s)");
            return pass ? null : false;
        }

        var throughput = closed.AchievedPerSecond / WebhookBenchOptions.TargetPerSecond;
        var latency = atTarget.Percentile(99) / WebhookBenchOptions.TargetP99Ms;
        var keptPace = atTarget.AchievedPerSecond >= 0.98 * WebhookBenchOptions.TargetPerSecond;
        pass &= throughput >= 1 && latency < 1 && keptPace;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  run {run}: throughput {closed.AchievedPerSecond:F0}/s = {throughput:F2} × target; at {WebhookBenchOptions.TargetPerSecond:0}/s offered: " +
            $"{atTarget.AchievedPerSecond:F0}/s achieved{(keptPace ? "" : " (fell behind)")}, p99 {atTarget.Percentile(99):F1} ms = {latency:F2} × the {WebhookBenchOptions.TargetP99Ms:0} ms budget"));
        return pass;
    }

    /// <summary>Each teacher links their chat the way a person does: /start with the invite code, through the webhook.</summary>
    private static async Task LinkAsync(TeacherLoad load, BotUnderTest bot, IReadOnlyList<TeacherChat> teachers, BenchDatabase database)
    {
        var statuses = await Task.WhenAll(teachers.Select((t, i) => load.PostAsync(i, load.Update(t, "/start " + t.InviteCode))));
        if (statuses.FirstOrDefault(s => s.Status != 200) is { Error: not null } failed) throw new InvalidOperationException($"Linking failed: {failed.Error}");
        await using var db = database.Open();
        var linked = await db.ChatLinks.CountAsync(l => l.Channel == Channel.Telegram && l.IsActive && l.ChatId.StartsWith("7"));
        if (linked != teachers.Count)
        {
            var replies = bot.Telegram.Messages.Take(3).Select(m => m.PlainText);
            throw new InvalidOperationException($"{linked} of {teachers.Count} chats linked; replies: {string.Join(" | ", replies)}");
        }
    }

    private sealed record Counts(int Marks, int Messages);

    private static async Task<Counts> CountsAsync(BenchDatabase database, BotUnderTest bot)
    {
        await using var db = database.Open();
        return new Counts(await db.Marks.CountAsync(), bot.Telegram.Messages.Count);
    }

    /// <summary>The bot's replies since <paramref name="from"/>: how many said the mark was recorded, how many said something else.</summary>
    private static (int Accepted, int Refused, string? Sample) Replies(BotUnderTest bot, int from, IReadOnlyList<TeacherChat> teachers)
    {
        var chats = teachers.Select(t => t.ChatId).ToHashSet();
        var replies = bot.Telegram.Messages.Skip(from).Where(m => chats.Contains(m.ChatId)).ToList();
        var refused = replies.Where(m => !m.PlainText.StartsWith(Accepted, StringComparison.Ordinal)).ToList();
        return (replies.Count - refused.Count, refused.Count, refused.FirstOrDefault()?.PlainText.ReplaceLineEndings(" "));
    }

    /// <summary>What the runtime did in a phase: collections, lock contentions, thread pool threads at the end.</summary>
    /// <remarks>CPU time and allocations are the whole process's: Bot.Host, and also the fake Telegram server and the teachers' client.</remarks>
    private sealed record RuntimeStats(TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2, long Contentions, int Threads, TimeSpan GcPause)
    {
        public static RuntimeStats Take() => new(Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(), GC.CollectionCount(0),
            GC.CollectionCount(1), GC.CollectionCount(2), Monitor.LockContentionCount, ThreadPool.ThreadCount, GC.GetTotalPauseDuration());

        public static RuntimeStats operator -(RuntimeStats a, RuntimeStats b) =>
            new(a.Cpu - b.Cpu, a.Allocated - b.Allocated, a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Contentions - b.Contentions, a.Threads,
                a.GcPause - b.GcPause);

        public string PerUpdate(int updates) => string.Create(CultureInfo.InvariantCulture,
            $"process CPU {Cpu.TotalMilliseconds / updates:F1} ms and {Allocated / 1024.0 / updates:F0} KB allocated per update; " +
            $"GC {Gen0}/{Gen1}/{Gen2} (gen 0/1/2), paused {GcPause.TotalMilliseconds:F0} ms; {Contentions} lock contentions; {Threads} thread pool threads");
    }

    private static string Rate(double rate) => rate > 0 ? rate.ToString("0", CultureInfo.InvariantCulture) + "/s" : "as fast as answered";

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
