using System.Diagnostics.CodeAnalysis;

namespace Bot.Host.Viber;

/// <summary>
/// Whether the bot's own Viber account can send. Status 7 (blocked), 2, 8, 9 or 15 means no message reaches anyone:
/// sending stops for <see cref="Pause"/> (then one message probes again) and the administrators are alerted in the
/// log — the people's links stay as they are, the fault is not theirs. Status 23/24 (paid messages used up, no
/// balance) alerts too but stops nothing: replies within a conversation the person started stay free.
/// </summary>
public sealed class ViberAccountState(TimeProvider time, ILogger<ViberAccountState> log)
{
    public static readonly TimeSpan Pause = TimeSpan.FromMinutes(30);

    /// <summary>The event id of every administrator alert about the Viber account (search the log for it).</summary>
    public static readonly EventId AdministratorAlert = new(9100, "ViberAdministratorAlert");

    private readonly Lock _gate = new();
    private Down? _down;
    private DateTimeOffset _lastBillingAlert = DateTimeOffset.MinValue;

    /// <summary>The status that stopped sending, while it stops it.</summary>
    public ViberStatus? DownStatus
    {
        get { lock (_gate) return _down?.Status; }
    }

    /// <summary>True while sending is stopped; after <see cref="Pause"/> one caller may probe (false) while the state stays until a success.</summary>
    public bool IsDown([NotNullWhen(true)] out string? why)
    {
        lock (_gate)
        {
            why = null;
            if (_down is not { } down) return false;
            var now = time.GetUtcNow();
            if (now < down.Until)
            {
                why = $"the bot's Viber account cannot send ({(int)down.Status} {down.Status}); paused until {down.Until:HH:mm} UTC";
                return true;
            }

            _down = down with { Until = now + Pause }; // this caller probes; the others keep waiting
            return false;
        }
    }

    public void MarkDown(ViberStatus status, string? message)
    {
        lock (_gate) _down = new Down(status, time.GetUtcNow() + Pause);
        log.LogCritical(AdministratorAlert,
            "ADMINISTRATOR ALERT: the bot's Viber account cannot send ({Code} {Status}: {Message}). Viber messages are paused for {Minutes} min " +
            "and then retried; people's links are kept. Check the bot in the Viber admin panel (blocked, suspended, token).",
            (int)status, status, message, Pause.TotalMinutes);
    }

    public void MarkBilling(ViberStatus status, string? message)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _lastBillingAlert < Pause) return;
            _lastBillingAlert = now;
        }

        log.LogCritical(AdministratorAlert,
            "ADMINISTRATOR ALERT: Viber refused a paid message ({Code} {Status}: {Message}). Bot-initiated messages need the account's " +
            "subscription or balance; replies to people's own messages stay free.", (int)status, status, message);
    }

    public void MarkUp()
    {
        Down? was;
        lock (_gate)
        {
            was = _down;
            _down = null;
        }

        if (was is not null) log.LogWarning(AdministratorAlert, "Viber: the bot's account sends again (it had answered {Status})", was.Status);
    }

    private sealed record Down(ViberStatus Status, DateTimeOffset Until);
}
