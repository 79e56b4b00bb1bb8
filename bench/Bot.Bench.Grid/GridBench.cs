using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bot.Bench.Grid;
using Bot.Domain.Identity;
using Bot.Domain.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench.Grid;

internal static class GridBench
{
    public static async Task<int> Main(string[] args)
    {
        // The journal grid: GET of the grid page for 35 students × 80 lessons, and saving one cell (POST ?handler=Cell
        // through JournalService with its audit record and the guardian's outbox row), as a signed-in teacher, on SQLite.
        // Usage: dotnet run -c Release --project bench/Bot.Bench.Grid -- [--students 35] [--lessons 80] [--pages 40] [--saves 400] [--warmup 10]
        var studentCount = Arg("--students", 35);
        var lessonCount = Arg("--lessons", 80);
        var pages = Arg("--pages", 40);
        var saves = Arg("--saves", 400);
        var warmup = Arg("--warmup", 10);
        if (args.Contains("--lesson-page")) return await LessonPageBench.RunAsync(studentCount, saves, warmup); // ADR 0046
        const double PageTargetMs = 150, SaveP99TargetMs = 50;
        const string Password = "бенчмарк-пароль-1";

        Console.WriteLine($"Bot.Bench.Grid: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        var dir = Path.Combine(Path.GetTempPath(), "bot-bench-grid");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "grid.db");
        SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(dir, "grid.db*")) File.Delete(f);
        var connection = $"Data Source={file}";
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero)); // a Thursday; 80 school days since 1 September

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
        GridSchool school;
        await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
            school = await GridSchool.SeedAsync(db, clock, studentCount, lessonCount);
        await using (var scope = factory.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<PanelAccounts>().CreateForStaffAsync(school.TeacherId, "teacher", Password)).GetValueOrThrow();
        int marks, absences;
        await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
        {
            marks = await db.Marks.CountAsync();
            absences = await db.Absences.CountAsync();
        }

        Console.WriteLine($"Data: {school.Students.Count} students × {school.Lessons.Count} lessons ({school.Lessons[0].Date:dd.MM}–{school.Lessons[^1].Date:dd.MM.yyyy}), {marks} marks, {absences} absences; seeded in {sw.Elapsed.TotalSeconds:0.0} s.");

        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        var token = await TokenAsync("/Account/Login");
        var login = await client.PostAsync("/Account/Login", Form(token, ("Input.Login", "teacher"), ("Input.Password", Password)));
        if (login.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in failed: {login.StatusCode}");
        var url = $"/Journal/Grid/{school.ClassId}/{school.SubjectId}";

        // The page: server time of a GET, the response read whole; and the process's CPU time per page (what a loaded
        // machine's waiting does not inflate), and the query alone.
        var pageTimes = new List<double>();
        var queryTimes = new List<double>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var query = scope.ServiceProvider.GetRequiredService<Bot.Domain.Journal.Grid.JournalGridQuery>();
            for (var i = 0; i < warmup + pages; i++)
            {
                var db = scope.ServiceProvider.GetRequiredService<JournalDbContext>();
                db.ChangeTracker.Clear();
                sw.Restart();
                _ = await query.LoadAsync(school.ClassId, school.SubjectId, null);
                if (i >= warmup) queryTimes.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long bytes = 0;
        for (var i = 0; i < warmup + pages; i++)
        {
            sw.Restart();
            var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            var ms = sw.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Grid page: {response.StatusCode}");
            bytes = html.Length;
            if (i >= warmup) pageTimes.Add(ms);
            if (i == 0)
            {
                var cells = Regex.Count(html, "<input data-c=");
                Console.WriteLine($"Page: {cells} cells ({cells / Math.Max(1, school.Students.Count)} columns a row), {html.Length / 1024} KiB of HTML.");
            }
        }

        var pageCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / (warmup + pages);

        // Saving: the teacher types into the cells of the lessons within M-2's 10 days (their own entries stay theirs to fix: the clock stands still).
        token = await TokenAsync(url);
        var recent = school.Lessons.Where(l => l.Date > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-10)).ToList();
        var targets = (from l in recent from s in school.Students select (Lesson: l.Id, Student: s)).ToList();
        var free = new List<(Guid Lesson, Guid Student)>();
        await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
        {
            var lessonIds = recent.Select(l => l.Id).ToList();
            var taken = (await db.Marks.Where(m => m.LessonId != null && lessonIds.Contains(m.LessonId.Value)).Select(m => new { m.LessonId, m.StudentId }).ToListAsync())
                .Select(m => (m.LessonId!.Value, m.StudentId))
                .Concat((await db.Absences.Where(a => lessonIds.Contains(a.LessonId)).Select(a => new { a.LessonId, a.StudentId }).ToListAsync()).Select(a => (a.LessonId, a.StudentId)))
                .ToHashSet();
            free = targets.Where(t => !taken.Contains(t)).ToList();
        }

        var saveTimes = new List<double>();
        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var refused = 0;
        for (var i = 0; i < warmup + saves; i++)
        {
            var (lesson, student) = free[i % free.Count];
            var text = ((i / free.Count + i) % 12 + 1).ToString(CultureInfo.InvariantCulture);
            var request = new HttpRequestMessage(HttpMethod.Post, url + "?handler=Cell")
            {
                Content = Form(null, ("StudentId", student.ToString()), ("Column", "Current"), ("LessonId", lesson.ToString()), ("Text", text)),
            };
            request.Headers.Add("RequestVerificationToken", token);
            clock.Advance(TimeSpan.FromMilliseconds(10));
            sw.Restart();
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Save {i} ({lesson}, {student}, {text}) at {clock.GetUtcNow():O} failed: {e.GetBaseException().Message}");
            }

            var body = await response.Content.ReadAsStringAsync();
            var ms = sw.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                refused++;
                if (refused == 1) Console.WriteLine($"Refused: {response.StatusCode} {body}");
            }

            if (i >= warmup) saveTimes.Add(ms);
        }

        var saveCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / (warmup + saves);
        await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
            Console.WriteLine($"Saves: {saves} measured after {warmup} warm-up over {free.Count} empty cells of {recent.Count} lessons; refused {refused}; outbox rows {await db.Outbox.CountAsync()}, audit records {await db.AuditRecords.CountAsync()}.");
        Console.WriteLine();
        Console.WriteLine("| what | runs | min ms | median ms | p95 ms | p99 ms | max ms | target |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Row($"grid page {school.Students.Count} × {school.Lessons.Count} (GET, {bytes / 1024} KiB)", pageTimes, $"median < {PageTargetMs} ms");
        Row("save a cell (POST ?handler=Cell)", saveTimes, $"p99 < {SaveP99TargetMs} ms");
        Row("the page's query alone (JournalGridQuery)", queryTimes, "");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Process CPU per request (all threads): page {pageCpu:0.0} ms, save {saveCpu:0.0} ms. Load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}."));
        var ok = Percentile(pageTimes, 50) < PageTargetMs && Percentile(saveTimes, 99) < SaveP99TargetMs && refused == 0;
        Console.WriteLine(ok ? "Verdict: both targets met." : "Verdict: a target missed (or a save was refused).");
        return ok ? 0 : 1;

        async Task<string> TokenAsync(string path)
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

        static void Row(string what, List<double> t, string target) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {what} | {t.Count} | {t.Min():0.0} | {Percentile(t, 50):0.0} | {Percentile(t, 95):0.0} | {Percentile(t, 99):0.0} | {t.Max():0.0} | {target} |"));

        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}

/// <summary>The school's clock, standing still but for the step a save takes (the outbox keys a mark's alert by its instant).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    private long _ticks = now.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
