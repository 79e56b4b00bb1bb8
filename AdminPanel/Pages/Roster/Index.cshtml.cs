using AdminPanel.Access;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Roster;

/// <summary>The classes of the current year with their class teachers and sizes; a class teacher sees their own.</summary>
[Authorize(Policy = Policies.ClassLists)]
public sealed class IndexModel(JournalDbContext db, PanelUser user, TimeProvider clock) : PageModel
{
    public sealed record ClassRow(Guid Id, string Name, string? ClassTeacher, int Students);

    public School? School { get; private set; }
    public SchoolYear? Year { get; private set; }
    public List<ClassRow> Classes { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        School = await user.SchoolAsync(ct);
        if (School is null) return;
        Year = await RosterQueries.CurrentYearAsync(db, School, clock, ct);
        if (Year is null) return;
        var today = SchoolTime.Today(clock, School.TimeZone);
        var classes = await RosterQueries.VisibleClassesAsync(db, Year.Id, user, ct);
        var ids = classes.Select(c => c.Id).ToList();
        var sizes = await db.Enrolments.AsNoTracking().Where(e => ids.Contains(e.ClassId) && e.From <= today && (e.To == null || e.To >= today))
            .GroupBy(e => e.ClassId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var teacherIds = classes.Where(c => c.ClassTeacherId != null).Select(c => c.ClassTeacherId!.Value).ToList();
        var teachers = await db.Staff.AsNoTracking().Where(s => teacherIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.ShortName, ct);
        foreach (var c in classes)
            Classes.Add(new ClassRow(c.Id, c.Name.ToString(), c.ClassTeacherId is { } t ? teachers.GetValueOrDefault(t) : null, sizes.GetValueOrDefault(c.Id)));
    }
}
