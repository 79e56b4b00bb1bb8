using Bot.Domain.Demo;
using Bot.Domain.Persistence;
using Bot.Host.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Host.Demo;

/// <summary>The demonstration school: seeded at start with `--demo` (`Demo:Seed`) into an empty database, or by the `demo` verb.</summary>
public static class DemoExtensions
{
    /// <summary>After migrations: with `Demo:Seed`, seeds the demo school if the database has no school yet, and logs what it made.</summary>
    public static async Task SeedDemoSchoolAsync(this WebApplication app)
    {
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!demo.Seed) return;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Bot.Host.Demo");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JournalDbContext>();
        if (await db.Schools.AnyAsync())
        {
            log.LogInformation("Demo:Seed is on, but the database already has a school: nothing is seeded.");
            return;
        }

        log.LogInformation("Seeding the demo school: the journal of every school day up to today, which takes a minute...");
        var summary = await SeedAsync(scope.ServiceProvider, db, CancellationToken.None);
        log.LogInformation("{Summary}", summary.Describe());
        if (await DemoAccounts.EnsureAsync(scope.ServiceProvider, db) is { } accounts) log.LogWarning("{Accounts}", accounts);
    }

    /// <summary>Seeds the demo school with the settings (`School:TimeZone`, `Demo:Scale`, `Demo:DaysBack`) up to now by the clock.</summary>
    public static Task<DemoSummary> SeedAsync(IServiceProvider services, JournalDbContext db, CancellationToken ct)
    {
        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var school = services.GetRequiredService<IOptions<SchoolOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var options = DemoSchoolOptions.Now(clock, school.TimeZone) with { Scale = demo.Scale, DaysBack = demo.DaysBack };
        return DemoSchool.SeedAsync(db, options, ct);
    }
}
