using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Journal;

/// <summary>Fill-in monitoring for the administration (seed 002, 4.1): lessons without topics, late marks, classes without marks this week.</summary>
[Authorize(Policy = Policies.Control)]
public sealed class MonitoringModel(JournalDbContext db, PanelUser user, FillInMonitor monitor, TimeProvider clock) : PageModel
{
    public FillInReport? Report { get; private set; }

    public bool All { get; private set; }

    public async Task OnGetAsync(bool all, DateOnly? from, CancellationToken ct)
    {
        All = all;
        var school = await user.SchoolAsync(ct);
        if (school is null) return;
        var year = await RosterQueries.CurrentYearAsync(db, school, clock, ct);
        if (year is not null) Report = await monitor.ReportAsync(school, year, from, ct);
    }
}
