using Bot.Domain.Persistence;
using Bot.Host.Channels;
using Bot.Host.Delivery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HostOptions = Bot.Host.Configuration.HostOptions;

namespace Bot.Host.Telegram;

/// <summary>
/// The Telegram adapter. No `Telegram:Token`: nothing is registered and the log says the bot is off. With a token:
/// the client and the sender (the outbox uses it too); and, in a process with the `bot` role, either long polling
/// (no `Telegram:WebhookUrl`) or the webhook endpoint plus `setWebhook` after start.
/// </summary>
public static class TelegramExtensions
{
    public static IHostApplicationBuilder AddTelegram(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>() ?? new TelegramOptions();
        if (string.IsNullOrWhiteSpace(options.Token)) return builder;

        var services = builder.Services;
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section)
            .Validate(o => o.GlobalPerSecond > 0 && o.PerChatPerSecond > 0, "Delivery:GlobalPerSecond and Delivery:PerChatPerSecond must be above zero.")
            .ValidateOnStart();

        // The request URL carries the token: keep the factory's request logging out of the logs.
        services.AddHttpClient(TelegramClients.HttpClientName).RemoveAllLoggers();
        services.AddSingleton<TelegramClients>();
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<TelegramBotInfo>();
        services.AddSingleton<TelegramCommands>();
        services.AddSingleton<TelegramUpdateHandler>();
        services.AddSingleton<TelegramEditCoalescer>();
        services.AddHostedService(sp => sp.GetRequiredService<TelegramEditCoalescer>());
        services.TryAddSingleton<UpdatesInFlight>();
        services.TryAddScoped<UpdateClaim>();

        if (!Roles(builder).Has("bot")) return builder;
        services.AddHostedService<TelegramStartup>();
        if (!options.UsesWebhook)
        {
            // PostgreSQL: several processes may have the bot role; one of them polls, under an advisory lock.
            if (JournalDatabase.ParseProvider(builder.Configuration["Database:Provider"]) == DatabaseProvider.PostgreSQL)
                services.TryAddSingleton<ITelegramPollingLease>(sp => new PostgresPollingLease(
                    sp.GetRequiredService<IConfiguration>().GetConnectionString("Journal") ?? "",
                    sp.GetRequiredService<IOptions<TelegramOptions>>().Value.PollingLeaseInterval,
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresPollingLease>>()));
            else
                services.TryAddSingleton<ITelegramPollingLease, SingleProcessPollingLease>();
            services.AddHostedService<TelegramPolling>();
        }

        return builder;
    }

    public static WebApplication MapTelegram(this WebApplication app)
    {
        if (app.Services.GetService<TelegramClients>() is null)
        {
            app.Logger.LogInformation("Telegram: no token set, the Telegram bot is off");
            return app;
        }

        var options = app.Services.GetRequiredService<IOptions<TelegramOptions>>().Value;
        if (options.UsesWebhook && Roles(app).Has("bot")) TelegramWebhook.Map(app, options);
        return app;
    }

    private static HostOptions Roles(IHostApplicationBuilder builder) => builder.Configuration.GetSection("Host").Get<HostOptions>() ?? new HostOptions();

    private static HostOptions Roles(WebApplication app) => app.Configuration.GetSection("Host").Get<HostOptions>() ?? new HostOptions();
}
