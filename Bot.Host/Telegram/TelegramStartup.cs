using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace Bot.Host.Telegram;

/// <summary>
/// Once the app has started (so the webhook endpoint is there to answer): `setWebhook` in webhook mode, then the
/// bot's username from `getMe` (unless set) and the default command menu. Each step retries while Telegram cannot
/// be reached; none stops the app.
/// </summary>
internal sealed class TelegramStartup(
    IHostApplicationLifetime lifetime,
    IOptions<TelegramOptions> options,
    TelegramClients clients,
    TelegramBotInfo botInfo,
    TelegramCommands commands,
    TimeProvider time,
    ILogger<TelegramStartup> log) : BackgroundService
{
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery];

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stop);

        var o = options.Value;
        if (o.UsesWebhook)
        {
            await StepAsync("setWebhook", ct => clients.Create().SetWebhook(
                o.WebhookUrl!, allowedUpdates: AllowedUpdates, dropPendingUpdates: false, secretToken: o.WebhookSecret, cancellationToken: ct), stop);
            log.LogInformation("Telegram: webhook set, updates arrive at {Path}", o.WebhookPath);
        }

        if (botInfo.Username is null) await StepAsync("getMe", botInfo.LearnAsync, stop);
        await StepAsync("setMyCommands", commands.SetDefaultsAsync, stop);
    }

    /// <summary>Runs a call until it succeeds, backing off on network failures, 429 and 5xx; gives up on other refusals.</summary>
    private async Task StepAsync(string name, Func<CancellationToken, Task> call, CancellationToken stop)
    {
        for (var attempt = 1; !stop.IsCancellationRequested; attempt++)
        {
            try
            {
                await call(stop);
                return;
            }
            catch (ApiRequestException e) when (e.ErrorCode is not 429 and < 500)
            {
                log.LogError("Telegram: {Method} was refused: {Code} {Description}", name, e.ErrorCode, e.Message);
                return;
            }
            catch (Exception e) when (e is RequestException or HttpRequestException && !stop.IsCancellationRequested)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempt)));
                log.LogWarning("Telegram: {Method} failed ({Error}); retrying in {Seconds} s", name, e.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, stop);
            }
        }
    }
}
