using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Fakes;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Viber;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// Drives the bot through Viber: Bot.Host with the real engine behind its webhook, the fake Viber posting signed
/// callbacks as people act. "/start &lt;code&gt;" is what a tap on the invite's `viber://pa?...&amp;context=&lt;code&gt;`
/// link does — the chat opens (`conversation_started`) and the bot answers with its welcome; anything else is typed;
/// a press is a reply button of the keyboard the person sees. The bot answers before the callback returns, so the
/// replies are exactly the messages sent meanwhile.
/// </summary>
public sealed class ViberDriver : IChatDriver
{
    private readonly ViberTestHost _host;
    private readonly Dictionary<string, string> _chats = [];

    private ViberDriver(ViberTestHost host) => _host = host;

    public static async Task<ViberDriver> StartAsync(TestDatabase database, TestSchool school, ShiftedClock? clock = null) =>
        new(await ViberTestHost.StartAsync(clock: clock ?? new ShiftedClock(school.Clock.GetUtcNow()), engine: false, connectionString: database.ConnectionString));

    public FakeViberServer Viber => _host.Viber;

    public string ChatOf(string person)
    {
        // Viber's user ids are base64 strings, not numbers.
        if (!_chats.TryGetValue(person, out var chat)) _chats[person] = chat = $"vU{_chats.Count:00}{person.Length:00}Xq+9/z==";
        return chat;
    }

    public Task<IReadOnlyList<ChatReply>> SayAsync(string chat, string text) =>
        text.StartsWith("/start", StringComparison.Ordinal) && text.Split(' ', 2) is [_, var code]
            ? ExchangeAsync(chat, () => _host.Viber.UserOpensAsync(chat, code.Trim()))
            : ExchangeAsync(chat, () => _host.Viber.UserSendsAsync(chat, text));

    /// <summary>Types "/start &lt;code&gt;" as text instead of opening the chat by the link (both link).</summary>
    public Task<IReadOnlyList<ChatReply>> TypeAsync(string chat, string text) => ExchangeAsync(chat, () => _host.Viber.UserSendsAsync(chat, text));

    public Task<IReadOnlyList<ChatReply>> PressAsync(string chat, string data) => ExchangeAsync(chat, () => _host.Viber.UserPressesAsync(chat, data));

    private async Task<IReadOnlyList<ChatReply>> ExchangeAsync(string chat, Func<Task<ViberCallbackPost>> act)
    {
        var before = _host.Viber.MessagesTo(chat).Count;
        var post = await act();
        Assert.True(post.HttpStatus == 200, $"the webhook answered {post.HttpStatus}: {post.ResponseBody}");
        Assert.Empty(_host.Viber.WelcomeErrors);
        return _host.Viber.MessagesTo(chat).Skip(before)
            .Select(m => new ChatReply(m.Text, m.Buttons.Select(b => (b.Text, b.ActionBody)).ToList()))
            .ToList();
    }

    public async Task<ChatLink?> ActiveLinkAsync(string chat)
    {
        await using var db = _host.Db();
        return await db.ChatLinks.SingleOrDefaultAsync(l => l.Channel == Channel.Viber && l.ChatId == chat && l.IsActive);
    }

    public T Service<T>() where T : notnull => _host.Service<T>();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

public sealed class ConversationThroughViber : ConversationScenarios
{
    protected override Channel ExpectedChannel => Channel.Viber;

    protected override async Task<IChatDriver> CreateDriverAsync(TestDatabase database, TestSchool school) =>
        await ViberDriver.StartAsync(database, school);

    private ViberDriver Viber => (ViberDriver)Driver;

    private static string All(IReadOnlyList<ChatReply> replies) => string.Join("\n", replies.Select(r => r.Text));

