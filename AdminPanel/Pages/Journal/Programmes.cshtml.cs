using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Journal;

/// <summary>
/// How far each programme has gone (seed 003 I.1, "стан виконання навчальних програм"; docs/decisions/0050-calendar-plan.md):
/// per class and subject, lessons in the calendar-thematic plan, lessons held to date, and plan topics taken.
/// </summary>
[Authorize(Policy = Policies.Control)]
public sealed class ProgrammesModel(JournalDbContext db, PanelUser user, CalendarPlanService plans, TimeProvider clock) : PageModel
{
    public List<ProgrammeProgress>? Rows { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return;
        var year = await RosterQueries.CurrentYearAsync(db, school, clock, ct);
        if (year is not null) Rows = await plans.ProgressAsync(school.Id, year.Id, ct);
    }
}
