namespace Bot.Domain.Notifications;

/// <summary>A piece of a previewed message's line, as the messenger shows it (bold or italic).</summary>
public sealed record PreviewSpan(string Text, bool Bold = false, bool Italic = false);

/// <summary>One message a parent would get, or a note of what they would not get (<see cref="Lines"/> empty).</summary>
public sealed record PreviewMessage(string Caption, IReadOnlyList<IReadOnlyList<PreviewSpan>> Lines);

/// <summary>
/// What a parent of a child would receive under a school's rules: composed by the delivery's own composer (Bot.Host),
/// so the panel's "Правила сповіщень" page shows the very text the outbox sends.
/// </summary>
public interface INotificationPreview
{
    IReadOnlyList<PreviewMessage> Preview(NotificationRules rules, TimeSpan undoWindow, string studentName, DateOnly date);
}
