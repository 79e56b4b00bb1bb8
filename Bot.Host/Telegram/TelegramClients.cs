using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Bot.Host.Telegram;

/// <summary>
/// Makes Bot API clients over the factory's pooled handlers. The library's own 429 retry is off
/// (<see cref="TelegramBotClientOptions.RetryThreshold"/> = 0): <see cref="TelegramSender"/> waits `retry_after` itself.
/// </summary>
public sealed class TelegramClients(IHttpClientFactory http, IOptions<TelegramOptions> options)
{
    public const string HttpClientName = "telegram";

    public ITelegramBotClient Create()
    {
        var o = options.Value;
        var clientOptions = new TelegramBotClientOptions(o.Token!, baseUrl: o.ApiBaseUrl.TrimEnd('/')) { RetryThreshold = 0 };
        return new TelegramBotClient(clientOptions, http.CreateClient(HttpClientName));
    }
}
