using System.Net;
using System.Net.Sockets;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Bot.Fakes;
using Bot.Host.Conversation;
using Bot.Tests.Telegram;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Viber;

/// <summary>
/// Bot.Host on a real port (Viber posts callbacks to it) and its own SQLite file, talking to a
/// <see cref="FakeViberServer"/>; with a <see cref="TestConversation"/> in place of the engine unless asked for the real one.
/// Once started, the bot has called `set_webhook` and answered Viber's check.
/// </summary>
public sealed class ViberTestHost : IAsyncDisposable
{
    public const string WebhookPath = "/viber/hook-7Qx";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"journal-viber-{Guid.NewGuid():N}.db");

    private ViberTestHost(FakeViberServer viber) => Viber = viber;

    public FakeViberServer Viber { get; }
    public TestConversation Conversation { get; } = new();
    public WebApplicationFactory<Program> App { get; private set; } = null!;
    public string WebhookUrl { get; private set; } = "";
    public string ConnectionString { get; private set; } = "";

    /// <param name="clock">A fake clock for both the bot and the fake Viber (hourly limit, backoff).</param>
    /// <param name="engine">False: the host's own conversation engine (no test double).</param>
    /// <param name="connectionString">A database the test prepared; a fresh SQLite file otherwise.</param>
    /// <param name="waitForWebhook">Wait until `set_webhook` went through (false when the test stops it).</param>
    public static async Task<ViberTestHost> StartAsync(
        TimeProvider? clock = null, bool engine = true, string? connectionString = null, bool waitForWebhook = true,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = new ViberTestHost(await FakeViberServer.StartAsync(clock));
        host.ConnectionString = connectionString ?? $"Data Source={host._file}";
        var port = FreePort();
        host.WebhookUrl = $"http://127.0.0.1:{port}{WebhookPath}";
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Journal", host.ConnectionString);
            b.UseSetting("Viber:AuthToken", FakeViberServer.Token);
            b.UseSetting("Viber:ApiBaseUrl", host.Viber.BaseUrl);
            b.UseSetting("Viber:WebhookUrl", host.WebhookUrl);
            b.UseSetting("Delivery:PerChatPerSecond", "1000");
            b.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) b.UseSetting(key, value);
            b.ConfigureTestServices(services =>
            {
                if (clock is not null) services.AddSingleton(clock);
                if (engine) services.AddScoped<IConversation>(_ => host.Conversation);
            });
        });
        host.App = factory;
        try
        {
            factory.UseKestrel();
            factory.StartServer();
            if (waitForWebhook) await FakeViberServer.WaitUntilAsync(() => host.Viber.Webhook is not null, what: "set_webhook");
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

    /// <summary>A Viber user linked to a guardian, as an invite would have done.</summary>
    public async Task<ChatLink> LinkAsync(string userId)
    {
        await using var db = Db();
        var school = new School("Ліцей № 1 (тест)", "Europe/Kyiv");
        var now = DateTime.UtcNow;
        var invite = new Invite(school.Id, PersonKind.Guardian, Guid.NewGuid(), now, TimeSpan.FromDays(30), null);
        var link = new ChatLink(school.Id, Channel.Viber, userId, userId, PersonKind.Guardian, invite.PersonId, invite.Id, now);
        db.AddRange(school, invite, link);
        await db.SaveChangesAsync();
        return link;
    }

    public async Task<ChatLink> ReloadAsync(ChatLink link)
    {
        await using var db = Db();
        return await db.ChatLinks.SingleAsync(l => l.Id == link.Id);
    }

    public async Task<List<ProcessedUpdate>> ProcessedUpdatesAsync()
    {
        await using var db = Db();
        return await db.ProcessedUpdates.Where(p => p.Channel == Channel.Viber).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        await Viber.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
