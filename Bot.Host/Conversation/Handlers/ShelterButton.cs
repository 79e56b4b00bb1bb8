using Bot.Domain.Audit;
using Bot.Domain.Timetable;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// "Клас в укритті" / "Відбій" in a teacher's chat (ADR 0044). Button data: "sh" (from the menu) finds the
/// lesson the teacher is teaching now and offers the button for its class; "sh|in|class" takes the class to the shelter;
/// "sh|out|class" asks what happens after the all-clear; "sh|ok|class|c" (lessons go on), "sh|ok|class|s|N" / "sh|ok|class|a|N"
/// (online from lesson N, synchronous / asynchronous), "sh|ok|class|e" (the day ends) records it. Every press is checked by
/// <see cref="ShelterService"/> (only the class's current teacher or the administration); forged data changes nothing.
/// Each step is one short message with its buttons (Viber cannot edit; its buttons are silent).
/// </summary>
public sealed class ShelterButton(ShelterService shelter, IServiceProvider services)
{
    public const string Verb = "sh";
    public const string Label = "🛡 Клас в укритті";
    public const string NotStaff = "Позначити клас в укритті може лише вчитель, який зараз веде урок у цьому класі, або адміністрація школи.";

    public static Button MenuButton => new(Label, Verb);

    public async Task<HandlerResult> ButtonAsync(ChatContext ctx, string[] args, CancellationToken ct)
    {
        if (ctx.Staff is not { } staff) return Replies.Text(NotStaff);
        if (args.Length == 0) return await OfferAsync(ctx, staff.SchoolId, staff.StaffId, ct);
        if (args.Length < 2 || !ButtonData.TryId(args[1], out var classId)) return Replies.Text(Replies.Expired);
        switch (args[0])
        {
            case "in" when args.Length == 2:
            {
                var done = await shelter.EnterAsync(ctx.StaffActor, staff.SchoolId, [classId], ct);
                if (!done.IsSuccess) return Replies.Error(done.Error);
                var o = done.Value!;
                Wake();
                var text = o.Done.Count > 0
                    ? $"🛡 {o.Done[0]} в укритті. Батькам надіслано термінове повідомлення ({o.Families} {Families(o.Families)})."
                    : $"🛡 {o.Skipped[0]} уже в укритті: повторно батькам нічого не надсилали.";
                return ConversationResult.Of(new Message().Line(text).Line("Після відбою натисніть «Відбій».")
                    .ButtonRow(new Button("✅ Відбій", ButtonData.Make(Verb, "out", ButtonData.Id(classId)))));
            }
            case "out" when args.Length == 2:
            {
                if (await shelter.AllClearRefusalAsync(ctx.StaffActor, staff.SchoolId, classId, ct) is { } refusal) return Replies.Error(refusal);
                var inShelter = await shelter.InShelterAsync(staff.SchoolId, ctx.TodayIn(staff.SchoolId), ct);
                if (!inShelter.ContainsKey(classId)) return Replies.Text("Цей клас зараз не в укритті: відбій не потрібен.");
                var ahead = await shelter.LessonsAheadAsync(staff.SchoolId, classId, ct);
                var id = ButtonData.Id(classId);
                var m = new Message().Line("✅ Відбій. Що далі?")
                    .Line("Уроки, що минули в укритті, запишуться як проведені в укритті; ті, що до онлайну не відбудуться, — як не проведені через тривогу.")
                    .ButtonRow(new Button("Уроки тривають", ButtonData.Make(Verb, "ok", id, "c")));
                foreach (var n in ahead.Take(3))
                    m.ButtonRow(new Button($"Онлайн з {n} ур. синхронно", ButtonData.Make(Verb, "ok", id, "s", n.ToString())),
                        new Button($"Онлайн з {n} ур. асинхронно", ButtonData.Make(Verb, "ok", id, "a", n.ToString())));
                return ConversationResult.Of(m.ButtonRow(new Button("Завершити навчальний день", ButtonData.Make(Verb, "ok", id, "e"))));
            }
            case "ok" when args.Length >= 3:
            {
                AllClearNext? next = args[2] switch { "c" => AllClearNext.Continue, "s" => AllClearNext.OnlineSync, "a" => AllClearNext.OnlineAsync, "e" => AllClearNext.EndDay, _ => null };
                int? from = null;
                if (next is AllClearNext.OnlineSync or AllClearNext.OnlineAsync)
                {
                    if (args.Length != 4 || !int.TryParse(args[3], out var n)) return Replies.Text(Replies.Expired);
                    from = n;
                }
                else if (args.Length != 3) next = null;

                if (next is not { } what) return Replies.Text(Replies.Expired);
                var done = await shelter.AllClearAsync(ctx.StaffActor, staff.SchoolId, [classId], what, from, ct);
                if (!done.IsSuccess) return Replies.Error(done.Error);
                var o = done.Value!;
                Wake();
                return Replies.Text(o.Done.Count > 0
                    ? $"✅ Відбій для {o.Done[0]}: {ShelterService.NextText(what, from)}. Батькам надіслано повідомлення ({o.Families} {Families(o.Families)}); статуси уроків записано в журнал."
                    : $"{o.Skipped[0]} зараз не в укритті: відбій уже записано, повторно нічого не надсилали.");
            }
            default:
                return Replies.Text(Replies.Expired);
        }
    }

    private async Task<HandlerResult> OfferAsync(ChatContext ctx, Guid schoolId, Guid staffId, CancellationToken ct)
    {
        var now = await shelter.LessonNowAsync(schoolId, staffId, ct);
        var inShelter = await shelter.InShelterAsync(schoolId, ctx.TodayIn(schoolId), ct);
        // No lesson now, but a class this teacher took to the shelter is still there: its all-clear.
        var mine = inShelter.Values.Where(c => c.CreatedById == staffId && (!now.IsSuccess || now.Value!.Class.Id != c.ClassId)).ToList();
        if (!now.IsSuccess && mine.Count == 0) return Replies.Error(now.Error);
        if (!now.IsSuccess)
        {
            var m = new Message().Line("Ваш клас в укритті. Після відбою натисніть «Відбій».");
            foreach (var c in mine)
                m.ButtonRow(new Button(mine.Count == 1 ? "✅ Відбій" : $"✅ Відбій · {await shelter.ClassNameAsync(c.ClassId!.Value, ct)}", ButtonData.Make(Verb, "out", ButtonData.Id(c.ClassId!.Value))));
            return ConversationResult.Of(m);
        }

        var cls = now.Value!.Class;
        var id = ButtonData.Id(cls.Id);
        if (inShelter.ContainsKey(cls.Id))
            return ConversationResult.Of(new Message().Line($"🛡 {cls.Name} уже в укритті. Після відбою натисніть «Відбій».")
                .ButtonRow(new Button("✅ Відбій", ButtonData.Make(Verb, "out", id))));
        return ConversationResult.Of(new Message()
            .Line($"Зараз {now.Value.Lesson.Number} урок у {cls.Name}.")
            .Line("Позначити клас в укритті? Батьки учнів одразу отримають термінове повідомлення (навіть у тихі години).")
            .ButtonRow(new Button($"🛡 {cls.Name} в укритті", ButtonData.Make(Verb, "in", id))));
    }

    /// <summary>The urgent rows go now, not at the sender's next poll (where this process sends: a host without delivery has no signal).</summary>
    private void Wake() => (services.GetService(typeof(Delivery.OutboxSignal)) as Delivery.OutboxSignal)?.Notify();

    private static string Families(int n) => Bot.Domain.Text.UkrainianText.Plural(n, "адресат", "адресати", "адресатів");
}
