using Bot.Domain.Linking;
using Bot.Domain.Notifications;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// Consent in the chat (seed 002, 3.2; ADR 0035): a guardian who links without a consent in force is shown the school's
/// consent text with "Погоджуюсь" / "Не погоджуюсь" (in Viber, keyboard buttons); the answer is recorded; /settings offers
/// the withdrawal and, without a consent, the question again. Every answer ends with what will (or will not) come,
/// computed from the outbox's own rules (<see cref="DeliveryPromise"/>).
/// </summary>
public sealed class ConsentHandler(ConsentService consents)
{
    public const string Verb = "cs";

    /// <summary>The consent question for the first guardian of the chat without a consent in force; null when none lacks one.</summary>
    public async Task<Message?> QuestionAsync(ChatContext ctx, CancellationToken ct)
    {
        foreach (var link in GuardianLinks(ctx))
            if (!await consents.InForceAsync(link.SchoolId, link.PersonId, ct))
                return await QuestionForAsync(link, ct);
        return null;
    }

    private async Task<Message> QuestionForAsync(ChatLink link, CancellationToken ct)
    {
        var (version, text) = await consents.CurrentTextAsync(link.SchoolId, ct);
        var m = new Message();
        foreach (var line in text.Split('\n')) m.Line(line);
        m.Blank().Line("Без вашої згоди школа нічого не надсилатиме вам у бот. Ви згодні?");
        var school = ButtonData.Id(link.SchoolId);
        m.ButtonRow(new Button(ConsentService.Agree, ButtonData.Make(Verb, "y", version.ToString(System.Globalization.CultureInfo.InvariantCulture), school)),
            new Button(ConsentService.Refuse, ButtonData.Make(Verb, "n", version.ToString(System.Globalization.CultureInfo.InvariantCulture), school)));
        return m;
    }

    public async Task<HandlerResult> ButtonAsync(ChatContext ctx, string[] args, CancellationToken ct)
    {
        var channel = ctx.Incoming.Channel;
        switch (args)
        {
            case [var answer and ("y" or "n"), var v, var s] when int.TryParse(v, out var version) && ButtonData.TryId(s, out var schoolId):
            {
                var guardians = GuardianLinks(ctx).Where(l => l.SchoolId == schoolId).ToList();
                if (guardians.Count == 0) return Replies.Text(Replies.Expired);
                foreach (var g in guardians)
                {
                    if (answer == "y") await consents.AgreeAsync(g.PersonId, channel, version, ct);
                    else if (!await consents.InForceAsync(g.SchoolId, g.PersonId, ct)) await consents.RefuseAsync(g.PersonId, channel, version, ct);
                }

                var m = answer == "y"
                    ? new Message().Line("Дякуємо, вашу згоду записано.")
                    : new Message().Line("Зрозуміло, згоди не записано.");
                await PromiseAsync(ctx, m, ct);
                if (answer == "n") m.Line("Якщо передумаєте, дайте згоду в /settings. А переглядати щоденник можна й так: /diary, /marks, /homework.");
                var replies = new List<Message> { m };
                // A parent linked in two schools is asked for the other school's consent next.
                if (await QuestionAsync(ctx, ct) is { } next && GuardianLinks(ctx).Any(l => l.SchoolId != schoolId)) replies.Add(next);
                else replies.Add(HelpTexts.Menu(ctx));
                return new ConversationResult(replies);
            }
            case ["a"]:
                return await QuestionAsync(ctx, ct) is { } question
                    ? ConversationResult.Of(question)
                    : Replies.Text("Вашу згоду вже записано.");
            case ["w"]:
            {
                var any = false;
                foreach (var g in GuardianLinks(ctx)) any |= await consents.WithdrawAsync(g.PersonId, channel, ct);
                var m = new Message().Line(any ? "Згоду відкликано." : "Чинної згоди немає: відкликати нічого.");
                await PromiseAsync(ctx, m, ct);
                m.ButtonRow(new Button("Дати згоду знову", ButtonData.Make(Verb, "a")));
                return ConversationResult.Of(m);
            }
            default:
                return Replies.Text(Replies.Expired);
        }
    }

    /// <summary>Appends what will and will not come to each person of the chat (guardian, student), from the outbox's rules.</summary>
    public async Task PromiseAsync(ChatContext ctx, Message m, CancellationToken ct)
    {
        foreach (var line in await PromiseLinesAsync(ctx.Persona, ct)) m.Line(line);
    }

    public async Task<IReadOnlyList<string>> PromiseLinesAsync(ChatPersona persona, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var link in persona.Links.Where(l => l.Kind != PersonKind.Staff).DistinctBy(l => (l.Kind, l.PersonId)))
        {
            var facts = await consents.FactsAsync(link.Kind, link.PersonId, link.SchoolId, ct);
            foreach (var line in DeliveryPromise.Lines(link.Kind == PersonKind.Guardian ? RecipientKind.Guardian : RecipientKind.Student, facts))
                if (!lines.Contains(line)) lines.Add(line);
        }

        return lines;
    }

    private static IEnumerable<ChatLink> GuardianLinks(ChatContext ctx) =>
        ctx.Persona.Links.Where(l => l.Kind == PersonKind.Guardian).DistinctBy(l => l.PersonId);
}
