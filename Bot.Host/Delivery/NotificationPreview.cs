using Bot.Domain.Grading;
using Bot.Domain.Notifications;
using Bot.Host.Conversation;

namespace Bot.Host.Delivery;

/// <summary>
/// The messages a parent would get under a school's rules, for the panel's preview: an absence alert, a mark alert (or
/// why not), a homework notice (or "in the diary"), an announcement, each composed by <see cref="OutboxComposer"/> as the
/// outbox composes them, with when they come (undo window, quiet hours, the diary's time, the messengers).
/// </summary>
public sealed class NotificationPreview : INotificationPreview
{
    public IReadOnlyList<PreviewMessage> Preview(NotificationRules rules, TimeSpan undoWindow, string studentName, DateOnly date)
    {
        var minutes = Bot.Domain.Text.UkrainianText.Duration(undoWindow);
        var quiet = rules.QuietFrom is { } f && rules.QuietTo is { } t ? $"; з {f:HH\\:mm} до {t:HH\\:mm} (тихі години) — після {t:HH\\:mm}" : "";
        var list = new List<PreviewMessage>();

        list.Add(rules.AbsenceAlerts
            ? Of($"Пропуски — через {minutes} після позначки{quiet}", OutboxComposer.AbsenceAlert(studentName, date, [(2, "Алгебра", AbsenceKind.Absent), (3, "Українська мова", AbsenceKind.Absent)]))
            : Note("Пропуски — лише у вечірньому щоденнику."));

        var rule = rules.MarkAlerts;
        var sample = rule.AtOrBelow is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "10";
        list.Add(rule.Off
            ? Note("Оцінки — лише у вечірньому щоденнику.")
            : Of(rule.AtOrBelow is { } at ? $"Оцінки {at} балів і нижче — через {minutes}; вищі — лише у щоденнику" : $"Кожна оцінка — через {minutes} після запису{quiet}",
                OutboxComposer.MarkAlert(new MarkAlertPayload(Guid.Empty, Guid.Empty, "Алгебра", MarkColumns.Title(MarkColumn.Current), sample, date), studentName, date)));

        list.Add(rules.HomeworkNotices
            ? Of($"Домашнє завдання — через {minutes} після запису", OutboxComposer.HomeworkNotice(
                new HomeworkNoticePayload(Guid.Empty, Guid.Empty, "Алгебра", date, "§ 12, вправи 5, 7 (с. 64)."), [studentName]))
            : Note("Домашні завдання — лише у вечірньому щоденнику."));

        list.Add(Note(rules.DailyDiary
            ? $"Вечірній щоденник — щодня о {rules.DiaryTime:HH\\:mm} у навчальні дні: оцінки, пропуски, теми, домашнє завдання на завтра, розклад. Батьки можуть обрати інший час у /settings."
            : "Вечірній щоденник не надсилається."));

        list.Add(rules.Announcements
            ? Of("Оголошення школи", OutboxComposer.Announcement(new AnnouncementPayload(Guid.Empty, "7-А",
                "Шановні батьки! У п'ятницю о 18:00 — батьківські збори в кабінеті 21.", "Коваленко І. П., класний керівник 7-А", Urgent: false)))
            : Note("Оголошення школи не надсилаються."));

        list.Add(Note(rules.ViberAlerts
            ? "Месенджер: Telegram; у Viber — тим, хто обрав його в /settings або прив'язаний лише там (кожне таке повідомлення платне)."
            : "Месенджер: лише Telegram. У Viber бот лише відповідає на запити батьків (це безкоштовно)."));
        return list;
    }

    private static PreviewMessage Note(string caption) => new(caption, []);

    private static PreviewMessage Of(string caption, Message message) =>
        new(caption, message.Lines.Select(line => (IReadOnlyList<PreviewSpan>)line.Select(span => new PreviewSpan(span.Text, span is Span.Bold, span is Span.Italic)).ToList()).ToList());
}
