using Microsoft.AspNetCore.DataProtection;

namespace Bot.Host.Configuration;

/// <summary>
/// Where the panel's data-protection keys live (they sign its cookies and antiforgery tokens). `DataProtection:KeysPath`
/// puts them in a folder — a volume in docker-compose, so a new container keeps everyone signed in; empty: ASP.NET
/// Core's default (the user's home, which a container loses when it is recreated).
/// </summary>
public static class KeyStorage
{
    public const string ApplicationName = "SchoolJournal";

    public static WebApplicationBuilder AddKeyStorage(this WebApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } path)
            protection.PersistKeysToFileSystem(new DirectoryInfo(path));
        return builder;
    }
}
