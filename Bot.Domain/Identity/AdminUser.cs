using Microsoft.AspNetCore.Identity;

namespace Bot.Domain.Identity;

/// <summary>
/// A person who signs in to the admin panel: a staff member of a school (<see cref="StaffId"/>), whose roles are their
/// staff roles, or an installation administrator without a staff record (the bootstrap account `Admin:BootstrapLogin`),
/// whose roles are Identity roles. Stored by ASP.NET Core Identity in the journal's own database.
/// </summary>
public sealed class AdminUser : IdentityUser<Guid>
{
    public AdminUser() => Id = Guid.CreateVersion7();

    public AdminUser(string login, Guid? staffId = null) : this()
    {
        UserName = login;
        StaffId = staffId;
    }

    public Guid? StaffId { get; set; }

    /// <summary>A generated, one-time password was set: the next sign-in goes straight to changing it.</summary>
    public bool MustChangePassword { get; set; }
}
