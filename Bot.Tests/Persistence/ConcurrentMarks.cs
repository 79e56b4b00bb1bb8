using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Bot.Tests.Persistence;

/// <summary>
/// 24 marks by one teacher at once (8 lessons × 3 students), one context per writer as one request each, on either
/// provider; then every mark written and the school's audit chain intact.
/// </summary>
internal static class ConcurrentMarks
{
    public static async Task WriteAndCheckAsync(TestDatabase database, IInterceptor counter)
    {
        TestSchool s;
        await using (var db = database.NewContext()) s = await TestSchool.CreateAsync(db);
        var lessons = new List<Guid>();
        await using (var db = database.NewContext())
        {
            var journal = s.Journal(db);
            foreach (var slot in Enumerable.Range(1, 8))
                lessons.Add((await journal.RecordLessonAsync(s.As(s.AlgebraTeacher), new LessonInput(s.Class7A.Id, s.Algebra.Id, null, TestSchool.Today, slot, $"Урок {slot}")))
                    .GetValueOrThrow().Id);
        }

        using var start = new ManualResetEventSlim();
        var writers = lessons.SelectMany(lesson => new[] { s.Ivanenko, s.Petrenko, s.Sydorenko }.Select(student => Task.Run(async () =>
        {
            await using var db = NewContext(database, counter);
            start.Wait();
            return await s.Journal(db).SetCellAsync(s.As(s.AlgebraTeacher), new CellInput(student.Id, s.Class7A.Id, s.Algebra.Id, MarkColumn.Current, "9", lesson));
        }))).ToList();
        start.Set();
        var results = await Task.WhenAll(writers);

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));
        await using var check = database.NewContext();
        Assert.Equal(24, await check.Marks.CountAsync());
        Assert.Equal(8 + 24, await database.SealAsync()); // after commit, as the sealer does (ADR 0037)
        var chain = await new AuditVerifier(check).VerifyAsync(s.School.Id);
        Assert.True(chain.IsIntact, chain.Problem);
        Assert.Equal(8 + 24, chain.Checked);
    }

    /// <summary>A context of the test database's provider with <paramref name="interceptor"/> added.</summary>
    private static JournalDbContext NewContext(TestDatabase database, IInterceptor interceptor)
    {
        using var plain = database.NewContext();
        var options = plain.GetService<IDbContextOptions>();
        return options switch
        {
            DbContextOptions<SqliteJournalDbContext> sqlite =>
                new SqliteJournalDbContext(new DbContextOptionsBuilder<SqliteJournalDbContext>(sqlite).AddInterceptors(interceptor).Options),
            DbContextOptions<PostgresJournalDbContext> postgres =>
                new PostgresJournalDbContext(new DbContextOptionsBuilder<PostgresJournalDbContext>(postgres).AddInterceptors(interceptor).Options),
            _ => throw new InvalidOperationException($"Unknown options {options.GetType()}"),
        };
    }
}
