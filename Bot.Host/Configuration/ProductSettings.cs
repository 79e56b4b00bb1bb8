using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;

namespace Bot.Host.Configuration;

/// <summary>`Database:*` and `ConnectionStrings:Journal` (docs/operations.md "Settings").</summary>
public sealed class DatabaseOptions
{
    public string Provider { get; init; } = "Sqlite";

    /// <summary>SQLite only: `Normal` (default; fsync at checkpoints) or `Full` (fsync at every commit). ADR 0015.</summary>
    public string SqliteSynchronous { get; init; } = "Normal";
}

/// <summary>`School:*`.</summary>
public sealed class SchoolOptions
{
    public string TimeZone { get; init; } = SchoolTime.DefaultTimeZone;
}

/// <summary>
/// `Notifications:*`: the defaults of every school's notification rules until the school saves its own on the panel
/// (<see cref="Bot.Domain.Notifications.NotificationRules"/>).
/// </summary>
public sealed class NotificationsOptions
{
    public TimeSpan UndoWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>`all`, `none` (marks in the evening diary only) or a threshold (`6`: marks of 6 or below).</summary>
    public string MarkAlerts { get; init; } = "all";

    /// <summary>Whether the outbox writes to people in Viber (paid messages); off unless the school turns it on.</summary>
    public bool ViberAlerts { get; init; }
}

/// <summary>`Demo:*`: the demonstration school (`--demo` sets `Demo:Seed`).</summary>
public sealed class DemoOptions
{
    /// <summary>Seed the demo school at start when the database has no school yet.</summary>
    public bool Seed { get; init; }

    /// <summary>1 = the demo school (33 classes); N = N times as many classes per grade (benchmarks), at most 10.</summary>
    public int Scale { get; init; } = 1;

    /// <summary>Fill the journal only for the school days of the last N calendar days; empty = from 1 September.</summary>
    public int? DaysBack { get; init; }
}

/// <summary>`Host:Roles`: a comma list of bot, jobs, admin (default all three).</summary>
public sealed class HostOptions
{
    public string Roles { get; init; } = "bot,jobs,admin";

    public bool Has(string role) => Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Contains(role, StringComparer.OrdinalIgnoreCase);
}

public static class ProductSettingsExtensions
{
    public static IHostApplicationBuilder AddProductSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database")
            .Validate(o => TryProvider(o.Provider), "Database:Provider must be Sqlite or PostgreSQL.")
            .Validate(o => TrySynchronous(o.SqliteSynchronous), "Database:SqliteSynchronous must be Normal or Full.").ValidateOnStart();
        builder.Services.AddOptions<SchoolOptions>().BindConfiguration("School")
            .Validate(o => TryTimeZone(o.TimeZone), "School:TimeZone must be an IANA time zone id such as Europe/Kyiv.").ValidateOnStart();
        builder.Services.AddOptions<NotificationsOptions>().BindConfiguration("Notifications")
            .Validate(o => o.UndoWindow >= TimeSpan.Zero && o.UndoWindow <= TimeSpan.FromHours(24), "Notifications:UndoWindow must be between 0 and 24 hours.")
            .Validate(o => TryMarkRule(o.MarkAlerts), "Notifications:MarkAlerts must be all, none or a number 1 to 12.")
            .ValidateOnStart();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration("Demo")
            .Validate(o => o.Scale is >= 1 and <= Bot.Domain.Demo.DemoSchool.MaxScale, $"Demo:Scale must be 1 to {Bot.Domain.Demo.DemoSchool.MaxScale}.")
            .Validate(o => o.DaysBack is null or >= 0, "Demo:DaysBack cannot be negative.")
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>().BindConfiguration("Host");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new JournalSettings
        {
            UndoWindow = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationsOptions>>().Value.UndoWindow,
        });
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationsOptions>>().Value;
            return new NotificationDefaults { MarkAlerts = MarkAlertRule.Parse(o.MarkAlerts), ViberAlerts = o.ViberAlerts, UndoWindow = o.UndoWindow };
        });
        builder.Services.AddScoped<NotificationRulesService>();
        builder.Services.AddScoped<AnnouncementService>();
        builder.Services.AddScoped<AcknowledgementService>();
        builder.Services.AddScoped<Bot.Domain.Forms.FormService>();
        builder.Services.AddScoped<ConsentService>();
        builder.Services.AddScoped<Bot.Domain.Talk.TalkService>();
        builder.Services.AddScoped<Bot.Domain.Talk.StandInService>();
        return builder;
    }

    private static bool TryMarkRule(string text)
    {
        try { MarkAlertRule.Parse(text); return true; }
        catch (ArgumentException) { return false; }
    }

    private static bool TryProvider(string value)
    {
        try { JournalDatabase.ParseProvider(value); return true; }
        catch (ArgumentException) { return false; }
    }

    private static bool TrySynchronous(string value)
    {
        try { JournalDatabase.ParseSqliteSynchronous(value); return true; }
        catch (ArgumentException) { return false; }
    }

    private static bool TryTimeZone(string id)
    {
        try { SchoolTime.Resolve(id); return true; }
        catch (TimeZoneNotFoundException) { return false; }
        catch (InvalidTimeZoneException) { return false; }
    }
}
