using System.Globalization;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Talk;
using Bot.Host.Conversation.Formatting;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// Conversations without phone numbers (ADR 0038), in the chat: "Написати вчителю" (the child,
/// then the teacher, by buttons), a plain text offered to the class teacher with a confirm button, "Відповісти" under a
/// message or a parent's absence report. Every button's data is checked against the chat's own persona: a forged id
/// (another family's child, a teacher of another class, a thread addressed to someone else) is refused in words.
/// </summary>
public sealed class TalkHandler(JournalDbContext db, TalkService talk, TimeProvider clock)
{
    public const string WriteVerb = "tw";
    public const string SendOfferVerb = "ts";
    public const string ReplyVerb = "tr";
    public const string AbsenceReplyVerb = "ta";
    public const string PassVerb = "tp";

    public const string TalkPending = "talk:";
    public const string ReplyPending = "reply:";
    public const string OfferPending = "offer:";

    public const string Forged = "Ця кнопка недійсна: її дані пошкоджені або не стосуються вашого чату. Скористайтеся меню: /help.";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public static Button ReplyButton(Guid threadId) => new("Відповісти", ButtonData.Make(ReplyVerb, ButtonData.Id(threadId)));

    /// <summary>"Передати адміністрації": either side passes the thread to the director and the deputies (ADR 0038).</summary>
    public static Button PassButton(Guid threadId) => new("Передати адміністрації", ButtonData.Make(PassVerb, ButtonData.Id(threadId)));

    /// <summary>Under a parent's absence report: the class teacher answers in the thread with that guardian about that child.</summary>
    public static Button AbsenceReplyButton(Guid noticeId) => new("Відповісти", ButtonData.Make(AbsenceReplyVerb, ButtonData.Id(noticeId)));

    private DateTime Until => clock.GetUtcNow().UtcDateTime + Lifetime;

    /// <summary>The children this chat may write about: a guardian's, and the student themself where the school allows it.</summary>
    private async Task<List<(PersonaStudent Student, PersonKind Kind, Guid PersonId)>> WritersAsync(ChatContext ctx, CancellationToken ct)
    {
        var list = ctx.Persona.Children.Where(c => c.GuardianId is not null).Select(c => (c, PersonKind.Guardian, c.GuardianId!.Value)).ToList();
        if (ctx.Persona.Students.Count > 0)
        {
            var schools = ctx.Persona.Students.Select(s => s.SchoolId).ToList();
            var allowed = await db.Schools.AsNoTracking().Where(s => schools.Contains(s.Id) && s.StudentsMayWrite).Select(s => s.Id).ToListAsync(ct);
            list.AddRange(ctx.Persona.Students.Where(s => allowed.Contains(s.SchoolId)).Select(s => (s, PersonKind.Student, s.StudentId)));
        }

        return list;
    }

    /// <summary>/write or "Написати вчителю": the child (when several), then the teacher.</summary>
    public async Task<HandlerResult> StartAsync(ChatContext ctx, CancellationToken ct)
    {
        var writers = await WritersAsync(ctx, ct);
        if (writers.Count == 0) return Replies.Error(ctx.Persona.IsStudent ? TalkService.StudentsMayNot : TalkService.NotYourChild);
        if (writers.Count == 1) return await TeachersAsync(ctx, writers[0].Student, ct);
        return Replies.Ask("Про кого ви хочете написати? Оберіть дитину:",
            writers.Select(w => new Button(w.Student.Display, ButtonData.Make(WriteVerb, ButtonData.Id(w.Student.StudentId)))), perRow: 1);
    }

    private async Task<ConversationResult> TeachersAsync(ChatContext ctx, PersonaStudent student, CancellationToken ct)
    {
        var teachers = await talk.TeachersOfAsync(student.StudentId, ct);
        if (teachers.Count == 0) return Replies.Text($"У класі {student.ClassName ?? ""} ще не призначено вчителів, яким можна написати.".Replace("  ", " "));
        return Replies.Ask($"Кому написати про {student.FullName}? Номер телефону не потрібен: бот передасть повідомлення, і ваших контактів вчитель не побачить.",
            teachers.Select(t => new Button($"{t.ShortName} — {t.Role}", ButtonData.Make(WriteVerb, ButtonData.Id(student.StudentId), ButtonData.Id(t.StaffId)))), perRow: 1);
    }

