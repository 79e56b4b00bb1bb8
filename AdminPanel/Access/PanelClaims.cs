using System.Security.Claims;
using Bot.Domain.Identity;
using Bot.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPanel.Access;

/// <summary>Claims of the panel's cookie beyond Identity's own.</summary>
public static class PanelClaims
{
    public const string StaffId = "journal:staff";
    public const string SchoolId = "journal:school";
    public const string DisplayName = "journal:name";
    public const string MustChangePassword = "journal:must-change-password";
}

/// <summary>
/// A staff member's roles are their staff record's (one source of truth, also for the bot); an account without a staff
/// record (the bootstrap administrator) has Identity roles. Rebuilt at each security-stamp check, so a change of roles
/// reaches an open session within <see cref="PanelAuthentication.StampCheckInterval"/>.
/// </summary>
internal sealed class PanelClaimsFactory(UserManager<AdminUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, JournalDbContext db)
    : UserClaimsPrincipalFactory<AdminUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AdminUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var name = user.UserName!;
        if (user.StaffId is { } staffId && await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId) is { } staff)
        {
            foreach (var role in PanelRoles.Of(staff.Roles).Where(r => !identity.HasClaim(identity.RoleClaimType, r)))
                identity.AddClaim(new Claim(identity.RoleClaimType, role));
            identity.AddClaim(new Claim(PanelClaims.StaffId, staff.Id.ToString()));
            identity.AddClaim(new Claim(PanelClaims.SchoolId, staff.SchoolId.ToString()));
            name = staff.ShortName;
        }

        identity.AddClaim(new Claim(PanelClaims.DisplayName, name));
        if (user.MustChangePassword) identity.AddClaim(new Claim(PanelClaims.MustChangePassword, "true"));
        return identity;
    }
}
