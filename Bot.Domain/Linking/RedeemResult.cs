namespace Bot.Domain.Linking;

public enum RedeemStatus
{
    /// <summary>The code linked this chat.</summary>
    Linked,

    /// <summary>The chat already was linked to the code's person (a parent pressing the deep link twice).</summary>
    AlreadyLinked,

    /// <summary>Unknown, expired, revoked, or spent in this messenger by another chat: the same answer for all.</summary>
    Refused,

    /// <summary>Too many failed codes from this chat in the last hour; the code was not even looked at.</summary>
    RateLimited,
}

/// <summary>What a typed or deep-linked code did: a status, the Ukrainian reply, and on success whom the code links to.</summary>
/// <param name="Linked">On success: the persona of the code's link alone (its children, student or staff member).</param>
public sealed record RedeemResult(RedeemStatus Status, string Message, ChatPersona? Linked)
{
    /// <summary>How long the answer should wait before it is sent (the brake on wrong codes, ADR 0042); zero on success.</summary>
    public TimeSpan Delay { get; init; }

    public bool IsSuccess => Status is RedeemStatus.Linked or RedeemStatus.AlreadyLinked;
}
