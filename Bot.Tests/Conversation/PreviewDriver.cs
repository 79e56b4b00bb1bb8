using System.Net.Http.Json;
using Bot.Host.Preview;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Conversation;

/// <summary>Drives the bot through the web preview's HTTP endpoints, as its page does.</summary>
public sealed class PreviewDriver : IChatDriver
{
    private readonly WebApplicationFactory<Program> _app;
    private readonly HttpClient _http;

    public PreviewDriver(TestDatabase database, TestSchool school)
    {
        // The preview runs only over the demo school: the scenarios' school plays it.
        using (var db = database.NewContext())
            db.Schools.Where(s => s.Id == school.School.Id).ExecuteUpdate(u => u.SetProperty(s => s.IsDemo, true));
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("ConnectionStrings:Journal", database.ConnectionString);
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new ShiftedClock(school.Clock.GetUtcNow())));
        });
        _http = _app.CreateClient();
    }

    public string ChatOf(string person) => "preview-" + person.Replace(' ', '-');

    public Task<IReadOnlyList<ChatReply>> SayAsync(string chat, string text) => SendAsync(new PreviewEndpoints.SendRequest(chat, text, null));

    /// <summary>A press on the page's latest message (the page sends its own id of the message the button was on).</summary>
    public Task<IReadOnlyList<ChatReply>> PressAsync(string chat, string data) => SendAsync(new PreviewEndpoints.SendRequest(chat, null, data, "1"));

    private async Task<IReadOnlyList<ChatReply>> SendAsync(PreviewEndpoints.SendRequest request)
    {
        var response = await _http.PostAsJsonAsync("/preview/api/send", request);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<PreviewEndpoints.SendResponse>())!;
        return (body.Replace is { } replaced ? [replaced, .. body.Replies] : body.Replies).Select(r => new ChatReply(
            string.Join("\n", r.Lines.Select(l => string.Concat(l.Select(s => s.Text)))),
            r.Buttons.SelectMany(x => x).Select(b => (b.Label, b.Data)).ToList())).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }
}

public sealed class ConversationThroughThePreview : ConversationScenarios
{
    protected override Bot.Domain.Audit.Channel ExpectedChannel => Bot.Domain.Audit.Channel.Preview;

    protected override Task<IChatDriver> CreateDriverAsync(TestDatabase database, TestSchool school) =>
        Task.FromResult<IChatDriver>(new PreviewDriver(database, school));
}
