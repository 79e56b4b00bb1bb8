using Bot.Domain.Identity;
using Bot.Domain.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPanel.Access;

/// <summary>A deactivated staff member cannot sign in, whatever their password (their account is locked too).</summary>
internal sealed class PanelSignInManager(UserManager<AdminUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<AdminUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AdminUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AdminUser> confirmation, JournalDbContext db)
    : SignInManager<AdminUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AdminUser user)
    {
        if (user.StaffId is { } staffId && await db.Staff.AnyAsync(s => s.Id == staffId && s.DeactivatedOn != null)) return false;
        return await base.CanSignInAsync(user);
    }
}
