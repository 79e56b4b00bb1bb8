using AdminPanel.Access;
using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages;

/// <summary>The panel's front page: each school of the installation (a member of staff sees their own), its year, size and the state of its audit chain.</summary>
public sealed class IndexModel(JournalDbContext db, AuditVerifier verifier, PanelUser user) : PageModel
{
    public sealed record SchoolSummary(string Name, string? Year, int Classes, int Students, int Lessons, ChainVerification Chain);

    public List<SchoolSummary> Schools { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var own = user.StaffSchoolId;
        foreach (var school in await db.Schools.AsNoTracking().Where(s => own == null || s.Id == own).OrderBy(s => s.Name).ToListAsync(ct))
        {
            var year = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id)
                .OrderByDescending(y => y.Semester1Start).FirstOrDefaultAsync(ct);
            var classes = year is null ? 0 : await db.Classes.CountAsync(c => c.SchoolYearId == year.Id, ct);
            var students = await db.Students.CountAsync(s => s.SchoolId == school.Id, ct);
            var lessons = await db.Lessons.CountAsync(l => l.SchoolId == school.Id, ct);
            Schools.Add(new SchoolSummary(school.Name, year?.Title, classes, students, lessons, await verifier.VerifyAsync(school.Id, ct)));
        }
    }
}
