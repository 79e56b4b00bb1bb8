using System.Text.Json.Nodes;

namespace Bot.Fakes;

/// <summary>What the fake Viber enforces; <see cref="MessagesPerUserPerHour"/> is Viber's 100 unless a test lowers it.</summary>
public sealed class FakeViberLimits
{
    /// <summary>Messages to one person within an hour without a message from them; the next gets status 12.</summary>
    public int MessagesPerUserPerHour { get; set; } = 100;

    /// <summary>`get_user_details` calls per person in 12 hours (Viber: 2); the next gets status 12.</summary>
    public int UserDetailsPerUserPer12Hours { get; set; } = 2;
}

/// <summary>The bot's own account as Viber sees it: fine, or refused for everything it asks.</summary>
public enum FakeViberAccount
{
    Active,

    /// <summary>Status 7 publicAccountBlocked.</summary>
    Blocked,

    /// <summary>Status 9 publicAccountSuspended.</summary>
    Suspended,
}

/// <summary>A person of the fake's user base.</summary>
public sealed class FakeViberUser(string id, string name)
{
    public string Id { get; } = id;
    public string Name { get; } = name;

    /// <summary>False: not on Viber any more (status 5 receiverNotRegistered).</summary>
    public bool Registered { get; internal set; } = true;

    /// <summary>Only subscribed people take messages (status 6 otherwise); their first message subscribes them.</summary>
    public bool Subscribed { get; internal set; }
}

/// <summary>A keyboard button as the bot sent it.</summary>
public sealed record ViberSentButton(int Columns, int Rows, string ActionType, string ActionBody, string Text, bool Silent);

/// <summary>
/// A message as the bot sent it (`send_message`, or the welcome answered to `conversation_started`): its text, name,
/// tracking data and keyboard, laid out in rows of six columns as the Viber client shows it.
/// </summary>
public sealed record ViberSentMessage(
    string Receiver, string MessageToken, string Text, string SenderName, string? TrackingData,
    IReadOnlyList<ViberSentButton> Buttons, IReadOnlyList<IReadOnlyList<ViberSentButton>> KeyboardRows, bool IsWelcome, int RequestBytes)
{
    public bool HasKeyboard => Buttons.Count > 0;
}

/// <summary>A call the bot made to the API, with the status the fake answered (HTTP errors as their HTTP code).</summary>
public sealed record ViberApiCall(string Method, int Status, string? Receiver, DateTimeOffset At, string? StatusMessage = null);

/// <summary>One callback the fake posted to the bot's webhook, and what came back.</summary>
public sealed record ViberCallbackPost(string Event, string? MessageToken, JsonObject Body, int HttpStatus, string ResponseBody);

public sealed record ViberWebhookState(string Url, IReadOnlyList<string> EventTypes, bool SendName, bool SendPhoto);

/// <summary>How a callback is signed: as Viber does, not at all, with a wrong key, or correctly but then changed in transit.</summary>
public enum ViberSigning
{
    Valid,
    Missing,
    WrongKey,
    TamperedAfterSigning,
}

/// <summary>A refusal the API answers with HTTP 200: `{"status":N,"status_message":...}`.</summary>
public sealed class FakeViberError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string StatusMessage { get; } = message;

    public static FakeViberError BadData(string what) => new(3, "badData: " + what);
}
