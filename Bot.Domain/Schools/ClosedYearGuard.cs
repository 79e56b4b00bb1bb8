using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Schools;

/// <summary>J-14 for write paths that start from a class rather than a year: the class's year must still be open.</summary>
internal static class ClosedYearGuard
{
    /// <summary>The Ukrainian refusal of <see cref="SchoolYear.EnsureOpen"/> when the class's year is closed, else true.</summary>
    public static async Task<Result<bool>> EnsureClassYearOpenAsync(this JournalDbContext db, Guid classId, CancellationToken ct)
    {
        var year = await db.Classes.AsNoTracking().Where(k => k.Id == classId)
            .Join(db.SchoolYears.IgnoreAutoIncludes(), k => k.SchoolYearId, y => y.Id, (k, y) => y).FirstOrDefaultAsync(ct);
        return year is null ? true : year.EnsureOpen();
    }
}
