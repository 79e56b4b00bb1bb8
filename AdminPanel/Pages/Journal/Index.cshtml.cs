using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Journal;

/// <summary>The journal pages a person keeps or checks: a teacher's own, a class teacher's class, the administration's all.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(JournalDbContext db, PanelUser user, TimeProvider clock) : PageModel
{
    public SchoolYear? Year { get; private set; }
    public List<JournalPageRef> Pages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return;
        Year = await RosterQueries.CurrentYearAsync(db, school, clock, ct);
        if (Year is not null) Pages = await JournalAccess.PagesAsync(db, user, Year.Id, ct);
    }
}
