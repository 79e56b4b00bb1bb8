using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bot.Domain.Demo;
using Bot.Domain.Identity;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Today;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench.Today;

internal static class TodayBench
{
    public static async Task<int> Main(string[] args)
    {
        // The first pages: GET /Today as the teacher with the most lessons that day and as the director, on the
        // demo school seeded up to that day (a Thursday in December, 11:00 in Kyiv), and the read models alone.
        // Usage: dotnet run -c Release --project bench/Bot.Bench.Today -- [--pages 40] [--warmup 10] [--fresh]
        var pages = Arg("--pages", 40);
        var warmup = Arg("--warmup", 10);
        const double TargetMs = 200;
        const string Password = "бенчмарк-пароль-1";

        Console.WriteLine($"Bot.Bench.Today: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        var dir = Path.Combine(Path.GetTempPath(), "bot-bench-today");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "demo.db");
        SqliteConnection.ClearAllPools();
        if (args.Contains("--fresh")) foreach (var f in Directory.GetFiles(dir, "demo.db*")) File.Delete(f);
        var connection = $"Data Source={file}";
        var now = new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero); // Thursday, 11:00 in Kyiv
        var clock = new FixedClock(now);

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Journal", connection);
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Admin:BootstrapPassword", Password);
            b.UseSetting("Host:Roles", "admin");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        _ = factory.Server; // migrations, the bootstrap account

        var sw = Stopwatch.StartNew();
        Guid schoolId, teacherId, directorId;
        await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
        {
            var summary = await DemoSchool.SeedAsync(db, new DemoSchoolOptions { Today = new DateOnly(2026, 12, 10), TimeOfDay = new TimeOnly(11, 0) });
            Console.WriteLine($"Data: {summary.Describe()} ({sw.Elapsed.TotalSeconds:0} s)");
            schoolId = await db.Schools.Where(s => s.IsDemo).Select(s => s.Id).SingleAsync();
            var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId == schoolId).ToListAsync();
            directorId = staff.First(s => s.Has(StaffRoles.Administrator)).Id;
            var thursday = await db.Timetable.AsNoTracking().Where(t => t.SchoolId == schoolId && t.Day == DayOfWeek.Thursday && t.TeacherId != null)
                .Select(t => t.TeacherId!.Value).ToListAsync();
            teacherId = thursday.GroupBy(t => t).OrderByDescending(g => g.Count()).First().Key;
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<PanelAccounts>();
            await accounts.CreateForStaffAsync(teacherId, "bench-teacher", Password);
            await accounts.CreateForStaffAsync(directorId, "bench-director", Password);
        }

        var rows = new List<(string What, List<double> Times, string Target)>();
        var ok = true;
        foreach (var (login, staffId) in new[] { ("bench-teacher", teacherId), ("bench-director", directorId) })
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
            var token = await TokenAsync(client, "/Account/Login");
            var signIn = await client.PostAsync("/Account/Login", Form(token, ("Input.Login", login), ("Input.Password", Password)));
            if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in failed: {signIn.StatusCode}");
            var times = new List<double>();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < warmup + pages; i++)
            {
                sw.Restart();
                var response = await client.GetAsync("/Today");
                var html = await response.Content.ReadAsStringAsync();
                var ms = sw.Elapsed.TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"/Today as {login}: {response.StatusCode}");
                if (i >= warmup) times.Add(ms);
                if (i == 0) Console.WriteLine($"{login}: {Describe(html)}");
            }

            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / (warmup + pages);
            rows.Add(($"GET /Today as {(login == "bench-teacher" ? "a teacher" : "the director")} (process CPU {cpu:0.0} ms a page)", times, $"median < {TargetMs} ms"));
            ok &= Percentile(times, 50) < TargetMs;
        }

        // The read models alone, a fresh DbContext each run.
        foreach (var (what, load) in new (string, Func<JournalDbContext, Task>)[]
                 {
                     ("TeacherToday.LoadAsync", db => TeacherToday.LoadAsync(db, clock, schoolId, teacherId)),
                     ("SchoolToday.LoadAsync", db => SchoolToday.LoadAsync(db, clock, schoolId)),
                 })
        {
            var times = new List<double>();
            for (var i = 0; i < warmup + pages; i++)
            {
                await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection);
                sw.Restart();
                await load(db);
                if (i >= warmup) times.Add(sw.Elapsed.TotalMilliseconds);
            }

            rows.Add((what, times, ""));
        }

        Console.WriteLine();
        Console.WriteLine("| what | runs | min ms | median ms | p95 ms | max ms | target |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (what, t, target) in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {what} | {t.Count} | {t.Min():0.0} | {Percentile(t, 50):0.0} | {Percentile(t, 95):0.0} | {t.Max():0.0} | {target} |"));
        Console.WriteLine($"Load average: {File.ReadAllText("/proc/loadavg").Trim()}.");
        Console.WriteLine(ok ? "Verdict: both pages under the target." : "Verdict: a page missed the target.");
        return ok ? 0 : 1;

        static string Describe(string html) =>
            $"{html.Length / 1024} KiB; {Regex.Count(html, "data-number=")} lessons today, {Regex.Count(html, "data-teacher=")} teachers with unrecorded lessons, "
            + $"{Regex.Count(html, "<tr data-class=")} classes with absences, {Regex.Count(html, "data-date=")} unrecorded of the last days";

        static async Task<string> TokenAsync(HttpClient client, string path)
        {
            var html = await client.GetStringAsync(path);
            var match = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
            return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {path}");
        }

        static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields) =>
            new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Concat(token is null ? [] : [KeyValuePair.Create("__RequestVerificationToken", token)]));

        static double Percentile(List<double> values, double p)
        {
            var sorted = values.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }

        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}

/// <summary>The school's clock, standing still.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
