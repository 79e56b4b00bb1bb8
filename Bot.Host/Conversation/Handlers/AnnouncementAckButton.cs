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
