using Bot.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Domain.Identity;

/// <summary>
/// The panel's Identity settings, shared by the server (cookies, sign-in) and the verbs (reset-password): a password
/// of at least 10 characters of any kind (length beats composition rules that people defeat with "Qwerty1!"),
/// logins without e-mail. Failed sign-ins lock no account: the panel slows the pair login + client address after
/// <see cref="MaxFailedSignIns"/> failures (AdminPanel's SignInThrottle), so nobody can lock the director out.
/// </summary>
public static class PanelIdentity
{
    public const int MaxFailedSignIns = 5;

    public static void Configure(IdentityOptions o)
    {
        o.Password.RequiredLength = 10;
        o.Password.RequiredUniqueChars = 4;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = false;
        o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
        o.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>EF stores in the journal's database, Ukrainian error messages, the accounts service.</summary>
    public static IdentityBuilder AddPanelStores(this IdentityBuilder builder)
    {
        builder.AddEntityFrameworkStores<JournalDbContext>().AddErrorDescriber<UkrainianIdentityErrors>();
        builder.Services.AddScoped<PanelAccounts>();
        return builder;
    }

    /// <summary>Identity without cookies or sign-in, for the verbs of the executable.</summary>
    public static IServiceCollection AddPanelIdentityCore(this IServiceCollection services)
    {
        services.AddIdentityCore<AdminUser>(Configure).AddRoles<IdentityRole<Guid>>().AddPanelStores();
        return services;
    }
}
