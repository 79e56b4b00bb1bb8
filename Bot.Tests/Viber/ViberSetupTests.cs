using System.Net;
using Bot.Fakes;
using Bot.Host.Conversation;
using Bot.Host.Delivery;
using Bot.Host.Viber;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Viber;

/// <summary>Settings: the bot off without a token, settings checked at start, a process without the bot role only sends.</summary>
public sealed class ViberSetupTests
{
    [Fact]
    public async Task NoToken_TheViberBotIsOff_AndTheHostIsReady()
    {
        var file = Path.Combine(Path.GetTempPath(), $"journal-noviber-{Guid.NewGuid():N}.db");
        try
        {
            await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Production");
                b.UseSetting("ConnectionStrings:Journal", $"Data Source={file}");
                b.UseSetting("Viber:WebhookUrl", "https://school.example/viber/hook");
            });

            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/readyz")).StatusCode);
            Assert.Null(app.Services.GetService<ViberSender>());
            Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s.GetType().Namespace == typeof(ViberSender).Namespace);
            Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsync("/viber/hook", new StringContent("{}"))).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Viber:ApiBaseUrl", "https://chatapi.viber.com/pa")]
    [InlineData("Viber:SenderName", "Ліцей імені Тараса Шевченка № 1 міста")]
    [InlineData("Viber:WebhookUrl", "not a url")]
    [InlineData("Viber:ChatUri", "school bot&context=x")]
    [InlineData("Viber:AuthToken", "short")]
    public async Task ASettingViberWouldRefuse_StopsTheStart_NamingIt(string key, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await ViberTestHost.StartAsync(settings: new Dictionary<string, string?> { [key] = value });
        });

        Assert.Contains(key, error.ToString());
    }

    [Fact]
    public async Task ProcessWithoutTheBotRole_SendsButServesNoWebhook_AndRegistersNone()
    {
        await using var host = await ViberTestHost.StartAsync(waitForWebhook: false, settings: new Dictionary<string, string?> { ["Host:Roles"] = "jobs,admin" });
        host.Viber.SetWebhookForTest("https://school.example/viber/hook"); // another process of the installation set it
        host.Viber.AddUser("jobs==", subscribed: true);

        var outcome = await host.Service<ViberSender>().SendAsync("jobs==", Message.Text("з черги"));
        using var http = new HttpClient();
        var webhook = await http.PostAsync(host.WebhookUrl, new StringContent("{}"));

        Assert.Equal(new SendOutcome.Sent("jobs==", Assert.Single(host.Viber.MessagesTo("jobs==")).MessageToken), outcome);
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
        Assert.Empty(host.Viber.CallsOf("set_webhook"));
    }
}
