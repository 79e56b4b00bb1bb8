using Bot.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Identity;

/// <summary>What an account operation gave: the login and, when one was generated, the one-time password to hand over.</summary>
public sealed record AccountPassword(string Login, string Password, bool MustChange);

/// <summary>
/// The panel's accounts: the bootstrap administrator, an account for a staff member, a forgotten password, a staff
/// member who left. Passwords that the software makes are one-time: the next sign-in must change them.
/// </summary>
public sealed class PanelAccounts(UserManager<AdminUser> users, RoleManager<IdentityRole<Guid>> roles, JournalDbContext db)
{
    public static readonly DomainError UnknownLogin = new("account.unknown", "Облікового запису з таким логіном немає.");

    /// <summary>The four roles of docs/architecture.md exist as Identity roles (the bootstrap administrator holds one).</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var name in PanelRoles.All)
            if (!await roles.RoleExistsAsync(name))
                Check(await roles.CreateAsync(new IdentityRole<Guid>(name) { Id = Guid.CreateVersion7() }));
    }

    /// <summary>
    /// First start: creates the administrator <paramref name="login"/> unless it exists, with <paramref name="password"/>
    /// or, when none is configured, a generated one-time password that is returned once and must be changed at first
    /// sign-in. Returns null when the account was already there.
    /// </summary>
    public async Task<AccountPassword?> EnsureBootstrapAsync(string login, string? password)
    {
        await EnsureRolesAsync();
        if (await users.FindByNameAsync(login) is not null) return null;
        var generated = string.IsNullOrEmpty(password);
        var user = new AdminUser(login) { MustChangePassword = generated };
        var pwd = generated ? OneTimePassword.New() : password!;
        Check(await users.CreateAsync(user, pwd), "Admin:BootstrapPassword");
        Check(await users.AddToRoleAsync(user, PanelRoles.Administrator));
        return new AccountPassword(login, pwd, generated);
    }

    /// <summary>An account for a staff member; without <paramref name="password"/> a one-time one is generated.</summary>
    public async Task<Result<AccountPassword>> CreateForStaffAsync(Guid staffId, string login, string? password = null)
    {
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId);
        if (staff is null) return new DomainError("account.staff", "Працівника не знайдено.");
        if (!staff.IsActive) return new DomainError("account.inactive", "Працівника деактивовано: обліковий запис йому не створюється.");
        if (await db.Users.AnyAsync(u => u.StaffId == staffId)) return new DomainError("account.exists", "У працівника вже є обліковий запис.");
        var generated = string.IsNullOrEmpty(password);
        var pwd = generated ? OneTimePassword.New() : password!;
        var user = new AdminUser(login.Trim(), staffId) { MustChangePassword = generated };
        var created = await users.CreateAsync(user, pwd);
        if (!created.Succeeded) return new DomainError("account.invalid", string.Join(" ", created.Errors.Select(e => e.Description)));
        return new AccountPassword(user.UserName!, pwd, generated);
    }

    /// <summary>A forgotten password: a new one-time password, the lockout lifted, every open session ended.</summary>
    public async Task<Result<AccountPassword>> ResetPasswordAsync(string login)
    {
        var user = await users.FindByNameAsync(login.Trim());
        if (user is null) return UnknownLogin;
        if (user.StaffId is { } staffId && await db.Staff.AnyAsync(s => s.Id == staffId && s.DeactivatedOn != null))
            return new DomainError("account.inactive", "Працівника деактивовано: спершу поверніть його до роботи.");
        var pwd = OneTimePassword.New();
        if (await users.HasPasswordAsync(user)) Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, pwd));
        user.MustChangePassword = true;
        Check(await users.UpdateAsync(user));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return new AccountPassword(user.UserName!, pwd, MustChange: true);
    }

    /// <summary>The person's own new password; clears the one-time mark.</summary>
    public async Task<IdentityResult> ChangePasswordAsync(AdminUser user, string current, string next)
    {
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded) return result;
        user.MustChangePassword = false;
        return await users.UpdateAsync(user);
    }

    /// <summary>A staff member who left: their account cannot sign in and open sessions end at the next check.</summary>
    public async Task CloseForStaffAsync(Guid staffId)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.StaffId == staffId);
        if (user is null) return;
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>A staff member back at work: the account may sign in again (with its old password or a reset one).</summary>
    public async Task ReopenForStaffAsync(Guid staffId)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.StaffId == staffId);
        if (user is null) return;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }

    private static void Check(IdentityResult result, string? what = null)
    {
        if (result.Succeeded) return;
        var errors = string.Join(" ", result.Errors.Select(e => e.Description));
        throw new InvalidOperationException(what is null ? errors : $"{what}: {errors}");
    }
}
