using Bot.Domain.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPanel.Access;

/// <summary>`Admin:*` settings (docs/operations.md "Settings").</summary>
public sealed class AdminOptions
{
    /// <summary>The installation administrator created at first start.</summary>
    public string BootstrapLogin { get; init; } = "admin";

    /// <summary>Their password; empty = generate a one-time password and print it once to the log.</summary>
    public string? BootstrapPassword { get; init; }

    /// <summary>
    /// Sign-in and antiforgery cookies only over HTTPS: the panel then answers plain-HTTP page requests with a page that
    /// says so. Unset: on in Production, off in Development and in demo mode (`--demo`), which serve plain
    /// http://localhost — ASP.NET refuses a secure-only antiforgery cookie on a plain request. Set false only for a panel
    /// on a trusted network without TLS. Behind a reverse proxy on the same machine, X-Forwarded-Proto is honoured.
    /// </summary>
    public bool? SecureCookies { get; init; }
}

/// <summary>Whether the panel's cookies are HTTPS-only (`Admin:SecureCookies`; unset: on outside Development and demo mode).</summary>
public sealed record CookieSecurity(bool Secure)
{
    public CookieSecurePolicy Policy => Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
}

/// <summary>Identity with cookies for the panel: sign-in (slowed per login and address), roles, 403 for what a role may not do.</summary>
public static class PanelAuthentication
{
    public const string CookieName = "journal.auth";

    /// <summary>How soon a deactivation, a password reset or a change of roles reaches an open session.</summary>
    public static readonly TimeSpan StampCheckInterval = TimeSpan.FromMinutes(1);

    public static IHostApplicationBuilder AddPanelAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminOptions>().BindConfiguration("Admin")
            .Validate(o => !string.IsNullOrWhiteSpace(o.BootstrapLogin), "Admin:BootstrapLogin cannot be empty.").ValidateOnStart();
        services.AddIdentity<AdminUser, IdentityRole<Guid>>(PanelIdentity.Configure)
            .AddPanelStores()
            .AddClaimsPrincipalFactory<PanelClaimsFactory>()
            .AddSignInManager<PanelSignInManager>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = StampCheckInterval);
        var development = builder.Environment.IsDevelopment();
        services.AddSingleton(sp => new CookieSecurity(sp.GetRequiredService<IOptions<AdminOptions>>().Value.SecureCookies
            ?? !(development || sp.GetRequiredService<IConfiguration>().GetValue<bool>("Demo:Seed"))));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<CookieSecurity>((o, security) =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = security.Policy;
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/Status";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                // A page or handler outside the person's rights answers 403 (with the Ukrainian status page), not a redirect.
                o.Events.OnRedirectToAccessDenied = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAntiforgery(o => o.Cookie.Name = "journal.antiforgery");
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>()
            .Configure<CookieSecurity>((o, security) => o.Cookie.SecurePolicy = security.Policy);
        services.AddAuthorization(Policies.Add);
        services.AddHttpContextAccessor();
        services.AddScoped<PanelUser>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PanelSignIn>();
        services.AddSingleton<JobsDashboardLink>();
        services.AddSingleton<BotPreviewLink>();
        return builder;
    }

    /// <summary>
    /// First start: the administrator `Admin:BootstrapLogin` with `Admin:BootstrapPassword`, or with a generated one-time
    /// password printed once to the log. Later starts find the account and print nothing.
    /// </summary>
    public static async Task EnsurePanelAdministratorAsync(this WebApplication app)
    {
        var admin = app.Services.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (!app.Services.GetRequiredService<CookieSecurity>().Secure)
            app.Logger.LogWarning("Admin:SecureCookies is off: the panel's sign-in cookie also travels over plain HTTP. Use it only on localhost or a trusted network.");
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<PanelAccounts>();
        var created = await accounts.EnsureBootstrapAsync(admin.BootstrapLogin.Trim(), admin.BootstrapPassword);
        if (created is null) return;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AdminPanel");
        if (created.MustChange)
            log.LogWarning("Created the administrator '{Login}' with the one-time password {Password} — it is shown only now; " +
                "the first sign-in asks for a new one. Forgotten: Bot.Host reset-password {Login}", created.Login, created.Password, created.Login);
        else
            log.LogInformation("Created the administrator '{Login}' with the password from Admin:BootstrapPassword.", created.Login);
    }
}
