using System.Diagnostics;
using System.Net;
using Bot.Host.Conversation;
using Bot.Host.Telegram;
using Bot.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Telegram;

/// <summary>Settings: the bot off without a token, a webhook refused without a valid secret, the stand-in conversation, shutdown.</summary>
public sealed class TelegramSetupTests
{
    [Fact]
    public async Task NoToken_TheBotIsOff_AndTheHostIsReady()
    {
        var file = Path.Combine(Path.GetTempPath(), $"journal-notoken-{Guid.NewGuid():N}.db");
        try
        {
            await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Production");
                b.UseSetting("ConnectionStrings:Journal", $"Data Source={file}");
            });

            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/readyz")).StatusCode);
            Assert.Null(app.Services.GetService<TelegramSender>());
            Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s.GetType().Namespace == typeof(TelegramSender).Namespace);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(null, "Telegram:WebhookSecret")]
    [InlineData("has spaces and !", "Telegram:WebhookSecret")]
    public async Task Webhook_WithoutAValidSecret_StopsTheStart(string? secret, string named)
    {
        var settings = new Dictionary<string, string?> { ["Telegram:WebhookUrl"] = "https://school.example/tg/hook", ["Telegram:WebhookSecret"] = secret };

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await TelegramTestHost.StartAsync(settings: settings);
        });

        Assert.Contains(named, error.ToString());
    }

    [Fact]
    public async Task ProcessWithoutTheBotRole_SendsButNeitherPollsNorServesTheWebhook()
    {
        await using var host = await TelegramTestHost.StartAsync(webhook: true, settings: new Dictionary<string, string?> { ["Host:Roles"] = "jobs,admin" });

        var outcome = await host.Service<TelegramSender>().SendAsync(8003, Message.Text("з черги"));
        var webhook = await host.App.CreateClient().PostAsync("/tg/hook", new StringContent("{}"));

        Assert.IsType<Bot.Host.Delivery.SendOutcome.Sent>(outcome);
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
        Assert.Empty(host.Telegram.CallsOf("getUpdates"));
        Assert.Empty(host.Telegram.CallsOf("setWebhook"));
    }

    [Fact]
    public async Task WithTheRealEngine_AnUnlinkedChatIsWelcomedAndAskedForItsCode()
    {
        await using var host = await TelegramTestHost.StartAsync(engine: false);

        host.Telegram.UserSends(8001, 8001, "/start");

        var welcome = Assert.Single(await host.Telegram.WaitForMessagesAsync(8001)).PlainText;
        Assert.StartsWith("Вітаємо!", welcome);
        Assert.Contains("код запрошення", welcome);
    }

    [Fact]
    public async Task Shutdown_EndsAnOpenLongPoll_Promptly()
    {
        var host = await TelegramTestHost.StartAsync();
        host.Telegram.UserSends(8002, 8002, "раз");
        await host.Telegram.WaitForMessagesAsync(8002); // the next getUpdates is now waiting on the fake

        var watch = Stopwatch.StartNew();
        await host.DisposeAsync();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {watch.Elapsed}");
    }
}
