namespace Bot.Host.Viber;

/// <summary>The `status` of every Viber REST API answer (PLATFORMS.md); HTTP 200 carries refusals too.</summary>
public enum ViberStatus
{
    Ok = 0,
    InvalidUrl = 1,
    InvalidAuthToken = 2,
    BadData = 3,
    MissingData = 4,
    ReceiverNotRegistered = 5,
    ReceiverNotSubscribed = 6,
    PublicAccountBlocked = 7,
    PublicAccountNotFound = 8,
    PublicAccountSuspended = 9,
    WebhookNotSet = 10,
    ReceiverNoSuitableDevice = 11,
    TooManyRequests = 12,
    ApiVersionNotSupported = 13,
    IncompatibleWithVersion = 14,
    PublicAccountNotAuthorized = 15,
    InchatReplyMessageNotAllowed = 16,
    PublicAccountIsNotInline = 17,
    NoPublicChat = 18,
    CannotSendBroadcast = 19,
    BroadcastNotAllowed = 20,
    UnsupportedCountry = 21,
    PaymentUnsupported = 22,
    FreeMessagesExceeded = 23,
    NoBalance = 24,
}

/// <summary>What a status means for the bot: every one of 0–24 falls in exactly one of these.</summary>
public enum ViberStatusKind
{
    /// <summary>0: done.</summary>
    Ok,

    /// <summary>5, 6: this person cannot be written to (not on Viber, not subscribed): close their links.</summary>
    ReceiverGone,

    /// <summary>12: too many messages to this person without a reply: back off.</summary>
    TooManyRequests,

    /// <summary>2, 7, 8, 9, 15: the bot's own account cannot send to anyone: stop and alert the administrators; never close users' links.</summary>
    AccountDown,

    /// <summary>23, 24: the account's paid messages are used up or unpaid: alert the administrators; this message is not sent.</summary>
    AccountBilling,

    /// <summary>11: the person has no device that can show it now; try later, keep the link.</summary>
    ReceiverUnavailable,

    /// <summary>1, 3, 4, 10, 13, 14, 16–22 and anything unknown: this request was refused; a person has to look.</summary>
    Refused,
}

public static class ViberStatuses
{
    public static ViberStatusKind Kind(this ViberStatus status) => status switch
    {
        ViberStatus.Ok => ViberStatusKind.Ok,
        ViberStatus.ReceiverNotRegistered or ViberStatus.ReceiverNotSubscribed => ViberStatusKind.ReceiverGone,
        ViberStatus.TooManyRequests => ViberStatusKind.TooManyRequests,
        ViberStatus.InvalidAuthToken or ViberStatus.PublicAccountBlocked or ViberStatus.PublicAccountNotFound
            or ViberStatus.PublicAccountSuspended or ViberStatus.PublicAccountNotAuthorized => ViberStatusKind.AccountDown,
        ViberStatus.FreeMessagesExceeded or ViberStatus.NoBalance => ViberStatusKind.AccountBilling,
        ViberStatus.ReceiverNoSuitableDevice => ViberStatusKind.ReceiverUnavailable,
        _ => ViberStatusKind.Refused,
    };

    /// <summary>Why a person's links end: 5 "not registered", 6 "not subscribed".</summary>
    public static string GoneReason(this ViberStatus status) =>
        status == ViberStatus.ReceiverNotRegistered ? "not registered" : "not subscribed";
}
