using Bot.Host.Channels;
using Bot.Host.Delivery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HostOptions = Bot.Host.Configuration.HostOptions;

namespace Bot.Host.Viber;

/// <summary>
/// The Viber adapter. No `Viber:AuthToken`: nothing is registered and the log says the bot is off. With a token: the
/// client and the sender (the outbox delivery can take it); and, in a process with the `bot` role, the webhook
/// endpoint at the path of `Viber:WebhookUrl` plus `set_webhook` once the host listens.
/// </summary>
public static class ViberExtensions
{
    public static IHostApplicationBuilder AddViber(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ViberOptions.Section).Get<ViberOptions>() ?? new ViberOptions();
        if (string.IsNullOrWhiteSpace(options.AuthToken)) return builder;

        var services = builder.Services;
        services.AddOptions<ViberOptions>().BindConfiguration(ViberOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ViberOptions>, ViberOptionsValidator>();
        if (!services.Any(d => d.ServiceType == typeof(IConfigureOptions<DeliveryOptions>)))
        {
            // Telegram binds the same when it is on; the pace settings are shared by both senders.
            services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section)
                .Validate(o => o.GlobalPerSecond > 0 && o.PerChatPerSecond > 0, "Delivery:GlobalPerSecond and Delivery:PerChatPerSecond must be above zero.")
                .ValidateOnStart();
        }

        // The token travels in a header; the factory's request logging stays out of the logs all the same.
        services.AddHttpClient(ViberClient.HttpClientName).RemoveAllLoggers();
        services.AddSingleton<ViberClient>();
        services.AddSingleton<ViberAccountState>();
        services.AddSingleton<ViberSender>();
        services.AddSingleton<ViberBotInfo>();
        services.AddSingleton<ViberUpdateHandler>();
        services.TryAddSingleton<UpdateClaims>();

        if (Roles(builder.Configuration).Has("bot")) services.AddHostedService<ViberStartup>();
        return builder;
    }

    public static WebApplication MapViber(this WebApplication app)
    {
        if (app.Services.GetService<ViberClient>() is null)
        {
            app.Logger.LogInformation("Viber: no auth token set, the Viber bot is off");
            return app;
        }

        var options = app.Services.GetRequiredService<IOptions<ViberOptions>>().Value;
        if (options.UsesWebhook && Roles(app.Configuration).Has("bot")) ViberWebhook.Map(app, options);
        return app;
    }

    private static HostOptions Roles(IConfiguration configuration) => configuration.GetSection("Host").Get<HostOptions>() ?? new HostOptions();
}
