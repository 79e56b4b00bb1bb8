using System.Text.Json;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Bot.Host.Configuration;
using Bot.Host.Conversation.Handlers;
using Bot.Host.Conversation.Parsing;
using Bot.Host.Observability;
using Microsoft.EntityFrameworkCore;
using RouteContext = Bot.Host.Conversation.Parsing.RouteContext;
using Microsoft.Extensions.Options;

namespace Bot.Host.Conversation;

/// <summary>
/// The channel-neutral conversation (docs/architecture.md "The conversation"): finds who the chat is, reads the command's form
/// (CommandRouter), and hands it to the family, teacher or settings handlers. Questions asked with buttons keep
/// their pending command in the chat's session, so a press continues it.
/// </summary>
public sealed class ConversationEngine(
    JournalDbContext db,
    InviteService invites,
    CachedReads reads,
    FamilyHandlers family,
    TeacherHandlers teacher,
    SettingsHandler settings,
    ConsentHandler consent,
    TalkHandler talk,
    AbsenceExcuseButton absenceExcuse,
    AnnouncementAckButton announcementAck,
    FormAnswerButton formAnswer,
    ShelterButton shelter,
    TimeProvider clock,
    IOptions<SchoolOptions> school,
    ILogger<ConversationEngine> log) : IConversation
{
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(30);

    public async Task<ConversationResult> HandleAsync(Incoming incoming, CancellationToken ct)
    {
        // Kept between updates while the roster's stamp stands (ADR 0020).
        var persona = await reads.PersonaAsync(incoming.Channel, incoming.ChatId, ct);
        using var logScope = persona.SchoolIds.Count > 0 ? log.Scope(("SchoolId", string.Join(",", persona.SchoolIds))) : null;
        await invites.NoteSeenAsync(persona, ct); // "last seen" on the panel's invites pages
        // Not tracked: the session is never part of a journal write's transaction, and it is kept after the command.
        var stored = await db.ChatSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Channel == incoming.Channel && s.ChatId == incoming.ChatId, ct);
        var session = stored ?? new ChatSession(incoming.Channel, incoming.ChatId);
        var asLoaded = State(session);
        // Each linked school's own local time (ADR 0022); the chat's main "today" is the staff member's school's, else the first link's.
        var zones = new Dictionary<Guid, string>();
        var calendars = new Dictionary<Guid, Bot.Domain.Diary.SchoolDays>();
        foreach (var id in persona.SchoolIds)
        {
            zones[id] = await reads.TimeZoneAsync(id, ct);
            calendars[id] = await reads.CalendarAsync(id, ct);
        }

        var main = persona.Staff.FirstOrDefault()?.SchoolId ?? persona.SchoolIds.FirstOrDefault();
        var timeZone = zones.GetValueOrDefault(main) ?? school.Value.TimeZone;
        var localNow = SchoolTime.LocalNow(clock, timeZone);
        var ctx = new ChatContext(incoming, persona, session, DateOnly.FromDateTime(localNow), localNow, timeZone)
        {
            LocalNowBySchool = zones.ToDictionary(z => z.Key, z => SchoolTime.LocalNow(clock, z.Value)),
            CalendarBySchool = calendars,
            Calendar = calendars.GetValueOrDefault(main),
        };

        ConversationResult result;
        try
        {
            result = incoming.IsButton ? await OnButtonAsync(ctx, incoming.ButtonData!, ct) : await OnTextAsync(ctx, incoming.Text ?? "", null, Choices.None, ct);
        }
        finally
        {
            await SaveSessionAsync(session, stored is not null, changed: State(session) != asLoaded, ct);
        }

        return result;
    }

    private async Task<ConversationResult> OnTextAsync(ChatContext ctx, string text, FormRole? asRole, Choices choices, CancellationToken ct)
    {
        var routed = CommandRouter.Route(text, new RouteContext(ctx.Roles, ctx.Today, asRole, Calendar: ctx.Calendar));
        switch (routed)
        {
            case Routed.Refused refused:
                return Replies.Error(refused.Error);
            case Routed.AskRole ask:
                ctx.Session.Await("role:" + text, PendingUntil);
                return Replies.Ask(ask.Question, ask.Options.Select(o => new Button(o.Label, ButtonData.Make("ro", o.Role.ToString()))));
            case Routed.Command command:
                return await DispatchAsync(ctx, command, text, choices, ct);
            default:
                return await OnFreeTextAsync(ctx, text.Trim(), ct);
        }
    }

    /// <summary>Not a command: an invite code typed in, the answer to a pending question, or a hint.</summary>
    private async Task<ConversationResult> OnFreeTextAsync(ChatContext ctx, string text, CancellationToken ct)
    {
        if (InviteCode.LooksLikeCode(text)) return await RedeemAsync(ctx, text, ct);
        // A roll call's draft is not a question: a text typed during the roll call leaves it in place.
        var pending = ctx.Session.Pending?.StartsWith(TeacherHandlers.RollCallDraftPrefix, StringComparison.Ordinal) == true
            ? null
            : ctx.Session.TakePending(clock.GetUtcNow().UtcDateTime);
        if (pending is not null && pending.StartsWith("absent:", StringComparison.Ordinal))
            return await family.AbsenceReasonTypedAsync(ctx, pending["absent:".Length..], text, ct);
        if (pending is not null && pending.StartsWith("lf:", StringComparison.Ordinal) && ctx.Staff is not null)
            return (await teacher.FlowTypedAsync(ctx, pending, text, ct)).Reply;
        if (!ctx.Persona.IsLinked) return Replies.Text(Replies.NotLinked);
        // A conversation's open question (ADR 0038): the text is the message or the answer.
        if (pending is not null && pending.StartsWith(TalkHandler.TalkPending, StringComparison.Ordinal))
            return await talk.TypedToTeacherAsync(ctx, pending, text, ct);
        if (pending is not null && pending.StartsWith(TalkHandler.ReplyPending, StringComparison.Ordinal) && ctx.Staff is not null)
            return await talk.TypedAnswerAsync(ctx, pending, text, ct);
        // Plain words for the commands: "розклад завтра", "оцінки", "пропуски".
        if (PlainWords.Command(text) is { } command)
        {
            var routed = CommandRouter.Route(command, new RouteContext(ctx.Roles, ctx.Today, null, Calendar: ctx.Calendar));
            if (routed is Routed.Command or Routed.AskRole) return await OnTextAsync(ctx, command, null, Choices.None, ct);
            if (!ctx.Roles.CanUse(FormRole.Family)) return await OnTextAsync(ctx, command, null, Choices.None, ct);
        }

        // Anything else a family writes is offered to the class teacher as a message.
        if (await talk.OfferAsync(ctx, text, ct) is { } offer) return offer;
        return Replies.Text("Це не команда. Надішліть /help, щоб побачити, що вміє бот.");
    }

    private async Task<ConversationResult> DispatchAsync(ChatContext ctx, Routed.Command command, string text, Choices choices, CancellationToken ct)
    {
        switch (command.Request)
        {
            case StartRequest start:
                if (start.Code is { Length: > 0 } code) return await RedeemAsync(ctx, code, ct);
                return ctx.Persona.IsLinked ? ConversationResult.Of(HelpTexts.Menu(ctx)) : Replies.Text(HelpTexts.Welcome);
            case HelpRequest:
                return ConversationResult.Of(HelpTexts.Menu(ctx));
        }

        if (!ctx.Persona.IsLinked) return Replies.Text(Replies.NotLinked);
        HandlerResult result = command.Request switch
        {
            UnlinkRequest => await UnlinkAsync(ctx, ct),
            SettingsRequest => await settings.ShowAsync(ctx, ct),
            WriteRequest => await talk.StartAsync(ctx, ct),
            AckRequest => await announcementAck.ReportAsync(ctx, ct),
            TeacherRequest or MarkWalkthroughRequest or UndoRequest => await teacher.HandleAsync(ctx, command.Request, choices, ct),
            _ => await family.HandleAsync(ctx, command.Request, text, ct),
        };
        if (result.Ambiguity is { } ambiguity)
        {
            var pending = JsonSerializer.Serialize(new PendingCommand(text, command.Role, choices.Picks.ToDictionary()));
            ctx.Session.Await("cmd:" + pending, PendingUntil);
            return Replies.Ask(ambiguity.Question,
                ambiguity.Candidates.Select(c => new Button(c.Label, ButtonData.Make("pk", ambiguity.Slot, ButtonData.Id(c.Id)))), perRow: 1);
        }

        return result.Reply;
    }

    private sealed record PendingCommand(string Text, FormRole Role, Dictionary<string, Guid> Picks);

    private async Task<ConversationResult> OnButtonAsync(ChatContext ctx, string data, CancellationToken ct)
    {
        var (verb, args) = ButtonData.Read(data);
        var now = clock.GetUtcNow().UtcDateTime;
        switch (verb)
        {
            case "ro" when Enum.TryParse<FormRole>(args.FirstOrDefault(), out var role):
            {
                var pending = ctx.Session.TakePending(now);
                if (pending is null || !pending.StartsWith("role:", StringComparison.Ordinal)) return Replies.Text(Replies.Expired);
                return await OnTextAsync(ctx, pending["role:".Length..], role, Choices.None, ct);
            }
            case "pk" when args.Length == 2 && ButtonData.TryId(args[1], out var picked):
            {
                var pending = ctx.Session.TakePending(now);
                if (pending is null || !pending.StartsWith("cmd:", StringComparison.Ordinal)) return Replies.Text(Replies.Expired);
                var command = JsonSerializer.Deserialize<PendingCommand>(pending["cmd:".Length..])!;
                var choices = command.Picks.Aggregate(Choices.None, (c, p) => c.With(p.Key, p.Value)).With(args[0], picked);
                return await OnTextAsync(ctx, command.Text, command.Role, choices, ct);
            }
        }

        if (verb == "c" && args.Length == 1) return await OnTextAsync(ctx, args[0], null, Choices.None, ct);
        if (!ctx.Persona.IsLinked) return Replies.Text(Replies.NotLinked);
        HandlerResult result = verb switch
        {
            "st" => await settings.ButtonAsync(ctx, args, ct),
            ConsentHandler.Verb => await consent.ButtonAsync(ctx, args, ct),
            "ch" or "ab" => await family.ButtonAsync(ctx, verb, args, ct),
            TalkHandler.WriteVerb or TalkHandler.SendOfferVerb or TalkHandler.ReplyVerb or TalkHandler.AbsenceReplyVerb or TalkHandler.PassVerb => await talk.ButtonAsync(ctx, verb, args, ct),
            "mw" or "ml" or "ms" or "mv" => await teacher.ButtonAsync(ctx, verb, args, ct),
            Delivery.LessonDayReminder.Verb => await teacher.DayLessonButtonAsync(ctx, args, ct),
            AbsenceExcuseButton.Verb => await absenceExcuse.ButtonAsync(ctx, args, ct),
            AnnouncementAckButton.Verb => await announcementAck.ButtonAsync(ctx, args, ct),
            FormAnswerButton.Verb => await formAnswer.ButtonAsync(ctx, args, ct),
            ShelterButton.Verb => await shelter.ButtonAsync(ctx, args, ct),
            TeacherHandlers.FlowVerb when ctx.Staff is not null => await teacher.FlowButtonAsync(ctx, args, ct),
            _ => Replies.Text(Replies.Expired),
        };
        return result.Reply;
    }

    private async Task<ConversationResult> RedeemAsync(ChatContext ctx, string code, CancellationToken ct)
    {
        var redeemed = await invites.RedeemAsync(ctx.Incoming.Channel, ctx.Incoming.ChatId, ctx.Incoming.UserId, code, ct);
        log.LogInformation("Invite redeem in {Channel} chat {ChatId}: {Status}", ctx.Incoming.Channel, ctx.Incoming.ChatId, redeemed.Status);
        // A wrong code's answer may be held back by the brake (ADR 0042): the channel sends it later, off the update's path.
        if (!redeemed.IsSuccess) return Replies.Text(redeemed.Message) with { Delay = redeemed.Delay };
        var persona = await invites.PersonaOfChatAsync(ctx.Incoming.Channel, ctx.Incoming.ChatId, ct);
        var linked = ctx with { Persona = persona };
        // A guardian without a consent in force is asked first (ADR 0035); otherwise the greeting says what will come, from the outbox's rules.
        if (await consent.QuestionAsync(linked, ct) is { } question)
            return new ConversationResult([Message.Text(redeemed.Message), question], Commands: HelpTexts.Commands(linked.Roles));
        var greeting = Message.Text(redeemed.Message);
        await consent.PromiseAsync(linked, greeting, ct);
        return new ConversationResult([greeting, HelpTexts.Menu(linked)], Commands: HelpTexts.Commands(linked.Roles));
    }

    private async Task<ConversationResult> UnlinkAsync(ChatContext ctx, CancellationToken ct)
    {
        var n = await invites.UnlinkAsync(ctx.Incoming.Channel, ctx.Incoming.ChatId, ct);
        return Replies.Text(n == 0
            ? "Цей чат ні до кого не привʼязаний."
            : "Чат відʼєднано: сповіщень сюди більше не буде. Щоб повернутися, надішліть код запрошення ще раз.");
    }

    private DateTime PendingUntil => clock.GetUtcNow().UtcDateTime + PendingLifetime;

    private static (string? Pending, DateTime? Until, Guid? Child) State(ChatSession s) => (s.Pending, s.PendingUntilUtc, s.SelectedStudentId);

    /// <summary>
    /// Keeps the chat's session (a pending question, the child picked), and whatever else the command left unsaved (a
    /// parent's default preferences on a first /settings). The command's own writes are committed by now: a failure
    /// here (another update of the same chat inserting the session first, a busy database) is logged and tried once
    /// more, never reported as the command's failure — a teacher told "something went wrong" after the mark was written
    /// would enter it again. At worst a pending question is forgotten and its button answers "expired".
    /// </summary>
    private async Task SaveSessionAsync(ChatSession session, bool stored, bool changed, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (changed && db.Entry(session).State == EntityState.Detached)
                {
                    if (attempt > 1) stored = await db.ChatSessions.AsNoTracking().AnyAsync(s => s.Channel == session.Channel && s.ChatId == session.ChatId, ct);
                    if (stored) db.ChatSessions.Update(session);
                    else db.ChatSessions.Add(session);
                }

                // Most commands leave everything as it was: then there is nothing to write (and no turn at the write gate to wait for).
                if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Keeping the session of {Channel} chat {ChatId} failed (attempt {Attempt})", session.Channel, session.ChatId, attempt);
                db.ChangeTracker.Clear(); // the next attempt asks again whether the row exists
                if (attempt == 2) return;
            }
        }
    }
}

/// <summary>What a handler answers: a reply, or a question about an ambiguous word of the command.</summary>
public sealed record HandlerResult(ConversationResult Reply, Ambiguity? Ambiguity = null)
{
    public static implicit operator HandlerResult(ConversationResult reply) => new(reply);

    public static HandlerResult Ask(Ambiguity ambiguity) => new(ConversationResult.Nothing, ambiguity);
}
