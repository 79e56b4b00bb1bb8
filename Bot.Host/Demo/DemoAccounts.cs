using Bot.Domain.Demo;
using Bot.Domain.Identity;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Demo;

/// <summary>
/// Panel accounts for four people of the demo school, so a newcomer can sign in as each role: `director`, `deputy`,
/// `classteacher` (the class teacher of 7-А) and `teacher` (a subject teacher of 7-А). They share one password that is
/// generated when the demo school is seeded and printed then, once — never a fixed one: a database started with
/// `--demo` may later hold a real school, and a password written in the README would open it on every installation.
/// </summary>
public static class DemoAccounts
{
    /// <summary>Creates the accounts that do not exist yet; returns the lines to print, or null when all were there.</summary>
    public static async Task<string?> EnsureAsync(IServiceProvider services, JournalDbContext db, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Name == DemoSchool.SchoolName, ct);
        if (school is null) return null;
        var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).ToListAsync(ct);
        var class7A = await db.Classes.AsNoTracking().Where(c => c.SchoolId == school.Id && c.Grade == 7 && c.Letter == "А")
            .OrderByDescending(c => c.SchoolYearId).FirstOrDefaultAsync(ct);
        var teachersOf7A = class7A is null ? [] : await db.TeachingAssignments.AsNoTracking().Where(a => a.ClassId == class7A.Id).Select(a => a.TeacherId).ToListAsync(ct);
        var byKey = staff.OrderBy(s => s.SortKey, StringComparer.Ordinal).ToList();
        (string Login, Staff? Who)[] people =
        [
            ("director", byKey.FirstOrDefault(s => s.Has(StaffRoles.Administrator))),
            ("deputy", byKey.FirstOrDefault(s => s.Has(StaffRoles.Deputy))),
            ("classteacher", byKey.FirstOrDefault(s => s.Id == class7A?.ClassTeacherId)),
            ("teacher", byKey.FirstOrDefault(s => s.Roles == StaffRoles.Teacher && teachersOf7A.Contains(s.Id))),
        ];

        var accounts = services.GetRequiredService<PanelAccounts>();
        var password = OneTimePassword.New();
        var lines = new List<string>();
        foreach (var (login, who) in people)
        {
            if (who is null || await db.Users.AnyAsync(u => u.StaffId == who.Id || u.NormalizedUserName == login.ToUpperInvariant(), ct)) continue;
            var created = await accounts.CreateForStaffAsync(who.Id, login, password);
            if (created.IsSuccess) lines.Add($"  {login,-13} {who.FullName} ({who.Roles.Title()})");
        }

        return lines.Count == 0 ? null
            : $"Демо-входи до панелі, пароль для всіх: {password} (показано лише зараз; забули — Bot.Host reset-password director)\n"
              + string.Join("\n", lines);
    }
}
