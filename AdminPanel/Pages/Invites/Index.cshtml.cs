using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Invites;

/// <summary>The classes whose invites the person may make (administration: all; a class teacher: theirs), with how many are linked.</summary>
[Authorize(Policy = Policies.ClassInvites)]
public sealed class IndexModel(JournalDbContext db, PanelUser user, TimeProvider clock) : PageModel
{
    public sealed record ClassRow(Guid Id, string Name, int LinkedGuardians, int LinkedStudents);

    public School? School { get; private set; }
    public SchoolYear? Year { get; private set; }
    public List<ClassRow> Classes { get; } = [];
    public bool MayInviteStaff => user.IsAdministration;

    public async Task OnGetAsync(CancellationToken ct)
    {
        School = await user.SchoolAsync(ct);
        if (School is null) return;
        Year = await RosterQueries.CurrentYearAsync(db, School, clock, ct);
        if (Year is null) return;
        var today = SchoolTime.Today(clock, School.TimeZone);
        var classes = await RosterQueries.VisibleClassesAsync(db, Year.Id, user, ct);
        var ids = classes.Select(c => c.Id).ToList();
        var enrolled = db.Enrolments.Where(e => ids.Contains(e.ClassId) && (e.To == null || e.To >= today));
        var active = db.ChatLinks.Where(l => l.IsActive);
        var students = await enrolled.Where(e => active.Any(l => l.Kind == PersonKind.Student && l.PersonId == e.StudentId))
            .GroupBy(e => e.ClassId).Select(g => new { g.Key, Count = g.Select(e => e.StudentId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var guardians = await enrolled.Join(db.GuardianStudents, e => e.StudentId, g => g.StudentId, (e, g) => new { e.ClassId, g.GuardianId })
            .Where(x => active.Any(l => l.Kind == PersonKind.Guardian && l.PersonId == x.GuardianId))
            .GroupBy(x => x.ClassId).Select(g => new { g.Key, Count = g.Select(x => x.GuardianId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        foreach (var c in classes)
            Classes.Add(new ClassRow(c.Id, c.Name.ToString(), guardians.GetValueOrDefault(c.Id), students.GetValueOrDefault(c.Id)));
    }
}
