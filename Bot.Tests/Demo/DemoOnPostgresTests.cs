using Bot.Domain.Audit;
using Bot.Domain.Demo;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Demo;

/// <summary>The demo school on PostgreSQL, which (unlike SQLite) enforces column lengths and checks the audit chain's concurrency token.</summary>
[Collection("postgres")]
public sealed class DemoOnPostgresTests(PostgresServer server)
{
    [Fact]
    public async Task Seeding_FitsTheColumns_AndKeepsTheAuditChain_AndIsIdempotent()
    {
        await using var database = await TestDatabase.PostgresAsync(server);
        await using var db = database.NewContext();
        var options = new DemoSchoolOptions { Today = new DateOnly(2026, 11, 20), DaysBack = 4 };
        var summary = await DemoSchool.SeedAsync(db, options);

        Assert.Equal(33, summary.Classes);
        Assert.True(summary.Lessons > 500 && summary.Marks > 1_000 && summary.Absences > 0);
        Assert.True(await database.SealAsync() > summary.Marks); // written unsealed, chained after commit (ADR 0037)
        await using var check = database.NewContext();
        var verdict = await new AuditVerifier(check).VerifyAsync(await check.Schools.Select(s => s.Id).SingleAsync());
        Assert.True(verdict.IsIntact, verdict.Problem);
        Assert.True((await DemoSchool.SeedAsync(check, options)).AlreadySeeded);
    }
}
