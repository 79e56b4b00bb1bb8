using System.Net;
using System.Text.RegularExpressions;
using Bot.Domain.Identity;
using Bot.Host.Cli;
using Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.AdminPanel;

/// <summary>Sign-in, the bootstrap administrator, one-time passwords, slowing guessers per login and address, antiforgery and the cookie's flags.</summary>
public sealed partial class SignInTests
{
    [Fact]
    public async Task Page_Anonymous_RedirectsToTheUkrainianSignIn()
    {
        await using var app = await PanelApp.StartAsync();
        var client = app.Client();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        var login = await PanelApp.TextAsync(await client.GetAsync("/Account/Login"));
        Assert.Contains("Вхід до журналу", login);
        Assert.Contains("lang=\"uk\"", login);
    }

    [Fact]
    public async Task SignIn_RightPassword_OpensTheOverview_WithASecureHttpOnlyCookie()
    {
        await using var app = await PanelApp.StartAsync();
        var client = app.Client();
        var response = await PanelApp.PostLoginAsync(client, "deputy", PanelApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("journal.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        // "/" sends a member of staff to their today page; the schools' overview stays a link away.
        var start = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/Today", start.Headers.Location!.OriginalString);
        Assert.Contains("Школа сьогодні", await PanelApp.TextAsync(await client.GetAsync("/Today")));
        var overview = await PanelApp.TextAsync(await client.GetAsync("/Overview"));
        Assert.Contains("Огляд", overview);
        Assert.Contains("Ліцей № 1 (тест)", overview);
        Assert.Contains("Бондар Л. В.", overview); // the deputy's name in the menu
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoInUkrainian()
    {
        await using var app = await PanelApp.StartAsync();
        var response = await PanelApp.PostLoginAsync(app.Client(), "deputy", "не той пароль");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Неправильний логін або пароль.", await PanelApp.TextAsync(response));
    }

    [Fact]
    public async Task SignIn_EmptyFields_ShowMessagesNextToTheFields()
    {
        await using var app = await PanelApp.StartAsync();
        var response = await PanelApp.PostLoginAsync(app.Client(), "", "");
        var html = await PanelApp.TextAsync(response);
        Assert.Contains("Вкажіть логін.", html);
        Assert.Contains("Вкажіть пароль.", html);
    }

    [Fact]
    public async Task FiveWrongPasswords_FromOneAddress_SlowThatAddressOnly_TheDirectorSignsInFromAnother()
    {
        var clock = new FakeTimeProvider(Builders.TestSchool.Now);
        await using var app = await PanelApp.StartAsync(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddTransient<IStartupFilter, ClientAddressFromTestHeader>();
        }));
        var attacker = ClientFrom(app, "198.51.100.7");
        for (var i = 0; i < PanelIdentity.MaxFailedSignIns - 1; i++)
            Assert.Contains("Неправильний логін або пароль.", await PanelApp.TextAsync(await PanelApp.PostLoginAsync(attacker, "director", $"wrong-{i}")));
        var fifth = await PanelApp.TextAsync(await PanelApp.PostLoginAsync(attacker, "director", "wrong-last"));
        Assert.Contains("Забагато невдалих спроб входу. Зачекайте 30 секунд і спробуйте знову.", fifth);

        // The director, from the school's own address, signs in at once.
        var director = ClientFrom(app, "203.0.113.20");
        Assert.Equal(HttpStatusCode.Redirect, (await PanelApp.PostLoginAsync(director, "director", PanelApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/Today")).StatusCode);

        // From the attacker's address even the right password is refused until the wait is over, and nobody is signed in.
        var refused = await PanelApp.PostLoginAsync(attacker, "director", PanelApp.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Зачекайте 30 секунд", await PanelApp.TextAsync(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/")).StatusCode);
        // Another login from the same address is not slowed.
        Assert.Equal(HttpStatusCode.Redirect, (await PanelApp.PostLoginAsync(ClientFrom(app, "198.51.100.7"), "deputy", PanelApp.Password)).StatusCode);

        // The wait doubles with each further failure: 30 s, then 1 minute.
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Contains("Зачекайте 1 хвилину", await PanelApp.TextAsync(await PanelApp.PostLoginAsync(attacker, "director", "wrong-again")));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Contains("Зачекайте 30 секунд", await PanelApp.TextAsync(await PanelApp.PostLoginAsync(attacker, "director", PanelApp.Password)));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Redirect, (await PanelApp.PostLoginAsync(attacker, "director", PanelApp.Password)).StatusCode);
    }

    [Fact]
    public async Task UnknownLogin_AndWrongPassword_AnswerAlike_AndBothRunThePasswordHash()
    {
        var hasher = new CountingHasher();
        await using var app = await PanelApp.StartAsync(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AdminUser>>(hasher)));
        var before = hasher.Verifications;
        var unknown = await PanelApp.PostLoginAsync(app.Client(), "nosuchlogin", "не той пароль");
        Assert.Equal(before + 1, hasher.Verifications); // the unknown login's password was checked against a hash
        var wrong = await PanelApp.PostLoginAsync(app.Client(), "teacher", "не той пароль");
        Assert.Equal(before + 2, hasher.Verifications);

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        var unknownBody = Comparable(await PanelApp.TextAsync(unknown), "nosuchlogin");
        Assert.Contains("Неправильний логін або пароль.", unknownBody);
        Assert.Equal(Comparable(await PanelApp.TextAsync(wrong), "teacher"), unknownBody);
        Assert.Equal(unknown.Headers.Select(h => h.Key).Order(), wrong.Headers.Select(h => h.Key).Order());
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("director");
        var response = await client.PostAsync("/Account/ChangePassword",
            PanelApp.Form(null, ("Input.Current", PanelApp.Password), ("Input.New", "новий-пароль-дуже"), ("Input.Confirm", "новий-пароль-дуже")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var signIn = await PanelApp.PostLoginAsync(app.Client(), "director", PanelApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode); // the password did not change
    }

    [Fact]
    public async Task Bootstrap_WithoutPassword_PrintsAOneTimePasswordOnce_ThatMustBeChanged()
    {
        await using var database = await TestDatabase.SqliteAsync();
        string password;
        await using (var first = await PanelApp.StartEmptyAsync(database: database))
        {
            var line = Assert.Single(first.Log.Lines, l => l.Contains("one-time password", StringComparison.Ordinal));
            password = OneTimePasswordIn().Match(line).Value;
            Assert.NotEmpty(password);

            var client = first.Client();
            var signIn = await PanelApp.PostLoginAsync(client, "admin", password);
            Assert.StartsWith("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
            // Nothing else opens before the change.
            var overview = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
            Assert.StartsWith("/Account/ChangePassword", overview.Headers.Location!.OriginalString);

            var page = await PanelApp.TextAsync(await client.GetAsync("/Account/ChangePassword"));
            Assert.Contains("одноразовим паролем", page);
            var token = await PanelApp.TokenAsync(client, "/Account/ChangePassword");
            var tooShort = await client.PostAsync("/Account/ChangePassword", PanelApp.Form(token, ("Input.Current", password), ("Input.New", "коротко"), ("Input.Confirm", "коротко")));
            Assert.Contains("щонайменше 10 символів", await PanelApp.TextAsync(tooShort));
            var changed = await client.PostAsync("/Account/ChangePassword",
                PanelApp.Form(token, ("Input.Current", password), ("Input.New", "мій власний пароль"), ("Input.Confirm", "мій власний пароль")));
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        // A second start finds the account: nothing is printed, the new password holds, the old one does not.
        await using var second = await PanelApp.StartEmptyAsync(database: database);
        Assert.DoesNotContain(second.Log.Lines, l => l.Contains("one-time password", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await PanelApp.PostLoginAsync(second.Client(), "admin", password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PanelApp.PostLoginAsync(second.Client(), "admin", "мій власний пароль")).StatusCode);
    }

    [Fact]
    public async Task Bootstrap_WithConfiguredLoginAndPassword_SignsInStraightAway()
    {
        await using var app = await PanelApp.StartEmptyAsync(b =>
        {
            b.UseSetting("Admin:BootstrapLogin", "it-school");
            b.UseSetting("Admin:BootstrapPassword", "налаштований пароль");
        });
        Assert.DoesNotContain(app.Log.Lines, l => l.Contains("one-time password", StringComparison.Ordinal));
        var client = app.Client();
        var signIn = await PanelApp.PostLoginAsync(client, "it-school", "налаштований пароль");
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.Contains("Огляд", await PanelApp.TextAsync(await client.GetAsync("/")));
    }

    [Fact]
    public async Task ResetPasswordVerb_PrintsAOneTimePassword_TheOldOneStopsWorking()
    {
        await using var app = await PanelApp.StartAsync();
        var output = new StringWriter();
        var args = new[] { "reset-password", "teacher", $"--ConnectionStrings:Journal={app.Database.ConnectionString}" };
        Assert.Equal(0, await Verbs.RunAsync(args, output, TextWriter.Null));
        var password = OneTimePasswordIn().Match(output.ToString()).Value;
        Assert.NotEmpty(password);

        Assert.Equal(HttpStatusCode.OK, (await PanelApp.PostLoginAsync(app.Client(), "teacher", PanelApp.Password)).StatusCode);
        var signIn = await PanelApp.PostLoginAsync(app.Client(), "teacher", password);
        Assert.StartsWith("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ResetPasswordVerb_UnknownLogin_ExitsNonZero()
    {
        await using var app = await PanelApp.StartAsync();
        var error = new StringWriter();
        var args = new[] { "reset-password", "nobody", $"--ConnectionStrings:Journal={app.Database.ConnectionString}" };
        Assert.Equal(1, await Verbs.RunAsync(args, TextWriter.Null, error));
        Assert.Contains("Облікового запису з таким логіном немає", error.ToString());
        Assert.Equal(2, await Verbs.RunAsync(["reset-password"], TextWriter.Null, error));
    }

    [Fact]
    public async Task PlainHttp_WithSecureCookies_ThePanelSaysItNeedsHttps_HealthStillAnswers()
    {
        await using var app = await PanelApp.StartAsync();
        var http = app.Client();
        http.BaseAddress = new Uri("http://localhost");
        var page = await http.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Панель відкривається лише через HTTPS", await PanelApp.TextAsync(page));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        // The jobs dashboard's forms need the same HTTPS-only antiforgery cookie: the same page, not a 500.
        var jobs = await http.GetAsync("/jobs/recurring");
        Assert.Equal(HttpStatusCode.BadRequest, jobs.StatusCode);
        Assert.Contains("Панель відкривається лише через HTTPS", await PanelApp.TextAsync(jobs));
        // A TLS-terminating proxy on the same machine says so in X-Forwarded-Proto.
        var proxied = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(proxied)).StatusCode);
    }

    [Fact]
    public async Task PlainHttp_WithSecureCookiesOff_SignInWorks()
    {
        await using var app = await PanelApp.StartAsync(b => b.UseSetting("Admin:SecureCookies", "false"));
        var http = app.Client();
        http.BaseAddress = new Uri("http://localhost");
        var response = await PanelApp.PostLoginAsync(http, "teacher", PanelApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("secure", response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("journal.auth=", StringComparison.Ordinal)),
            StringComparison.OrdinalIgnoreCase);
        Assert.Contains(app.Log.Lines, l => l.Contains("Admin:SecureCookies is off", StringComparison.Ordinal));
    }

    /// <summary>A client whose requests come from <paramref name="address"/> (see <see cref="ClientAddressFromTestHeader"/>).</summary>
    private static HttpClient ClientFrom(PanelApp app, string address)
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Add(ClientAddressFromTestHeader.Header, address);
        return client;
    }

    /// <summary>The page with what differs by nature taken out: the login typed back into the form and the form's token.</summary>
    private static string Comparable(string html, string login) =>
        AntiforgeryValue().Replace(html.Replace($"value=\"{login}\"", "value=\"LOGIN\"", StringComparison.Ordinal), "TOKEN");

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]+")]
    private static partial Regex AntiforgeryValue();

    /// <summary>The test server has no client address: this takes it from a header, before anything else runs.</summary>
    private sealed class ClientAddressFromTestHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (ctx.Request.Headers.TryGetValue(Header, out var value)) ctx.Connection.RemoteIpAddress = IPAddress.Parse(value!);
                return nextMiddleware(ctx);
            });
            next(app);
        };
    }

    /// <summary>The real hasher, counting how often a password is verified.</summary>
    private sealed class CountingHasher : IPasswordHasher<AdminUser>
    {
        private readonly PasswordHasher<AdminUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AdminUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AdminUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [GeneratedRegex("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}")]
    private static partial Regex OneTimePasswordIn();
}
