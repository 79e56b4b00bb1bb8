using Bot.Domain.Linking;
using Bot.Host.Telegram;
using Bot.Host.Viber;

namespace Bot.Host.Channels;

/// <summary>The addresses the running bots know (settings, else `getMe` and `get_account_info`), for the panel's invite links.</summary>
internal sealed class RunningBotAddresses(IServiceProvider services, IConfiguration config) : IBotAddresses
{
    private readonly ConfiguredBotAddresses _configured = new(config);

    public string? TelegramUsername => services.GetService<TelegramBotInfo>()?.Username ?? _configured.TelegramUsername;
    public string? ViberChatUri => services.GetService<ViberBotInfo>()?.ChatUri ?? _configured.ViberChatUri;
    public string? PublicBaseUrl => _configured.PublicBaseUrl;
}

public static class BotAddressesExtensions
{
    public static IHostApplicationBuilder AddBotAddresses(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IBotAddresses, RunningBotAddresses>();
        return builder;
    }
}
