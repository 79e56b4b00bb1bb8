using System.Net;
using System.Net.Sockets;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Bot.Host.Conversation;
using Bot.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Telegram;

/// <summary>
/// Bot.Host on a temporary SQLite file, talking to a <see cref="FakeTelegramServer"/>, with a
/// <see cref="TestConversation"/> in place of the engine. Limits are high unless a test asks for Telegram's own.
/// </summary>
public sealed class TelegramTestHost : IAsyncDisposable
{
    public const string WebhookSecret = "s3cret_-Token";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"journal-tg-{Guid.NewGuid():N}.db");

    private TelegramTestHost(FakeTelegramServer telegram) => Telegram = telegram;

    public FakeTelegramServer Telegram { get; }
    public TestConversation Conversation { get; } = new();
    public WebApplicationFactory<Program> App { get; private set; } = null!;
    public string? WebhookUrl { get; private set; }
    public string ConnectionString => $"Data Source={_file}";

    /// <param name="webhook">Webhook mode: a URL on a real port when <paramref name="realPort"/>, else an in-memory test server.</param>
    /// <param name="clock">A fake clock for both the bot and the fake Telegram (limits, retry_after, backoff).</param>
    /// <param name="telegramPace">Keep Telegram's own pace (1 message a second per chat) on both sides.</param>
    /// <param name="engine">False: leave the conversation as the host registers it (no test double).</param>
    /// <param name="more">More test services (a log sink).</param>
    public static async Task<TelegramTestHost> StartAsync(
        bool webhook = false, bool realPort = false, TimeProvider? clock = null, bool telegramPace = false, bool engine = true,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? more = null)
    {
        var host = new TelegramTestHost(await FakeTelegramServer.StartAsync(clock));
        if (!telegramPace)
        {
            host.Telegram.Limits.PerChatPerSecond = 1000;
            host.Telegram.Limits.GlobalPerSecond = 1000;
        }

        var port = realPort ? FreePort() : 0;
        if (webhook) host.WebhookUrl = $"http://127.0.0.1:{(realPort ? port : 80)}/tg/hook";
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Journal", host.ConnectionString);
            b.UseSetting("Telegram:Token", FakeTelegramServer.Token);
            b.UseSetting("Telegram:ApiBaseUrl", host.Telegram.BaseUrl);
            if (webhook)
            {
                b.UseSetting("Telegram:WebhookUrl", host.WebhookUrl);
                b.UseSetting("Telegram:WebhookSecret", WebhookSecret);
            }

            if (realPort) b.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
            if (!telegramPace) b.UseSetting("Delivery:PerChatPerSecond", "1000");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) b.UseSetting(key, value);
            b.ConfigureTestServices(services =>
            {
                if (clock is not null) services.AddSingleton(clock);
                if (engine) services.AddScoped<IConversation>(_ => host.Conversation);
                more?.Invoke(services);
            });
        });
        host.App = factory;
        try
        {
            if (realPort)
            {
                factory.UseKestrel();
                factory.StartServer();
            }

            _ = factory.Services; // starts the host: migrations, then polling or setWebhook
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public JournalDbContext Db() => JournalDatabase.Create(DatabaseProvider.Sqlite, ConnectionString);

    public async Task<List<ProcessedUpdate>> ProcessedUpdatesAsync()
    {
        await using var db = Db();
        return await db.ProcessedUpdates.ToListAsync();
    }

    public async Task<ChatLink> LinkAsync(long chatId)
    {
        await using var db = Db();
        var school = new School("Ліцей № 1 (тест)", "Europe/Kyiv");
        var now = DateTime.UtcNow;
        var invite = new Invite(school.Id, PersonKind.Guardian, Guid.NewGuid(), now, TimeSpan.FromDays(30), null);
        var link = new ChatLink(school.Id, Channel.Telegram, chatId.ToString(), chatId.ToString(), PersonKind.Guardian, invite.PersonId, invite.Id, now);
        db.AddRange(school, invite, link);
        await db.SaveChangesAsync();
        return link;
    }

    public async Task<ChatLink> ReloadAsync(ChatLink link)
    {
        await using var db = Db();
        return await db.ChatLinks.SingleAsync(l => l.Id == link.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Telegram.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var jobs = _file[..^3] + "-jobs.db"; // the job storage beside the journal (ADR 0030)
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm", jobs, jobs + "-wal", jobs + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