    [Fact]
    public async Task OpeningTheInviteLink_LinksWithOneWelcome_ThatAsksToWriteSoAlertsCanCome()
    {
        // Her consent is on record (the class teacher's): the welcome has the menu, not the consent question (ADR 0035).
        await using (var db = Database.NewContext())
        {
            db.Consents.Add(new Bot.Domain.Roster.Consent(S.School.Id, S.IvanenkoMother.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);

        var welcome = Assert.Single(Viber.Viber.MessagesTo(mother));
        Assert.True(welcome.IsWelcome);
        Assert.Contains("Вітаємо", welcome.Text);
        Assert.Contains("Команди:", welcome.Text);
        Assert.EndsWith(Bot.Host.Viber.ViberUpdateHandler.SubscribeHint, welcome.Text);
        Assert.Contains(welcome.Buttons, b => b.ActionBody == "c|/diary");
        Assert.Equal(S.IvanenkoMother.Id, (await Viber.ActiveLinkAsync(mother))!.PersonId);
        Assert.False(Viber.Viber.User(mother)!.Subscribed);

        var diary = All(await Viber.PressAsync(mother, "c|/diary"));

        Assert.Contains("Іваненко Олег, 7-А", diary);
        Assert.True(Viber.Viber.User(mother)!.Subscribed);
    }

    /// <summary>
    /// «Клас в укритті» and «Відбій» in Viber (ADR 0044): each step one short message with its buttons, all silent; the
    /// parents' notices are counted in the outbox (their delivery is ShelterThroughMessengersTests').
    /// </summary>
    [Fact]
    public async Task Shelter_IsOneShortMessageAStep_WithSilentButtons()
    {
        await using (var db = Database.NewContext())
        {
            db.BellSlots.Add(new Bot.Domain.Schools.BellSlot(S.School.Id, 2, new TimeOnly(9, 25), new TimeOnly(10, 10)));
            await db.SaveChangesAsync();
        }

        var teacher = await LinkedAsync("algebra", PersonKind.Staff, S.AlgebraTeacher.Id);
        var before = Viber.Viber.MessagesTo(teacher).Count;
        var offer = Assert.Single(await Viber.SayAsync(teacher, "/help")).ButtonData("🛡 Клас в укритті")!;
        var step1 = Assert.Single(await Viber.PressAsync(teacher, offer));
        Assert.StartsWith("Зараз 2 урок у 7-А.", step1.Text);
        var step2 = Assert.Single(await Viber.PressAsync(teacher, step1.ButtonData("🛡 7-А в укритті")!));
        Assert.StartsWith("🛡 7-А в укритті.", step2.Text);
        var step3 = Assert.Single(await Viber.PressAsync(teacher, step2.ButtonData("✅ Відбій")!));
        Assert.StartsWith("✅ Відбій. Що далі?", step3.Text);
        var step4 = Assert.Single(await Viber.PressAsync(teacher, step3.ButtonData("Завершити навчальний день")!));
        Assert.StartsWith("✅ Відбій для 7-А: навчання на сьогодні завершено.", step4.Text);

        var steps = Viber.Viber.MessagesTo(teacher).Skip(before + 1).ToList();
        Assert.Equal(4, steps.Count);
        Assert.All(steps.Take(3), m => Assert.True(m.Buttons.Count > 0 && m.Buttons.All(b => b.Silent), m.Text));
        Assert.All(steps, m => Assert.True(m.Text.Length < 400, $"{m.Text.Length} characters:\n{m.Text}"));
        await using var read = Database.NewContext();
        Assert.Equal(4, await read.Outbox.CountAsync(o => o.Kind == Bot.Domain.Notifications.NotificationKind.ShelterNotice)); // 2 guardians × 2 steps
    }

    /// <summary>Families (ADR 0041): Viber cannot edit, so each settings tap is one short message with the new keyboard, all its buttons silent.</summary>
    [Fact]
    public async Task Settings_AreOneShortMessageAStep_WithSilentButtons()
    {
        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);
        var full = Assert.Single(await Viber.SayAsync(mother, "/settings"));
        var before = Viber.Viber.MessagesTo(mother).Count;

        var hours = Assert.Single(await Viber.PressAsync(mother, full.ButtonData("🕒 Щоденник о 18:00")!));
        var quarters = Assert.Single(await Viber.PressAsync(mother, hours.ButtonData("19:")!));
        var diary = Assert.Single(await Viber.PressAsync(mother, quarters.ButtonData("19:45")!));
        Assert.Contains("щоденник щовечора о 19:45", diary.Text);
        var quiet = Assert.Single(await Viber.PressAsync(mother, diary.ButtonData("🌙 Тиша")!));
        var start = Assert.Single(await Viber.PressAsync(mother, quiet.ButtonData("22:")!));
        var end = Assert.Single(await Viber.PressAsync(mother, start.ButtonData("22:00")!));
        var endQuarter = Assert.Single(await Viber.PressAsync(mother, end.ButtonData("06:")!));
        var saved = Assert.Single(await Viber.PressAsync(mother, endQuarter.ButtonData("06:45")!));
        Assert.Contains("🌙 тиша з 22:00 до 06:45", saved.Text);
        Assert.Contains("щоденник щовечора о 19:45", saved.Text);

        var steps = Viber.Viber.MessagesTo(mother).Skip(before).ToList();
        Assert.Equal(8, steps.Count);
        Assert.All(steps, m => Assert.True(m.Buttons.Count > 0 && m.Buttons.All(b => b.Silent), m.Text));
        Assert.All(steps, m => Assert.True(m.Text.Length < 400 && m.Text.Length < full.Text.Length, $"{m.Text.Length} characters:\n{m.Text}"));
        await using var db = Database.NewContext();
        var prefs = await db.Preferences.SingleAsync(p => p.PersonId == S.IvanenkoMother.Id);
        Assert.Equal((new TimeOnly(19, 45), new TimeOnly(22, 0), new TimeOnly(6, 45)), (prefs.DailyDiaryTime, prefs.QuietFrom!.Value, prefs.QuietTo!.Value));
    }

    [Fact]
    public async Task TypingTheCode_OrStartWithIt_LinksToo()
    {
        var mother = Viber.ChatOf("mother");
        var teacher = Viber.ChatOf("teacher");

        var byCode = All(await Viber.TypeAsync(mother, await InviteAsync(PersonKind.Guardian, S.IvanenkoMother.Id)));
        var byStart = All(await Viber.TypeAsync(teacher, "/start " + await InviteAsync(PersonKind.Staff, S.AlgebraTeacher.Id)));

        Assert.Contains("Вітаємо", byCode);
        Assert.Contains("Вітаємо", byStart);
        Assert.DoesNotContain(Bot.Host.Viber.ViberUpdateHandler.SubscribeHint, byCode); // they wrote: subscribed already
        Assert.Equal(S.AlgebraTeacher.Id, (await Viber.ActiveLinkAsync(teacher))!.PersonId);
    }

    [Fact]
    public async Task CommandsTypedWithoutTheSlash_Work()
    {
        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);

        Assert.Contains("Іваненко Олег, 7-А", All(await Viber.SayAsync(mother, "diary")));
        Assert.Contains("Налаштування сповіщень", All(await Viber.SayAsync(mother, "settings")));
    }

    [Fact]
    public async Task AParentWhoOnlyOpenedTheChat_CannotBeAlerted_AndTheLinkCloses()
    {
        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);
        var sender = ((ViberDriver)Driver).Service<Bot.Host.Viber.ViberSender>();

        var outcome = await sender.SendAsync(mother, Bot.Host.Conversation.Message.Text("Іваненко Олег: 10 з алгебри"), Bot.Host.Telegram.SendPace.Bulk);

        Assert.Equal(new Bot.Host.Delivery.SendOutcome.ChatGone("not subscribed"), outcome);
        Assert.Null(await Viber.ActiveLinkAsync(mother));
    }
}
