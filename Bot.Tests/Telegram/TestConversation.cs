using System.Collections.Concurrent;
using Bot.Host.Conversation;

namespace Bot.Tests.Telegram;

/// <summary>A stand-in for the conversation engine in transport tests: records what arrived and answers as told (echo by default).</summary>
public sealed class TestConversation : IConversation
{
    private readonly ConcurrentQueue<Incoming> _received = new();

    public Func<Incoming, ConversationResult> Respond { get; set; } = Echo;

    public IReadOnlyList<Incoming> Received => _received.ToList();

    public Task<ConversationResult> HandleAsync(Incoming incoming, CancellationToken ct)
    {
        _received.Enqueue(incoming);
        return Task.FromResult(Respond(incoming));
    }

    public static ConversationResult Echo(Incoming incoming) =>
        ConversationResult.Of(new Message().Line(new Span.Plain("Ви написали: "), new Span.Plain(incoming.Text ?? incoming.ButtonData ?? "")));
}
