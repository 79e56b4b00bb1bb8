using System.Globalization;
using Bot.Domain.Notifications;
using Bot.Host.Conversation;

namespace Bot.Host.Delivery;

/// <summary>
/// The weekly anchor to the director (<see cref="NotificationKind.AuditHead"/>, ADR 0037 decision 3): the school's last
/// sealed audit record — its number, its hash in short and whole (a monospace line "number:hash" that `audit verify
/// --anchor` takes as it is), its time — why to keep the message, and the last check's verdict.
/// </summary>
public static class AuditHeadNotice
{
    public const string Keep = "Збережіть це повідомлення: за ним можна перевірити, що журнал змін не переписано.";

    public static Message Compose(AuditHeadPayload p)
    {
        var number = p.Sequence.ToString(CultureInfo.InvariantCulture);
        var m = new Message()
            .Bold("Контрольний запис журналу змін")
            .Line($"Запис №{number} від {p.Time}, відбиток {p.Hash[..Math.Min(12, p.Hash.Length)]}…")
            .Line(new Span.Plain("Повністю: "), new Span.Code($"{number}:{p.Hash}"))
            .Line(Keep)
            .Line(Verdict(p));
        return m;
    }

    private static string Verdict(AuditHeadPayload p) => p.CheckIntact switch
    {
        null => "Журнал змін ще не перевіряли.",
        true => $"Остання перевірка ({p.CheckedAt}): записи цілісні.",
        false => $"Остання перевірка ({p.CheckedAt}) знайшла порушення: {p.CheckProblem} Подробиці — у панелі, розділ «Журнал змін».",
    };
}
