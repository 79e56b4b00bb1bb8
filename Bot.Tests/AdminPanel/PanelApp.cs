using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Bot.Domain.Identity;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// Bot.Host with the panel on a real SQLite file: the <see cref="TestSchool"/> plus a director, and an account for each
/// role (<see cref="Logins"/>, password <see cref="Password"/>). Clients talk HTTPS to the test server, so the panel's
/// secure cookies flow as in a browser.
/// </summary>
public sealed partial class PanelApp : IAsyncDisposable
{
    public const string Password = "тестовий-пароль-1";

    /// <summary>The installation administrator `admin` (Admin:BootstrapPassword of the test school's panel).</summary>
    public const string BootstrapPassword = "bootstrap-пароль-тест";

    /// <summary>The accounts made for each role: a director (Administrator), a deputy, the class teacher of 7-А, a subject teacher.</summary>
    public static readonly string[] Logins = ["director", "deputy", "classteacher", "teacher"];

    private readonly WebApplicationFactory<Program> _factory;
    private bool _ownsDatabase = true;

    private PanelApp(TestDatabase database, TestSchool? school, Staff? director, WebApplicationFactory<Program> factory, LogSink log)
    {
        Database = database;
        School = school;
        Director = director;
        _factory = factory;
        Log = log;
    }

    public TestDatabase Database { get; }
    public TestSchool? School { get; }
    public Staff? Director { get; }
    public LogSink Log { get; }
    public IServiceProvider Services => _factory.Services;

    /// <summary>The in-memory test server, to send a request with a chosen connection (its remote address).</summary>
    public Microsoft.AspNetCore.TestHost.TestServer Server => _factory.Server;

    public string BaseUrl() => BrowserAddress.ToString().TrimEnd('/');

    /// <summary>With Kestrel: the address a browser opens (https://localhost:PORT).</summary>
    public Uri BrowserAddress
    {
        get
        {
            var address = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
            return new UriBuilder(address) { Host = "localhost" }.Uri;
        }
    }

    /// <summary>A running panel over the test school with the four accounts.</summary>
    public static async Task<PanelApp> StartAsync(Action<IWebHostBuilder>? configure = null, bool kestrel = false)
    {
        var database = await TestDatabase.SqliteAsync();
        TestSchool school;
        Staff director;
        await using (var db = database.NewContext())
        {
            school = await TestSchool.CreateAsync(db);
            director = new Staff(school.School.Id, "Гребенюк", "Олена", "Андріївна", StaffRoles.Administrator);
            db.Add(director);
            await db.SaveChangesAsync();
        }

        var app = Start(database, school, director, b =>
        {
            b.UseSetting("Admin:BootstrapPassword", BootstrapPassword);
            configure?.Invoke(b);
        }, kestrel);
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<PanelAccounts>();
        foreach (var (login, staff) in Logins.Zip(new[] { director, school.Deputy, school.ClassTeacher, school.AlgebraTeacher }))
            (await accounts.CreateForStaffAsync(staff.Id, login, Password)).GetValueOrThrow();
        return app;
    }

    /// <summary>A running panel over an empty database (first start).</summary>
    /// <summary>A running panel over an empty database (first start); a database passed in is the caller's to dispose.</summary>
    public static async Task<PanelApp> StartEmptyAsync(Action<IWebHostBuilder>? configure = null, TestDatabase? database = null, bool kestrel = false)
    {
        var app = Start(database ?? await TestDatabase.SqliteAsync(), null, null, b => configure?.Invoke(b), kestrel);
        app._ownsDatabase = database is null;
        return app;
    }

    private static PanelApp Start(TestDatabase database, TestSchool? school, Staff? director, Action<IWebHostBuilder> configure, bool kestrel = false)
    {
        var log = new LogSink();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Journal", database.ConnectionString);
            b.UseSetting("Database:Provider", database.Provider.ToString());
            b.UseEnvironment("Production");
            b.ConfigureLogging(l => l.AddProvider(log));
            configure(b);
        });
        if (kestrel)
        {
            // A real HTTPS port on 127.0.0.1 for a browser (a throwaway self-signed certificate for localhost), so the
            // panel's secure cookies work as they do in production.
            factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0, l => l.UseHttps(SelfSignedLocalhost())));
            factory.StartServer();
        }
        else
        {
            _ = factory.Server; // start now: migrations, the bootstrap account
        }

        return new PanelApp(database, school, director, factory, log);
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSignedLocalhost()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=localhost", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(cert.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }

    /// <summary>A browser-like client: HTTPS, cookies kept, redirects not followed (tests look at them).</summary>
    public HttpClient Client(bool handleCookies = true) =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = handleCookies });

    /// <summary>Signs in through the sign-in form and returns the signed-in client.</summary>
    public async Task<HttpClient> SignInAsync(string login, string password = Password)
    {
        var client = Client();
        var response = await PostLoginAsync(client, login, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {login} failed: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string login, string password)
    {
        var token = await TokenAsync(client, "/Account/Login");
        return await client.PostAsync("/Account/Login", Form(token, ("Input.Login", login), ("Input.Password", password)));
    }

    /// <summary>The antiforgery token of a page's form.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var match = TokenInput().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {url}");
    }

    public static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Concat(token is null ? [] : [KeyValuePair.Create("__RequestVerificationToken", token)]));

    /// <summary>A page as a browser shows it (the panel may write some characters as references).</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_ownsDatabase) await Database.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}

/// <summary>Everything the host logs, to find what it prints once (the bootstrap password).</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Lines.Enqueue(exception is null ? formatter(state, exception) : $"{formatter(state, exception)} {exception}");
    }
}
