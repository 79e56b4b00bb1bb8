using System.Net;
using Bot.Host.Cli;
using Bot.Tests.AdminPanel;
using Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bot.Tests.Host;

/// <summary>Bot.Host on its embedded default: starts, migrates, answers health, shows the panel; the operator's verbs.</summary>
public sealed class HostTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"journal-host-{Guid.NewGuid():N}");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private WebApplicationFactory<Program> Start(string connectionString, string provider = "Sqlite") =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Journal", connectionString);
            b.UseSetting("Database:Provider", provider);
            b.UseSetting("Admin:BootstrapPassword", "пароль для тесту хоста");
            b.UseEnvironment("Production");
        });

    [Fact]
    public async Task Host_OnEmbeddedDefault_IsHealthyAndReady_AndCreatesTheDatabase()
    {
        var file = Path.Combine(_dir, "data", "journal.db");
        await using var app = Start($"Data Source={file}");
        var client = app.CreateClient();

        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task Host_FrontPage_IsTheUkrainianPanel_BehindSignIn()
    {
        await using var app = Start($"Data Source={Path.Combine(_dir, "panel.db")}");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        var login = await client.GetStringAsync("/Account/Login");
        Assert.Contains("lang=\"uk\"", login);
        Assert.Contains("Вхід до журналу", login);
        Assert.Equal(HttpStatusCode.Redirect, (await PanelApp.PostLoginAsync(client, "admin", "пароль для тесту хоста")).StatusCode);
        var html = await client.GetStringAsync("/");
        Assert.Contains("Огляд", html);
        Assert.Contains("--demo", html); // an empty database says how to see the demo school
    }

    [Fact]
    public async Task BotPreview_IsOffInProduction_WithoutTheDemo()
    {
        await using var app = Start($"Data Source={Path.Combine(_dir, "prod.db")}");
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/preview/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/preview/api/send", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task MigrateVerb_CreatesTheDatabase_ThenSaysItIsUpToDate()
    {
        var file = Path.Combine(_dir, "verb.db");
        var args = new[] { "migrate", $"--ConnectionStrings:Journal=Data Source={file}" };
        var first = new StringWriter();
        Assert.Equal(0, await Verbs.RunAsync(args, first, TextWriter.Null));
        Assert.StartsWith("Applied", first.ToString());
        Assert.True(File.Exists(file));

        var second = new StringWriter();
        Assert.Equal(0, await Verbs.RunAsync(args, second, TextWriter.Null));
        Assert.Contains("up to date", second.ToString());
    }

    [Fact]
    public async Task DemoVerb_SeedsAFreshDatabase_ThenSaysTheSchoolIsThere()
    {
        var file = Path.Combine(_dir, "demo.db");
        var args = new[] { "demo", $"--ConnectionStrings:Journal=Data Source={file}", "--Demo:DaysBack=3" };
        var first = new StringWriter();
        Assert.Equal(0, await Verbs.RunAsync(args, first, TextWriter.Null));
        Assert.Contains("Створено демонстраційну школу", first.ToString());
        Assert.Contains("класів — 33", first.ToString());
        Assert.Matches("Демо-входи до панелі, пароль для всіх: [a-z2-9-]{14}", first.ToString());
        foreach (var login in new[] { "director", "deputy", "classteacher", "teacher" }) Assert.Contains($"  {login} ", first.ToString());

        var second = new StringWriter();
        Assert.Equal(0, await Verbs.RunAsync(args, second, TextWriter.Null));
        Assert.Contains("уже є в базі, нічого не змінено", second.ToString());
        Assert.DoesNotContain("Демо-входи", second.ToString()); // the password is printed once
        await using var db = Bot.Domain.Persistence.JournalDatabase.Create(Bot.Domain.Persistence.DatabaseProvider.Sqlite, $"Data Source={file}");
        Assert.Equal(1, await db.Schools.CountAsync());
    }

    [Fact]
    public async Task DemoVerb_BadScale_ExitsNonZero()
    {
        var error = new StringWriter();
        var args = new[] { "demo", $"--ConnectionStrings:Journal=Data Source={Path.Combine(_dir, "bad.db")}", "--Demo:Scale=11" };
        Assert.Equal(1, await Verbs.RunAsync(args, TextWriter.Null, error));
        Assert.Contains("Demo:Scale", error.ToString());
    }

    [Fact]
    public async Task Host_WithDemoSeed_ShowsTheDemoSchoolOnTheOverview()
    {
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Journal", $"Data Source={Path.Combine(_dir, "demo-start.db")}");
            b.UseSetting("Demo:Seed", "true");
            b.UseSetting("Demo:DaysBack", "2");
            b.UseSetting("Admin:BootstrapPassword", "пароль для тесту хоста");
            b.UseEnvironment("Production");
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await PanelApp.PostLoginAsync(client, "admin", "пароль для тесту хоста")).StatusCode);
        // The panel writes Cyrillic from the model as character references: read the page as a browser shows it.
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.Contains("Демонстраційний ліцей № 1", html);
        Assert.Contains("2026-2027", html);
        // The overview reads the stored verdict of the last audit check; nothing has checked the new database yet.
        Assert.Contains("Остання перевірка: ще не перевірявся", html);
    }

    [Fact]
    public async Task UnknownVerb_ExitsNonZero_WithTheListOfVerbs()
    {
        var error = new StringWriter();
        Assert.Equal(2, await Verbs.RunAsync(["frobnicate"], TextWriter.Null, error));
        Assert.Contains("migrate", error.ToString());
    }

    [Fact]
    public void DemoFlag_IsTheDemoSeedSetting()
    {
        Assert.Equal(["--Demo:Seed=true", "--urls", "http://127.0.0.1:5000"], CommandLine.Normalize(["--demo", "--urls", "http://127.0.0.1:5000"]));
        Assert.False(CommandLine.HasVerb(["--demo"]));
        Assert.True(CommandLine.HasVerb(["migrate"]));
    }
}

/// <summary>`/readyz` follows the database: 503 once PostgreSQL stops answering for the journal's database.</summary>
[Collection("postgres")]
public sealed class ReadinessOnPostgresTests(PostgresServer server)
{
    [Fact]
    public async Task Readyz_DatabaseGone_Answers503()
    {
        var cs = await server.CreateDatabaseAsync("ready");
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Journal", cs);
            b.UseSetting("Database:Provider", "PostgreSQL");
        });
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        var name = new NpgsqlConnectionStringBuilder(cs).Database;
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
