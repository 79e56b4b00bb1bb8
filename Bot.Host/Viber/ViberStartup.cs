using Microsoft.Extensions.Options;

namespace Bot.Host.Viber;

/// <summary>
/// Once the app is listening (Viber calls the webhook back before `set_webhook` answers): `set_webhook` when
/// `Viber:WebhookUrl` is set, then `get_account_info` for the bot's name and chat URI. Network failures are retried
/// with backoff; a refusal is logged (an account fault as an administrator alert) and stops nothing else.
/// </summary>
internal sealed class ViberStartup(
    IHostApplicationLifetime lifetime,
    IOptions<ViberOptions> options,
    ViberClient client,
    ViberBotInfo botInfo,
    ViberAccountState account,
    TimeProvider time,
    ILogger<ViberStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stop);

        var o = options.Value;
        if (o.UsesWebhook)
        {
            var set = await StepAsync("set_webhook", ct => client.SetWebhookAsync(o.WebhookUrl!, ct), stop);
            if (set?.IsOk == true) log.LogInformation("Viber: webhook set, callbacks arrive at {Path}", o.WebhookPath);
        }
        else
        {
            log.LogWarning("Viber: no Viber:WebhookUrl, so the bot sends but hears nothing; set it to a public HTTPS URL to receive messages");
        }

        var info = await StepAsync("get_account_info", client.GetAccountInfoAsync, stop);
        if (info?.IsOk == true)
        {
            botInfo.Learn(info);
            log.LogInformation("Viber: the bot is \"{Name}\" (chat URI {Uri}, {Subscribers} subscribers)", info.Name, info.Uri, info.SubscribersCount);
        }
    }

    /// <summary>Runs a call until Viber answers; a non-zero status is logged and returned, not retried.</summary>
    private async Task<T?> StepAsync<T>(string name, Func<CancellationToken, Task<T>> call, CancellationToken stop) where T : ViberResponse
    {
        for (var attempt = 1; !stop.IsCancellationRequested; attempt++)
        {
            try
            {
                var answer = await call(stop);
                if (answer.Status.Kind() == ViberStatusKind.AccountDown) account.MarkDown(answer.Status, answer.StatusMessage);
                else if (!answer.IsOk) log.LogError("Viber: {Method} was refused: {Answer}", name, answer);
                return answer;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempt)));
                log.LogWarning("Viber: {Method} failed ({Error}); retrying in {Seconds} s", name, e.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, stop);
            }
        }

        return null;
    }
}