    public async Task<HandlerResult> ButtonAsync(ChatContext ctx, string verb, string[] args, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        switch (verb)
        {
            case WriteVerb when args.Length == 0:
                return await StartAsync(ctx, ct);
            case WriteVerb when args.Length is 1 or 2:
            {
                if (!ButtonData.TryId(args[0], out var studentId)) return Replies.Text(Forged);
                var writer = (await WritersAsync(ctx, ct)).FirstOrDefault(w => w.Student.StudentId == studentId);
                if (writer.Student is null) return Replies.Error(TalkService.NotYourChild);
                if (args.Length == 1) return await TeachersAsync(ctx, writer.Student, ct);
                if (!ButtonData.TryId(args[1], out var staffId)) return Replies.Text(Forged);
                var teacher = (await talk.TeachersOfAsync(studentId, ct)).FirstOrDefault(t => t.StaffId == staffId);
                if (teacher is null) return Replies.Error(TalkService.NotYourTeacher);
                // A text offered a moment ago goes to the teacher chosen for it.
                if (ctx.Session.TakePending(now) is { } pending && pending.StartsWith(OfferPending, StringComparison.Ordinal))
                    return await SendAsync(ctx, writer, staffId, pending[OfferPending.Length..], ct);
                ctx.Session.Await($"{TalkPending}{studentId}:{staffId}", Until);
                return Replies.Text($"Напишіть повідомлення для {teacher.ShortName} ({teacher.Role}) одним текстом, до {TalkMessage.MaxLength} символів. Файли й фото бот не передає.");
            }
            case SendOfferVerb when args.Length == 1:
            {
                if (!ButtonData.TryId(args[0], out var studentId)) return Replies.Text(Forged);
                var writer = (await WritersAsync(ctx, ct)).FirstOrDefault(w => w.Student.StudentId == studentId);
                if (writer.Student is null) return Replies.Error(TalkService.NotYourChild);
                var pending = ctx.Session.TakePending(now);
                if (pending is null || !pending.StartsWith(OfferPending, StringComparison.Ordinal)) return Replies.Text(Replies.Expired);
                var lead = (await talk.TeachersOfAsync(studentId, ct)).FirstOrDefault(t => t.Role == "класний керівник");
                if (lead is null) return Replies.Text("У класу дитини немає класного керівника в журналі: оберіть вчителя в меню «Написати вчителю» (/write).");
                return await SendAsync(ctx, writer, lead.StaffId, pending[OfferPending.Length..], ct);
            }
            case ReplyVerb when args.Length == 1:
            {
                if (!ButtonData.TryId(args[0], out var threadId)) return Replies.Text(Forged);
                var sides = ctx.Persona.Links.Select(l => l.PersonId).Concat(ctx.Persona.Staff.Select(s => s.StaffId)).ToList();
                var thread = await talk.ThreadOfAsync(threadId, sides, ct);
                if (thread is null) return Replies.Error(TalkService.NotYourThread);
                if (!thread.IsOpen) return Replies.Error(TalkService.Closed);
                if (ctx.Persona.Staff.Any(s => s.StaffId == thread.StaffId))
                {
                    ctx.Session.Await(ReplyPending + thread.Id, Until);
                    return Replies.Text($"Напишіть відповідь одним текстом, до {TalkMessage.MaxLength} символів: її отримають батьки в месенджері, з якого вони писали.");
                }

                // A stand-in's thread: the family writes to the class teacher, whom the stand-in receives for while it lasts (ADR 0049).
                ctx.Session.Await($"{TalkPending}{thread.StudentId}:{await talk.FamilyAddresseeAsync(thread, ct)}", Until);
                return Replies.Text($"Напишіть відповідь одним текстом, до {TalkMessage.MaxLength} символів.");
            }
            case PassVerb when args.Length == 1:
            {
                if (!ButtonData.TryId(args[0], out var threadId)) return Replies.Text(Forged);
                var sides = ctx.Persona.Links.Select(l => l.PersonId).Concat(ctx.Persona.Staff.Select(s => s.StaffId)).ToList();
                var thread = await talk.ThreadOfAsync(threadId, sides, ct);
                if (thread is null) return Replies.Error(TalkService.NotYourThread);
                var byStaff = ctx.Persona.Staff.FirstOrDefault(s => s.StaffId == thread.StaffId);
                var actor = byStaff is not null
                    ? new Bot.Domain.Journal.Actor(byStaff.StaffId, byStaff.ShortName, byStaff.Roles, ctx.Incoming.Channel)
                    : new Bot.Domain.Journal.Actor(null, thread.FamilyKind == PersonKind.Guardian ? "батьки" : "учень", Bot.Domain.Roster.StaffRoles.None, ctx.Incoming.Channel);
                var passed = await talk.PassToAdministrationAsync(actor, byStaff?.StaffId ?? thread.FamilyPersonId, thread.Id, ct);
                if (!passed.IsSuccess) return Replies.Error(passed.Error);
                return Replies.Text(passed.Value
                    ? $"Розмову передано адміністрації школи: її прочитає директор або заступник директора. {(byStaff is null ? "Учителя" : "Батьків")} теж повідомлено."
                    : "Цю розмову вже передано адміністрації школи.");
            }
            case AbsenceReplyVerb when args.Length == 1:
            {
                if (!ButtonData.TryId(args[0], out var noticeId)) return Replies.Text(Forged);
                TalkThread? thread = null;
                foreach (var staff in ctx.Persona.Staff)
                    if ((thread = await talk.ThreadForAbsenceAsync(staff.StaffId, noticeId, ct)) is not null) break;
                if (thread is null) return Replies.Text("Відповісти на це повідомлення може лише класний керівник дитини.");
                ctx.Session.Await(ReplyPending + thread.Id, Until);
                return Replies.Text($"Напишіть відповідь батькам одним текстом, до {TalkMessage.MaxLength} символів.");
            }
        }

        return Replies.Text(Forged);
    }

