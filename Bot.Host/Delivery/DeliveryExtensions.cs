using Bot.Domain.Persistence;
using Bot.Host.Jobs;
using Bot.Host.Telegram;
using Bot.Host.Viber;

namespace Bot.Host.Delivery;

/// <summary>
/// The outbox's delivery: the messengers it sends through (each adapter that is configured), the sender and its lease
/// (one per installation: trivially on SQLite, an advisory lock on PostgreSQL), running in processes with the `jobs` role.
/// Call after the adapters are added.
/// </summary>
public static class DeliveryExtensions
{
    public static IHostApplicationBuilder AddDelivery(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section)
            .Validate(o => o.GlobalPerSecond > 0 && o.PerChatPerSecond > 0, "Delivery:GlobalPerSecond and Delivery:PerChatPerSecond must be above zero.")
            .Validate(o => o.MaxInFlight is >= 1 and <= 64, "Delivery:MaxInFlight must be 1 to 64.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 100, "Delivery:MaxAttempts must be 1 to 100.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.LeaseRetryInterval > TimeSpan.Zero, "Delivery:PollInterval and Delivery:LeaseRetryInterval must be above zero.")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OutboxStore>();
        services.AddScoped<OutboxComposer>();
        services.AddSingleton<Bot.Domain.Notifications.INotificationPreview, NotificationPreview>();
        if (services.Any(s => s.ServiceType == typeof(TelegramSender))) services.AddSingleton<IMessengerChannel, TelegramChannel>();
        if (services.Any(s => s.ServiceType == typeof(ViberSender))) services.AddSingleton<IMessengerChannel, ViberChannel>();

        services.AddSingleton<IOutboxLease>(sp =>
        {
            var cfg = sp.GetRequiredService<IConfiguration>();
            return JournalDatabase.ParseProvider(cfg["Database:Provider"]) == DatabaseProvider.PostgreSQL
                ? new PostgresAdvisoryLease(cfg.GetConnectionString("Journal") ?? "", sp.GetRequiredService<ILogger<PostgresAdvisoryLease>>())
                : new SingleProcessLease();
        });
        if (JobsExtensions.Roles(builder.Configuration).Has("jobs")) services.AddHostedService<OutboxSender>();
        return builder;
    }
}
