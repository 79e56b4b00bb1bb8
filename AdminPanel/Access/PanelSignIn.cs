using Bot.Domain.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace AdminPanel.Access;

public enum SignInOutcome { SignedIn, MustChangePassword, Wrong, Wait, Disabled }

/// <summary>
/// The panel's sign-in (ADR 0013): a wrong login and a wrong password answer alike and do the same work — an unknown
/// login still verifies the password against a hash — and failures slow the pair login + address
/// (<see cref="SignInThrottle"/>), never the account itself. Whether an account is disabled is said only to someone
/// who knows its password.
/// </summary>
public sealed class PanelSignIn(SignInManager<AdminUser> signIn, UserManager<AdminUser> users, IPasswordHasher<AdminUser> hasher,
    SignInThrottle throttle, IHttpContextAccessor http)
{
    private static readonly AdminUser Nobody = new("nobody", null);
    private static string? _nobodyHash;

    public async Task<(SignInOutcome Outcome, TimeSpan Wait)> SignInAsync(string login, string password)
    {
        var key = users.NormalizeName(login.Trim()) ?? "";
        var address = http.HttpContext?.Connection.RemoteIpAddress;
        var wait = throttle.Wait(key, address);
        if (wait > TimeSpan.Zero) return (SignInOutcome.Wait, wait);

        var user = await users.FindByNameAsync(login.Trim());
        bool right;
        if (user is null)
        {
            // The same work as a real account: one verification of a hash made with the same settings.
            _nobodyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(Nobody, _nobodyHash, password);
            right = false;
        }
        else
        {
            right = await users.CheckPasswordAsync(user, password);
        }

        if (!right)
        {
            var delay = throttle.Failed(key, address);
            return delay > TimeSpan.Zero ? (SignInOutcome.Wait, delay) : (SignInOutcome.Wrong, TimeSpan.Zero);
        }

        throttle.Succeeded(key, address);
        // A deactivated staff member cannot sign in, whatever their password (PanelSignInManager).
        if (!await signIn.CanSignInAsync(user!)) return (SignInOutcome.Disabled, TimeSpan.Zero);
        await signIn.SignInAsync(user!, isPersistent: false);
        return (user!.MustChangePassword ? SignInOutcome.MustChangePassword : SignInOutcome.SignedIn, TimeSpan.Zero);
    }

    /// <summary>"30 секунд", "1 хвилину", "15 хвилин": a wait as the sign-in page says it (rounded up).</summary>
    public static string Describe(TimeSpan wait)
    {
        if (wait <= TimeSpan.FromSeconds(59))
        {
            var s = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return $"{s} {Plural(s, "секунду", "секунди", "секунд")}";
        }

        var m = (int)Math.Ceiling(wait.TotalMinutes);
        return $"{m} {Plural(m, "хвилину", "хвилини", "хвилин")}";
    }

    private static string Plural(int n, string one, string few, string many) =>
        (n % 10, n % 100) switch
        {
            (1, not 11) => one,
            (>= 2 and <= 4, < 12 or > 14) => few,
            _ => many,
        };
}
