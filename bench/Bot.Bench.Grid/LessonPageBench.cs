using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Host.LessonPage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench.Grid;

/// <summary>
/// The lesson page (ADR 0046): the bytes a phone downloads on the first load, compressed as served (the shell,
/// its script and style, the service worker, the lesson's JSON), and the server time of saving one mark through
/// <c>POST /lesson/api/{lesson}/entries</c> (the flow's checks, the journal, the idempotency claim), on the grid
/// benchmark's SQLite school (its class, today's lesson), signed in through a Viber link.
/// Usage: dotnet run -c Release --project bench/Bot.Bench.Grid -- --lesson-page [--students 35] [--saves 400] [--warmup 10]
/// </summary>
internal static class LessonPageBench
{
    public static async Task<int> RunAsync(int studentCount, int saves, int warmup)
    {
        const double BytesTarget = 150 * 1024, SaveP99TargetMs = 50;
        Console.WriteLine($"Bot.Bench.Grid --lesson-page: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        var dir = Path.Combine(Path.GetTempPath(), "bot-bench-lesson-page");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "lesson.db");
        SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(dir, "lesson.db*")) File.Delete(f);
        var connection = $"Data Source={file}";
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero));

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Journal", connection);
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Host:Roles", "bot");
            b.UseSetting("Files:PublicBaseUrl", "https://school.example");
            b.UseSetting("Files:SigningKey", "bench-signing-key");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        _ = factory.Server;

        GridSchool school;
        await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
        {
            school = await GridSchool.SeedAsync(db, clock, studentCount, 200); // every school day up to today: the page opens today's lesson only
            var schoolId = await db.Staff.Where(s => s.Id == school.TeacherId).Select(s => s.SchoolId).FirstAsync();
            var invite = new Invite(schoolId, PersonKind.Staff, school.TeacherId, clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(30), null);
            db.AddRange(invite, new ChatLink(schoolId, Channel.Viber, "bench-viber", "bench-viber", PersonKind.Staff, school.TeacherId, invite.Id, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        var (lessonId, day) = school.Lessons[^1];
        var page = LessonPageLinks.PageOf(lessonId);
        var link = factory.Services.GetRequiredService<LessonPageLinks>().ViberLink(page, school.TeacherId)!;
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        var opened = await client.GetAsync(new Uri(link).PathAndQuery);
        if (opened.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"The link did not open the page: {opened.StatusCode}");

        // First load: what a phone downloads, compressed as served (brotli, as Chromium and Telegram's webviews ask).
        long total = 0, raw = 0;
        Console.WriteLine($"Lesson {day:dd.MM.yyyy}, {school.Students.Count} students. First load (Accept-Encoding: br, gzip):");
        foreach (var path in new[] { $"/lesson/{page}", "/lesson/app.js", "/lesson/app.css", "/lesson/sw.js", $"/lesson/api/{page}" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
            var response = await client.SendAsync(request);
            var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
            var plain = new HttpRequestMessage(HttpMethod.Get, path);
            var uncompressed = (await (await client.SendAsync(plain)).Content.ReadAsByteArrayAsync()).Length;
            total += bytes;
            raw += uncompressed;
            Console.WriteLine($"  {path,-50} {(int)response.StatusCode} {string.Join(",", response.Content.Headers.ContentEncoding),-3} {bytes,7:N0} B (uncompressed {uncompressed:N0} B)");
        }

        Console.WriteLine($"  total {total:N0} B compressed ({raw:N0} B uncompressed); target < {BytesTarget:N0} B");

        // Saves: one mark each, into the lesson's cells that were empty (the teacher's own cells, rewritten within the undo window).
        List<Guid> free;
        await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, connection))
        {
            var taken = await db.Marks.Where(m => m.LessonId == lessonId).Select(m => m.StudentId)
                .Concat(db.Absences.Where(a => a.LessonId == lessonId).Select(a => a.StudentId)).ToListAsync();
            free = school.Students.Where(s => !taken.Contains(s)).ToList();
        }

        var times = new List<double>();
        var refused = 0;
        var sw = new Stopwatch();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < warmup + saves; i++)
        {
            var student = free[i % free.Count];
            var value = ((i / free.Count + i) % 12 + 1).ToString(CultureInfo.InvariantCulture);
            clock.Advance(TimeSpan.FromMilliseconds(10));
            sw.Restart();
            var response = await client.PostAsJsonAsync($"/lesson/api/{page}/entries",
                new { key = Guid.NewGuid(), at = clock.GetUtcNow(), kind = "mark", student, value });
            var body = await response.Content.ReadAsStringAsync();
            var ms = sw.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                refused++;
                if (refused == 1) Console.WriteLine($"Refused: {response.StatusCode} {body}");
            }

            if (i >= warmup) times.Add(ms);
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / (warmup + saves);
        Console.WriteLine($"Saves: {saves} measured after {warmup} warm-up over {free.Count} cells; refused {refused}.");
        Console.WriteLine("| what | runs | min ms | median ms | p95 ms | p99 ms | max ms | target |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| save a mark (POST /lesson/api/…/entries, the answer carries the lesson) | {times.Count} | {times.Min():0.0} | {P(50):0.0} | {P(95):0.0} | {P(99):0.0} | {times.Max():0.0} | p99 < {SaveP99TargetMs} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Process CPU per save (all threads): {cpu:0.0} ms. Load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}."));
        var ok = total < BytesTarget && P(99) < SaveP99TargetMs && refused == 0;
        Console.WriteLine(ok ? "Verdict: both targets met." : "Verdict: a target missed (or a save was refused).");
        return ok ? 0 : 1;

        double P(double p)
        {
            var sorted = times.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
        }
    }
}
