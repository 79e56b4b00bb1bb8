using System.Net;
using System.Net.Sockets;
using Bot.Domain.Persistence;
using Bot.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench.Webhook;

/// <summary>
/// Bot.Host in webhook mode on a real 127.0.0.1 port — or N of them, each on its own port, sharing one database on
/// PostgreSQL — against one <see cref="FakeTelegramServer"/> whose limits are raised out of the way. Started in this
/// process with <see cref="WebApplicationFactory{TEntryPoint}"/> (as Bot.Tests' TelegramTestHost does) rather than as
/// child processes, for three reasons: the bot's clock can be set to a school day (<see cref="BenchClock"/>), EF Core's
/// SQL commands can be counted from its DiagnosticSource without touching the product, and nothing has to be published
/// first. Each is still the product's own Program with its own settings, services, connection pool and middleware,
/// reached over TCP; what the instances share is this process's runtime (thread pool, GC, JIT).
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    public const string Secret = "bench_webhook-Secret42";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private BotUnderTest(FakeTelegramServer telegram, IReadOnlyList<WebApplicationFactory<Program>> apps, IReadOnlyList<Uri> webhooks)
    {
        Telegram = telegram;
        Apps = apps;
        Webhooks = webhooks;
    }

    public FakeTelegramServer Telegram { get; }
    public IReadOnlyList<WebApplicationFactory<Program>> Apps { get; }

    /// <summary>Each instance's webhook address; teacher i posts to <c>Webhooks[i % Count]</c>.</summary>
    public IReadOnlyList<Uri> Webhooks { get; }

    public Uri WebhookFor(int teacher) => Webhooks[teacher % Webhooks.Count];

    public static async Task<BotUnderTest> StartAsync(BenchDatabase database, int instances, TimeProvider clock, string logLevel,
        IReadOnlyDictionary<string, string> settings)
    {
        var telegram = await FakeTelegramServer.StartAsync(clock);
        // It measures the bot, not Telegram: no 429s from the fake...
        telegram.Limits.GlobalPerSecond = 100_000;
        telegram.Limits.PerChatPerSecond = 100_000;

        var apps = new List<WebApplicationFactory<Program>>();
        var webhooks = new List<Uri>();
        try
        {
            // One after another: each sets its own webhook address at the fake (the last one stays; the teachers post
            // to every instance directly), and the first to start installs the job storage's schema on PostgreSQL.
            for (var i = 0; i < instances; i++)
            {
                var (app, webhook) = await StartInstanceAsync(telegram, database, clock, logLevel, settings);
                apps.Add(app);
                webhooks.Add(webhook);
            }
        }
        catch
        {
            foreach (var app in apps) await app.DisposeAsync();
            await telegram.DisposeAsync();
            throw;
        }

        return new BotUnderTest(telegram, apps, webhooks);
    }

    private static async Task<(WebApplicationFactory<Program>, Uri)> StartInstanceAsync(FakeTelegramServer telegram, BenchDatabase database, TimeProvider clock, string logLevel, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var webhook = new Uri($"http://127.0.0.1:{port}/tg/hook");
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Journal", database.Connection);
            b.UseSetting("Database:Provider", database.Provider.ToString());
            // On PostgreSQL, the processes of scale-out: the bot and its jobs, no panel (one instance or several alike).
            if (database.Provider == DatabaseProvider.PostgreSQL) b.UseSetting("Host:Roles", "bot,jobs");
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
            await FakeTelegramServer.WaitUntilAsync(() => telegram.Webhook?.Url == webhook.ToString(), TimeSpan.FromSeconds(60), "setWebhook");
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }

        return (factory, webhook);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in Apps) await app.DisposeAsync();
        await Telegram.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
