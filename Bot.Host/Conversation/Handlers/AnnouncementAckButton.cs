using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Host.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// «✅ Ознайомились» under an announcement that asks for acknowledgement (ADR 0043): "ak|announcement" records that the
/// chat's guardian acknowledged it (<see cref="AcknowledgementService.AcknowledgeAsync"/>), once. Telegram: the message is
/// edited to say when, without the button, and the press answered with a toast; Viber, which cannot edit, gets one short
/// message. A press from a chat whose guardian was not sent that announcement (forged, or another family's) is refused in
/// Ukrainian and records nothing.
/// </summary>
public sealed class AnnouncementAckButton(JournalDbContext db, AcknowledgementService acknowledgements)
{
    public const string Verb = "ak";

    /// <summary>Plural "we/you have read it": no guess at the parent's gender.</summary>
    public const string Label = "✅ Ознайомились";

    public const string NotAllowed = "Ця кнопка — не для вашого оголошення: підтвердити ознайомлення можуть лише батьки, яким його надіслано. Нічого не записано.";

    public static Button For(Guid announcementId) => new(Label, ButtonData.Make(Verb, ButtonData.Id(announcementId)));

    /// <summary>"Ви підтвердили ознайомлення 07.12 о 18:40".</summary>
    public static string Confirmed(DateTime local) => $"Ви підтвердили ознайомлення {local:dd.MM} о {local:HH:mm}";

    public const string NotStaff = "Команда /ack — для автора оголошення: класного керівника чи адміністрації школи.";

    public const string NoAnnouncement = "Ви ще не надсилали оголошень із проханням підтвердити ознайомлення. Його можна надіслати в панелі: Класи → Оголошення.";

    /// <summary>
    /// /ack (ADR 0045): the author's latest announcement that asks for acknowledgement, per class — how many children's families
    /// have acknowledged, seen it (Viber), not yet, and the names of those who have not (children, with the guardians it went to).
    /// </summary>
    public async Task<HandlerResult> ReportAsync(ChatContext ctx, CancellationToken ct)
    {
        if (ctx.Staff is not { } staff) return Replies.Text(NotStaff);
        var latest = await db.Announcements.AsNoTracking().Where(a => a.AuthorId == staff.StaffId && a.AskAcknowledgement)
            .OrderByDescending(a => a.CreatedAtUtc).Select(a => new { a.Id, a.SchoolId }).FirstOrDefaultAsync(ct);
        if (latest is null) return Replies.Text(NoAnnouncement);
        var report = await acknowledgements.ReportAsync(ctx.ForSchool(latest.SchoolId).StaffActor, latest.SchoolId, latest.Id, ct);
        if (report is null) return Replies.Text(NoAnnouncement);
        var zone = Bot.Domain.Schools.SchoolTime.Resolve(await db.Schools.AsNoTracking().Where(s => s.Id == latest.SchoolId).Select(s => s.TimeZone).FirstAsync(ct));
        return ConversationResult.Of(Compose(report, zone));
    }

    /// <summary>The /ack answer: the announcement's heading, the totals, and per class the children whose families have not acknowledged.</summary>
    public static Message Compose(AcknowledgementReport r, TimeZoneInfo zone)
    {
        var a = r.Announcement;
        var when = TimeZoneInfo.ConvertTimeFromUtc(a.CreatedAtUtc, zone);
        var text = a.Text.ReplaceLineEndings(" ");
        var m = new Message()
            .Line(new Span.Bold("Хто ознайомився з оголошенням"), new Span.Plain($" · {a.AudienceTitle}, {when:dd.MM} о {when:HH:mm}"))
            .Line($"«{(text.Length > 80 ? text[..80] + "…" : text)}»")
            .Line($"Підтвердили: {r.Count(AcknowledgementState.Acknowledged)} · переглянули: {r.Count(AcknowledgementState.Seen)} · ще ні: {r.Count(AcknowledgementState.NotYet)}");
        foreach (var cls in r.Classes)
        {
            var notYet = cls.Families.Where(f => f.State != AcknowledgementState.Acknowledged).ToList();
            if (notYet.Count == 0)
            {
                m.Line($"{cls.Class}: усі підтвердили.");
                continue;
            }

            m.Blank().Line(new Span.Bold($"{cls.Class} — ще не підтвердили ({notYet.Count}):"));
            foreach (var f in notYet)
                m.Line($"• {f.Children} ({f.Guardian}){(f.State == AcknowledgementState.Seen ? " — переглянуто" : "")}");
        }

        if (r.MayRemind) m.Blank().Line("Нагадати тим, хто не підтвердив, можна один раз у панелі: Оголошення → Хто ознайомився.");
        return m;
    }

    public async Task<HandlerResult> ButtonAsync(ChatContext ctx, string[] args, CancellationToken ct)
    {
        if (args.Length != 1 || !ButtonData.TryId(args[0], out var announcementId)) return Replies.Text(Replies.Expired);
        var guardians = ctx.Persona.Links.Where(l => l.Kind == PersonKind.Guardian).Select(l => l.PersonId).ToList();
        var done = await acknowledgements.AcknowledgeAsync(announcementId, guardians, ctx.Incoming.Channel, ct);
        if (done is null) return Replies.Text(NotAllowed);

        var zone = await db.Schools.AsNoTracking().Where(s => s.Id == done.SchoolId).Select(s => s.TimeZone).FirstAsync(ct);
        var local = TimeZoneInfo.ConvertTimeFromUtc(done.AtUtc, Bot.Domain.Schools.SchoolTime.Resolve(zone));
        var line = $"✅ {Confirmed(local)}.";
        if (ctx.Incoming.Channel == Channel.Viber) return ConversationResult.Of(Message.Text(line));
        var a = await db.Announcements.AsNoTracking().FirstAsync(x => x.Id == announcementId, ct);
        var m = OutboxComposer.Announcement(new AnnouncementPayload(a.Id, a.AudienceTitle, a.Text, a.Signature, a.Urgent)).Line(line);
        return ConversationResult.Replacing(m, done.Already ? "Ви вже підтвердили ознайомлення" : "Дякуємо, ознайомлення підтверджено");
    }
}
