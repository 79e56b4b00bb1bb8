using Bot.Domain;

namespace Bot.Host.Conversation.Handlers;

/// <summary>Short replies used by several handlers.</summary>
public static class Replies
{
    public static ConversationResult Error(DomainError error) => ConversationResult.Of(Message.Text(error.Message));

    public static ConversationResult Text(string text) => ConversationResult.Of(Message.Text(text));

    public static ConversationResult Ask(string question, IEnumerable<Button> options, int perRow = 2)
    {
        var m = Message.Text(question);
        foreach (var row in options.Chunk(perRow)) m.ButtonRow(row);
        return ConversationResult.Of(m);
    }

    public const string NotLinked =
        "Щоб користуватися щоденником, привʼяжіть чат до школи: надішліть код запрошення від класного керівника " +
        "(або перейдіть за посиланням із запрошення).";

    public const string Expired = "Ця кнопка вже неактуальна. Повторіть команду.";
}
