using System.Globalization;
using Bot.Domain.Attendance;
using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// "Поважна причина" under a parent's absence report in the class teacher's chat (ADR 0039): "ax|report" excuses every day
/// of the report (<see cref="AbsenceNoticeService.ExcuseAsync"/>: "н" of those days become "хв", the parent is told). Telegram:
/// the report is edited to say it is excused and the press answered with a short toast; Viber, which cannot edit, gets one
/// short new message. Forged or foreign data is refused in Ukrainian and changes nothing. Kept apart from the other buttons of
/// the report (each composes its own row) so they sit side by side.
/// </summary>
public sealed class AbsenceExcuseButton(JournalDbContext db, AbsenceNoticeService notices)
{
    public const string Verb = "ax";

    public const string Label = "Поважна причина";

    public const string NotAllowed = "Визнати причину відсутності поважною може лише класний керівник учня або адміністрація школи. Нічого не змінено.";

    public static Button For(Guid reportId) => new(Label, ButtonData.Make(Verb, ButtonData.Id(reportId)));

    /// <summary>The report's lines as the class teacher first got them: who, which days, why, from whom.</summary>
    public static Message Report(string student, string cls, IReadOnlyList<DateOnly> days, string reason, string reportedBy) =>
        new Message()
            .Bold("Повідомлення про відсутність")
            .Line($"{student} ({cls}), {Days(days)}")
            .Line($"Причина: {reason}")
            .Line($"Від: {reportedBy}");

    /// <summary>"20.11", or "23.11, 24.11, 25.11 (3 навчальні дні)".</summary>
    public static string Days(IReadOnlyList<DateOnly> days) =>
        days.Count == 1
            ? days[0].ToString("dd.MM", CultureInfo.InvariantCulture)
            : string.Join(", ", days.Select(d => d.ToString("dd.MM", CultureInfo.InvariantCulture)))
              + $" ({days.Count} {Bot.Domain.Text.UkrainianText.Plural(days.Count, "навчальний день", "навчальні дні", "навчальних днів")})";

    public async Task<HandlerResult> ButtonAsync(ChatContext ctx, string[] args, CancellationToken ct)
    {
        if (args.Length != 1 || !ButtonData.TryId(args[0], out var reportId)) return Replies.Text(Replies.Expired);
        // Only a staff chat of the report's school may go on; nothing of the report is read for anyone else.
        var schoolId = await db.AbsenceNotices.AsNoTracking().Where(n => n.ReportId == reportId).Select(n => (Guid?)n.SchoolId).FirstOrDefaultAsync(ct);
        if (schoolId is null) return Replies.Text(Replies.Expired);
        var staff = ctx.Persona.Staff.FirstOrDefault(s => s.SchoolId == schoolId);
        if (staff is null) return Replies.Text(NotAllowed);
        ctx = ctx.ForStaff(staff);

        var excused = await notices.ExcuseAsync(ctx.StaffActor, reportId, ct);
        if (!excused.IsSuccess) return Replies.Error(excused.Error);
        var done = excused.Value!;
        var zone = await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => s.TimeZone).FirstAsync(ct);
        var at = TimeZoneInfo.ConvertTimeFromUtc(done.ExcusedAtUtc, Bot.Domain.Schools.SchoolTime.Resolve(zone));
        var toast = done.AlreadyExcused ? "Причину вже визнано поважною" : "Причину визнано поважною";
        var changed = done.Changed == 0
            ? "Позначок «н» за ці дні в журналі ще немає: поставлені згодом запишуться як «хв»."
            : $"Змінено «н» на «хв»: {done.Changed}. Поставлені згодом за ці дні теж запишуться як «хв».";
        if (ctx.Incoming.Channel == Channel.Viber)
            // Viber cannot edit the report: one short message says what changed.
            return ConversationResult.Of(Message.Text(done.AlreadyExcused
                ? $"✅ {done.Student}, {Days(done.Days)}: причину вже визнано поважною ({done.ExcusedBy}, {at:dd.MM HH:mm})."
                : $"✅ {done.Student}, {Days(done.Days)}: причину визнано поважною. {changed} Батьків повідомлено."));
        var m = Report(done.Student, done.Class, done.Days, done.Reason, done.ReportedBy)
            .Line($"✅ Поважна причина — визнано ({done.ExcusedBy}, {at:dd.MM HH:mm}).");
        if (!done.AlreadyExcused) m.Line(changed);
        // The report stays answerable once excused (ADR 0038).
        m.ButtonRow(TalkHandler.AbsenceReplyButton(done.ReportId));
        return ConversationResult.Replacing(m, toast);
    }
}
