using System.Diagnostics;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Bench.Delivery;

/// <summary>
/// The diary benchmark's school (<see cref="BenchSchool"/>) with a family per student: a guardian linked to a Telegram
/// chat of their own, with a recorded consent. Generated once under the data directory and copied for each run.
/// </summary>
internal static class FamilyData
{
    public static async Task<string> EnsureAsync(string directory, int classes)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"delivery-{classes}x{BenchSchool.StudentsPerClass}-v1.db");
        if (File.Exists(file)) return file;

        var partial = file + ".partial";
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { partial, partial + "-wal", partial + "-shm" }) File.Delete(f);
        var watch = Stopwatch.StartNew();
        await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, $"Data Source={partial}"))
        {
            await JournalDatabase.MigrateAsync(db);
            var generated = await FillAsync(db, classes);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            Console.WriteLine($"(generated {generated} students with their families in {watch.Elapsed.TotalSeconds:F0} s: {file})");
        }

        SqliteConnection.ClearAllPools();
        File.Move(partial, file);
        foreach (var f in new[] { partial + "-wal", partial + "-shm" }) File.Delete(f);
        return file;
    }

    /// <summary>Writes the school and a family per student (guardian, chat link, consent) into a migrated database.</summary>
    public static async Task<int> FillAsync(JournalDbContext db, int classes)
    {
        var generated = await BenchSchool.GenerateAsync(db, classes);
        db.ChangeTracker.Clear();
        var students = await db.Students.AsNoTracking().Select(s => new { s.Id, s.SchoolId, s.LastName }).ToListAsync();
        var teacher = await db.Staff.AsNoTracking().Select(s => s.Id).FirstAsync();
        var now = new DateTime(2026, 9, 1, 9, 0, 0, DateTimeKind.Utc);
        var chat = 900_000_000L;
        foreach (var batch in students.Chunk(2000))
        {
            foreach (var s in batch)
            {
                var guardian = new Guardian(s.SchoolId, s.LastName, "Батько");
                var invite = new Invite(s.SchoolId, PersonKind.Guardian, guardian.Id, now, TimeSpan.FromDays(30), null);
                var id = (chat++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                db.AddRange(guardian, new GuardianStudent(guardian.Id, s.Id, "батько"), invite,
                    new ChatLink(s.SchoolId, Channel.Telegram, id, id, PersonKind.Guardian, guardian.Id, invite.Id, now),
                    new Consent(s.SchoolId, guardian.Id, new DateOnly(2026, 9, 1), teacher, now));
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        return generated.Students;
    }
}

/// <summary>Real time that starts at a chosen instant (the generated school's evening): timers run for real.</summary>
internal sealed class FixedStartClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _shift = start - DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _shift;
}
