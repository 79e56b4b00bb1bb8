using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Host.Configuration;
using Bot.Host.Conversation;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Conversation;

/// <summary>Drives the conversation engine directly, with the host's own registrations, on a test database.</summary>
public sealed class EngineDriver : IChatDriver
{
    private readonly ServiceProvider _services;

    public EngineDriver(TestDatabase database, TestSchool school, Channel channel = Channel.Telegram)
    {
        Channel = channel;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddConversation();
        builder.Services.AddScoped<JournalDbContext>(_ => database.NewContext());
        builder.Services.AddSingleton<TimeProvider>(school.Clock);
        builder.Services.AddSingleton(new JournalSettings());
        builder.Services.AddSingleton(new LinkingSettings());
        builder.Services.AddScoped<JournalService>();
        builder.Services.AddScoped<InviteService>();
        builder.Services.AddSingleton(Options.Create(new SchoolOptions()));
        _services = builder.Services.BuildServiceProvider();
    }

    public Channel Channel { get; }

    private readonly Dictionary<string, string> _chats = [];

    public string ChatOf(string person)
    {
        if (!_chats.TryGetValue(person, out var chat)) _chats[person] = chat = $"{5000 + _chats.Count}";
        return chat;
    }

    public Task<IReadOnlyList<ChatReply>> SayAsync(string chat, string text) => SendAsync(new Incoming(Channel, chat, chat, text));

    public Task<IReadOnlyList<ChatReply>> PressAsync(string chat, string data) => SendAsync(new Incoming(Channel, chat, chat, null, data));

    private async Task<IReadOnlyList<ChatReply>> SendAsync(Incoming incoming)
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IConversation>().HandleAsync(incoming, CancellationToken.None);
        return result.AllMessages.Select(ToReply).ToList();
    }

    public static ChatReply ToReply(Message m) =>
        new(m.PlainText, m.Buttons.SelectMany(r => r).Select(b => (b.Label, b.Data)).ToList());

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
