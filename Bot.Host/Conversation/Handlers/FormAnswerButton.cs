using Bot.Domain.Forms;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// The answer buttons under a form (ADR 0045): "fa|form|child|option" records the chat's guardian's answer for that child
/// (<see cref="FormService.AnswerAsync"/>), changeable until the deadline. Telegram: the message is edited to show the chosen
/// answer (the buttons stay, the chosen one marked, to change it); Viber, which cannot edit, gets one short confirmation with
/// the options again (silent buttons). After the deadline a press changes nothing and says so; a press from a chat whose
/// guardian was not sent that child's form (forged, or another family's), or of an option the form has not, is refused.
/// </summary>
public sealed class FormAnswerButton(JournalDbContext db, FormService forms)
{
    public const string Verb = "fa";

    public const string NotAllowed = "Ця кнопка — не для вашої форми: відповісти можуть лише батьки учня, яким її надіслано. Нічого не записано.";

    public const string Closed = "Термін відповіді минув";

    public static Button For(Guid formId, Guid studentId, int option, string label) =>
        new(label, ButtonData.Make(Verb, ButtonData.Id(formId), ButtonData.Id(studentId), option.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// The form as a guardian gets it: "📝 Дозвіл · 7-А" (or "📊 Опитування"), the child, the question, the author, the deadline;
    /// a button per option — «Так» and «Ні» in one row, a poll's options a row each. <paramref name="chosen"/> marks the answer given.
    /// </summary>
    public static Message Compose(FormRequestPayload p, int? chosen = null, string? answered = null)
    {
        var m = new Message()
            .Line(new Span.Bold(p.FormKind == FormKind.Permission ? "📝 Дозвіл" : "📊 Опитування"), new Span.Plain($" · {p.Class}"))
            .Line(new Span.Plain("Учень: "), new Span.Bold(p.Student));
        foreach (var line in p.Question.ReplaceLineEndings("\n").Split('\n')) m.Line(line);
        m.Line(new Span.Italic($"— {p.Signature}"));
        if (answered is not null) m.Line(answered);
        else m.Line($"Відповісти можна до {p.Deadline}.");
        var buttons = p.Options.Select((o, i) => For(p.FormId, p.StudentId, i, i == chosen ? $"✓ {o}" : o)).ToList();
        if (p.FormKind == FormKind.Permission) m.ButtonRow([.. buttons]);
        else foreach (var b in buttons) m.ButtonRow(b);
        return m;
    }

    /// <summary>"Ваша відповідь: Так (20.11 о 10:05). Змінити її можна до 12.12.2026 18:00."</summary>
    public static string Answered(string option, DateTime local, string deadline) =>
        $"✅ Ваша відповідь: {option} ({local:dd.MM} о {local:HH:mm}). Змінити її можна до {deadline}.";

    public async Task<HandlerResult> ButtonAsync(ChatContext ctx, string[] args, CancellationToken ct)
    {
        if (args.Length != 3 || !ButtonData.TryId(args[0], out var formId) || !ButtonData.TryId(args[1], out var studentId)
            || args[2].Length != 1 || !char.IsAsciiDigit(args[2][0]))
            return Replies.Text(Replies.Expired);
        var guardians = ctx.Persona.Links.Where(l => l.Kind == PersonKind.Guardian).Select(l => l.PersonId).ToList();
        var outcome = await forms.AnswerAsync(formId, studentId, args[2][0] - '0', guardians, ctx.Incoming.Channel, ct);
        switch (outcome)
        {
            case FormAnswerOutcome.Closed closed:
            {
                var zone = await ZoneAsync(closed.Form.SchoolId, ct);
                return new ConversationResult([Message.Text($"{Closed} ({FormService.Local(closed.Form.DeadlineUtc, zone)}): відповідь не змінено.")], Closed);
            }
            case FormAnswerOutcome.Recorded r:
            {
                var zone = await ZoneAsync(r.Form.SchoolId, ct);
                var local = TimeZoneInfo.ConvertTimeFromUtc(r.AtUtc, zone);
                var deadline = FormService.Local(r.Form.DeadlineUtc, zone);
                var option = r.Form.Options[r.Option];
                var line = Answered(option, local, deadline);
                var notice = r.First ? "Відповідь записано" : r.Changed ? "Відповідь змінено" : "Цю відповідь уже записано";
                var student = await db.Students.AsNoTracking().Where(s => s.Id == r.StudentId).Select(s => s.LastName + " " + s.FirstName).FirstAsync(ct);
                var cls = await db.Classes.AsNoTracking().FirstAsync(c => c.Id == r.Form.ClassId, ct);
                var payload = new FormRequestPayload(r.Form.Id, r.StudentId, student, cls.Name.ToString(), r.Form.Kind, r.Form.Question, r.Form.Options,
                    deadline, r.Form.Signature);
                if (ctx.Incoming.Channel == Bot.Domain.Audit.Channel.Viber)
                {
                    // One short message (Viber cannot edit), with the options again to change the answer.
                    var m = new Message().Line($"{student}: {line}");
                    var buttons = r.Form.Options.Select((o, i) => For(r.Form.Id, r.StudentId, i, i == r.Option ? $"✓ {o}" : o)).ToList();
                    if (r.Form.Kind == FormKind.Permission) m.ButtonRow([.. buttons]);
                    else foreach (var b in buttons) m.ButtonRow(b);
                    return ConversationResult.Of(m);
                }

                return ConversationResult.Replacing(Compose(payload, r.Option, line), notice);
            }
            default:
                return Replies.Text(NotAllowed);
        }
    }

    private async Task<TimeZoneInfo> ZoneAsync(Guid schoolId, CancellationToken ct) =>
        SchoolTime.Resolve(await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => s.TimeZone).FirstAsync(ct));
}
