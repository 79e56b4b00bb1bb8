using System.Net;
using System.Net.Sockets;
using Bot.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench.Webhook;

/// <summary>
/// Bot.Host in webhook mode on a real 127.0.0.1 port, against a <see cref="FakeTelegramServer"/> whose limits are
/// raised out of the way. Started in this process with <see cref="WebApplicationFactory{TEntryPoint}"/> (as
/// Bot.Tests' TelegramTestHost does) rather than as a child process, for three reasons: the bot's clock can be set to
/// a school day (<see cref="BenchClock"/>), EF Core's SQL commands can be counted from its DiagnosticSource without
/// touching the product, and nothing has to be published first. It is still the product's own Program with its own
/// settings and middleware, reached over TCP.
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    public const string Secret = "bench_webhook-Secret42";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private BotUnderTest(FakeTelegramServer telegram, WebApplicationFactory<Program> app, Uri webhook)
    {
        Telegram = telegram;
        App = app;
        Webhook = webhook;
    }

    public FakeTelegramServer Telegram { get; }
    public WebApplicationFactory<Program> App { get; }
    public Uri Webhook { get; }

    public static async Task<BotUnderTest> StartAsync(string connection, TimeProvider clock, string logLevel, IReadOnlyDictionary<string, string> settings)
    {
        var telegram = await FakeTelegramServer.StartAsync(clock);
        // It measures the bot, not Telegram: no 429s from the fake...
        telegram.Limits.GlobalPerSecond = 100_000;
        telegram.Limits.PerChatPerSecond = 100_000;

        var port = FreePort();
        var webhook = new Uri($"http://127.0.0.1:{port}/tg/hook");
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Journal", connection);
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Telegram:Token", FakeTelegramServer.Token);
            b.UseSetting("Telegram:ApiBaseUrl", telegram.BaseUrl);
            b.UseSetting("Telegram:WebhookUrl", webhook.ToString());
            b.UseSetting("Telegram:WebhookSecret", Secret);
            b.UseSetting("Telegram:BotUsername", FakeTelegramServer.Username);
            // ...and none from the bot's own pacing of replies, which mirrors Telegram's one message a second per chat:
            // a teacher here sends a few commands a second, which Telegram would not let the bot answer at that pace.
            b.UseSetting("Delivery:PerChatPerSecond", "100000");
            // Nothing on the /mark path logs below Warning; a quieter console keeps the tables readable.
            b.UseSetting("Logging:LogLevel:Default", logLevel);
            b.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureTestServices(services => services.AddSingleton(clock));
        });
        try
        {
            factory.UseKestrel();
            factory.StartServer();
            _ = factory.Services;
            await FakeTelegramServer.WaitUntilAsync(() => telegram.Webhook is not null, TimeSpan.FromSeconds(60), "setWebhook");
        }
        catch
        {
            await factory.DisposeAsync();
            await telegram.DisposeAsync();
            throw;
        }

        return new BotUnderTest(telegram, factory, webhook);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Telegram.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