    /// <summary>The text typed after "Написати" or a family's "Відповісти" (pending "talk:student:staff").</summary>
    public async Task<ConversationResult> TypedToTeacherAsync(ChatContext ctx, string pending, string text, CancellationToken ct)
    {
        var parts = pending[TalkPending.Length..].Split(':');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var studentId) || !Guid.TryParse(parts[1], out var staffId)) return Replies.Text(Replies.Expired);
        var writer = (await WritersAsync(ctx, ct)).FirstOrDefault(w => w.Student.StudentId == studentId);
        if (writer.Student is null) return Replies.Error(TalkService.NotYourChild);
        return await SendAsync(ctx, writer, staffId, text, ct);
    }

    /// <summary>The staff member's answer typed after "Відповісти" (pending "reply:thread").</summary>
    public async Task<ConversationResult> TypedAnswerAsync(ChatContext ctx, string pending, string text, CancellationToken ct)
    {
        if (!Guid.TryParse(pending[ReplyPending.Length..], out var threadId)) return Replies.Text(Replies.Expired);
        var thread = await talk.ThreadOfAsync(threadId, ctx.Persona.Staff.Select(s => s.StaffId).ToList(), ct);
        if (thread is null) return Replies.Error(TalkService.NotYourThread);
        var posted = await talk.FromStaffAsync(thread.StaffId, threadId, text, ct);
        if (!posted.IsSuccess)
        {
            if (posted.Error.Code == "talk.too_long") ctx.Session.Await(pending, Until); // the question stands: a shorter text goes
            return Replies.Error(posted.Error);
        }

        return Replies.Text(posted.Value!.Plan is DeliveryPlan.To
            ? $"Відповідь надіслано: {posted.Value.RecipientName} отримає її в чаті (якщо зараз тихі години — зранку)."
            : "Відповідь збережено, але батьки зараз не отримують повідомлень від бота.");
    }

    /// <summary>
    /// Plain text that is no command and answers no question: offered to the class teacher (or, for a parent of several
    /// children, the class teacher of the child chosen), with the choice of another teacher. Null when this chat cannot write.
    /// </summary>
    public async Task<ConversationResult?> OfferAsync(ChatContext ctx, string text, CancellationToken ct)
    {
        var writers = await WritersAsync(ctx, ct);
        if (writers.Count == 0) return null;
        if (text.Length > TalkMessage.MaxLength) return Replies.Error(TalkService.TooLong(text.Length));
        ctx.Session.Await(OfferPending + text, Until);
        var m = Message.Text("Це не команда бота. Надіслати ваш текст класному керівнику? Ваш номер телефону вчитель не побачить.");
        foreach (var w in writers)
        {
            var label = writers.Count == 1 ? "Надіслати класному керівнику" : $"Класному керівнику: {w.Student.Display}";
            m.ButtonRow(new Button(label, ButtonData.Make(SendOfferVerb, ButtonData.Id(w.Student.StudentId))));
        }

        foreach (var w in writers)
            m.ButtonRow(new Button(writers.Count == 1 ? "Іншому вчителю" : $"Іншому вчителю: {w.Student.FullName}", ButtonData.Make(WriteVerb, ButtonData.Id(w.Student.StudentId))));
        m.Line("Якщо ви хотіли команду — надішліть /help.");
        return ConversationResult.Of(m);
    }

    private async Task<ConversationResult> SendAsync(ChatContext ctx, (PersonaStudent Student, PersonKind Kind, Guid PersonId) writer, Guid staffId, string text, CancellationToken ct)
    {
        var posted = await talk.FromFamilyAsync(writer.Kind, writer.PersonId, writer.Student.StudentId, staffId, ctx.Incoming.Channel, text, ct);
        if (!posted.IsSuccess)
        {
            if (posted.Error.Code == "talk.too_long") ctx.Session.Await($"{TalkPending}{writer.Student.StudentId}:{staffId}", Until);
            return Replies.Error(posted.Error);
        }

        return Replies.Text(Promise(posted.Value!));
    }

    /// <summary>
    /// What the family is told, from the outbox's own plan for the staff member (ADR 0035) and the time the row was queued
    /// for: now; at the start of the next working period ("Повідомлення буде доставлено в понеділок о 8:00"); or kept until
    /// the staff member links a chat (the outbox holds it till then).
    /// </summary>
    public static string Promise(TalkPosted posted)
    {
        // Who receives it, said truthfully when a stand-in does (ADR 0049).
        var standIn = posted.StandIn is { } s
            ? $"До {s.Until.ToString("dd.MM", CultureInfo.InvariantCulture)} включно класного керівника ({s.ClassTeacher}) заміщує {posted.RecipientName.TrimEnd('.')}. "
            : "";
        return standIn + PromiseToRecipient(posted);
    }

    private static string PromiseToRecipient(TalkPosted posted)
    {
        var who = posted.RecipientName;
        if (posted.Plan is DeliveryPlan.Never { Reason: DeliveryRules.NoChat })
            return $"Повідомлення збережено. {who} ще не користується ботом, тож отримає його, щойно підключить чат; відповідь прийде сюди.";
        if (posted.Plan is DeliveryPlan.Never)
            return $"Повідомлення збережено, але надіслати його {who} через бот зараз неможливо.";
        if (posted.DeliverAtLocal <= posted.LocalNow) return $"Надіслано: {who} отримає повідомлення зараз. Відповідь прийде сюди.";
        return $"Зараз неробочий час ({who}). Повідомлення буде доставлено {When(posted.DeliverAtLocal, posted.LocalNow)} " +
               $"о {posted.DeliverAtLocal.ToString("H:mm", CultureInfo.InvariantCulture)}. Відповідь прийде сюди.";
    }

    /// <summary>"сьогодні", "завтра", "в понеділок", "у вівторок"; a day more than a week ahead with its date.</summary>
    public static string When(DateTime at, DateTime now)
    {
        var days = DateOnly.FromDateTime(at).DayNumber - DateOnly.FromDateTime(now).DayNumber;
        var date = DateOnly.FromDateTime(at);
        return days switch
        {
            0 => "сьогодні",
            1 => "завтра",
            < 7 => $"{(date.DayOfWeek == DayOfWeek.Tuesday ? "у" : "в")} {UkrainianDates.WeekdayAccusative(date)}",
            _ => $"{UkrainianDates.DayMonth(date)}",
        };
    }
}
