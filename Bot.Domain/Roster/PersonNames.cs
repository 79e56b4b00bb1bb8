using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Roster;

/// <summary>Full names of guardians, students and staff by id, in at most three queries (one per kind asked for).</summary>
internal static class PersonNames
{
    public static async Task<Dictionary<Guid, string>> OfAsync(JournalDbContext db, IReadOnlyCollection<Guid> guardians, IReadOnlyCollection<Guid> students,
        IReadOnlyCollection<Guid> staff, CancellationToken ct)
    {
        var names = new Dictionary<Guid, string>();
        if (guardians.Count > 0)
            foreach (var p in await db.Guardians.AsNoTracking().Where(p => guardians.Contains(p.Id)).ToListAsync(ct)) names[p.Id] = p.FullName;
        if (students.Count > 0)
            foreach (var p in await db.Students.AsNoTracking().Where(p => students.Contains(p.Id)).ToListAsync(ct)) names[p.Id] = p.FullName;
        if (staff.Count > 0)
            foreach (var p in await db.Staff.AsNoTracking().Where(p => staff.Contains(p.Id)).ToListAsync(ct)) names[p.Id] = p.FullName;
        return names;
    }
}
