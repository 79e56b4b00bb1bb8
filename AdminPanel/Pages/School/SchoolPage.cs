using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Setup;

/// <summary>What the school's setup pages share: the school, its current year, today, and a refusal shown by its field.</summary>
public abstract class SchoolPage(JournalDbContext db, PanelUser user, TimeProvider clock) : PageModel
{
    public Bot.Domain.Schools.School? School { get; private set; }
    public SchoolYear? Year { get; private set; }
    public DateOnly Today { get; private set; }

    protected JournalDbContext Db => db;
    protected PanelUser User2 => user;

    protected async Task LoadSchoolAsync(CancellationToken ct)
    {
        School = await user.SchoolAsync(ct);
        if (School is null) return;
        Today = SchoolTime.Today(clock, School.TimeZone);
        Year = await RosterQueries.CurrentYearAsync(db, School, clock, ct);
    }

    /// <summary>After a change: a notice on the next page; after a refusal: the message by its field and the page again.</summary>
    protected IActionResult Done<T>(Result<T> result, string notice, string field, object? route = null)
    {
        if (!result.IsSuccess)
        {
            ModelState.AddModelError(field, result.Error.Message);
            return Page();
        }

        TempData["Notice"] = notice;
        return RedirectToPage(route);
    }
}
