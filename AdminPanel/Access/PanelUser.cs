using System.Security.Claims;
using Bot.Domain.Audit;
using Bot.Domain.Identity;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Access;

/// <summary>
/// The signed-in person as the pages need them: their staff record and school, roles, the <see cref="Actor"/> the domain
/// attributes changes to, and what of the school they may see.
/// </summary>
public sealed class PanelUser(IHttpContextAccessor http, JournalDbContext db)
{
    private ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();

    public Guid? StaffId => Guid.TryParse(Principal.FindFirstValue(PanelClaims.StaffId), out var id) ? id : null;

    public Guid? StaffSchoolId => Guid.TryParse(Principal.FindFirstValue(PanelClaims.SchoolId), out var id) ? id : null;

    public string Name => Principal.FindFirstValue(PanelClaims.DisplayName) ?? Principal.Identity?.Name ?? "";

    public StaffRoles Roles => PanelRoles.Parse(Principal.FindAll(ClaimTypes.Role).Select(c => c.Value));

    public bool Is(StaffRoles role) => Roles.HasFlag(role);

    /// <summary>Administration of the school: the director (administrator) or a deputy.</summary>
    public bool IsAdministration => Roles.CanCorrectAnyJournal();

    public Actor Actor => new(StaffId, Name, Roles, Channel.Web);

    /// <summary>
    /// The school the panel works on: the staff member's own; for an installation administrator without a staff record,
    /// the first school of the installation by name (null while there is none).
    /// </summary>
    public async Task<School?> SchoolAsync(CancellationToken ct = default) =>
        StaffSchoolId is { } id
            ? await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct)
            : await db.Schools.AsNoTracking().OrderBy(s => s.Name).FirstOrDefaultAsync(ct);

    /// <summary>Whether the person may see this class's list: administration of its school, or its class teacher.</summary>
    public bool MaySee(SchoolClass cls) =>
        (StaffSchoolId is null || StaffSchoolId == cls.SchoolId) && (IsAdministration || (StaffId is { } id && cls.ClassTeacherId == id));

    /// <summary>The classes whose lists the person may see, among those given.</summary>
    public async Task<bool> MaySeeAnyAsync(IQueryable<Guid> classIds, CancellationToken ct = default)
    {
        var classes = await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id)).ToListAsync(ct);
        return classes.Any(MaySee);
    }
}
