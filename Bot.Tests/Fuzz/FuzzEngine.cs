using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Host.Configuration;
using Bot.Host.Conversation;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Fuzz;

/// <summary>
/// The conversation engine the bots share, with the host's own registrations (as <c>EngineDriver</c> builds it), answering
/// with the whole <see cref="ConversationResult"/> — screens, new messages, the toast — so that each can be checked.
/// </summary>
public sealed class FuzzEngine : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public FuzzEngine(TestDatabase database, TimeProvider clock)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddConversation();
        builder.Services.AddScoped<JournalDbContext>(_ => database.NewContext());
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(new JournalSettings());
        builder.Services.AddSingleton(new LinkingSettings());
        builder.Services.AddScoped<JournalService>();
        builder.Services.AddScoped<InviteService>();
        builder.Services.AddSingleton(Options.Create(new SchoolOptions()));
        _services = builder.Services.BuildServiceProvider();
    }

    public Task<ConversationResult> SayAsync(string chat, string text) => HandleAsync(new Incoming(Channel.Telegram, chat, chat, text));

    public Task<ConversationResult> PressAsync(string chat, string data) => HandleAsync(new Incoming(Channel.Telegram, chat, chat, null, data));

    private async Task<ConversationResult> HandleAsync(Incoming incoming)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IConversation>().HandleAsync(incoming, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
