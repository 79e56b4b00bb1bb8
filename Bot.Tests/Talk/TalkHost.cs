using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Fakes;
using Bot.Host.Delivery;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Bot.Tests.Viber;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Talk;

/// <summary>
/// One Bot.Host with both messengers as people use them: Telegram long-polling the fake Bot API and Viber
/// behind its webhook, with the real engine and the outbox sender, on a clock the test moves. People: the class teacher
/// of 7-А (Шевчук Н. О.) in Telegram, Іваненко Олег's mother in Telegram, Петренко Марія's mother in Viber, and a teacher
/// of 3-А only (Савчук Р. І.) in Telegram; the guardians have a phone recorded, to show it never travels.
/// </summary>
public sealed class TalkHost : IAsyncDisposable
{
    public const long TeacherChat = 810_001;
    public const long MotherChat = 810_002;
    public const long OtherTeacherChat = 810_003;
    public const string ViberMother = "vP3trenkoMum+9/z==";
    public const string MotherPhone = "+380501112233";
    public const string ViberMotherPhone = "+380674445566";

    private TalkHost(TestDatabase database, TestSchool s, ShiftedClock clock) => (Database, S, Clock) = (database, s, clock);

    public TestDatabase Database { get; }
    public TestSchool S { get; }
    public ShiftedClock Clock { get; }
    public FakeTelegramServer Telegram { get; private set; } = null!;
    public ViberTestHost Viber { get; private set; } = null!;
    public Guardian PetrenkoMother { get; private set; } = null!;
    public Staff ThirdGradeTeacher { get; private set; } = null!;

    public static async Task<TalkHost> StartAsync(DateTimeOffset now)
    {
        var database = await TestDatabase.SqliteAsync();
        TestSchool s;
        await using (var db = database.NewContext()) s = await TestSchool.CreateAsync(db);
        var host = new TalkHost(database, s, new ShiftedClock(now));
        try
        {
            await host.SeedAsync();
            host.Telegram = await FakeTelegramServer.StartAsync(host.Clock);
            host.Telegram.Limits.PerChatPerSecond = 1000;
            host.Telegram.Limits.GlobalPerSecond = 1000;
            host.Viber = await ViberTestHost.StartAsync(clock: host.Clock, engine: false, connectionString: database.ConnectionString, settings: new Dictionary<string, string?>
            {
                ["Telegram:Token"] = FakeTelegramServer.Token,
                ["Telegram:ApiBaseUrl"] = host.Telegram.BaseUrl,
                ["Delivery:PollInterval"] = "00:00:00.100",
                ["Jobs:InMemory"] = "true",
            });
            host.Viber.Viber.AddUser(ViberMother, "Оля", subscribed: true);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    private async Task SeedAsync()
    {
        await using var db = Database.NewContext();
        PetrenkoMother = new Guardian(S.School.Id, "Петренко", "Ольга", phone: ViberMotherPhone);
        ThirdGradeTeacher = new Staff(S.School.Id, "Савчук", "Роман", "Іванович", StaffRoles.Teacher);
        db.AddRange(PetrenkoMother, ThirdGradeTeacher);
        db.Add(new GuardianStudent(PetrenkoMother.Id, S.Petrenko.Id, "опікунка"));
        db.Add(new TeachingAssignment(S.School.Id, ThirdGradeTeacher.Id, S.Class3A.Id, S.Reading.Id));
        (await db.Guardians.FindAsync(S.IvanenkoMother.Id))!.ChangePhone(MotherPhone);
        await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Staff, S.ClassTeacher.Id, TeacherChat);
        await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Staff, ThirdGradeTeacher.Id, OtherTeacherChat);
        await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Guardian, S.IvanenkoMother.Id, MotherChat);
        var now = TestSchool.Now.UtcDateTime;
        var invite = new Invite(S.School.Id, PersonKind.Guardian, PetrenkoMother.Id, now, TimeSpan.FromDays(30), null);
        db.AddRange(invite, new ChatLink(S.School.Id, Channel.Viber, ViberMother, ViberMother, PersonKind.Guardian, PetrenkoMother.Id, invite.Id, now));
        db.Consents.Add(new Consent(S.School.Id, S.IvanenkoMother.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, now));
        db.Consents.Add(new Consent(S.School.Id, PetrenkoMother.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, now));
        await db.SaveChangesAsync();
    }

    /// <summary>Types in a Telegram chat; the bot's new messages there until the chat falls quiet.</summary>
    public Task<string> SayAsync(long chat, string text) => ExchangeAsync(chat, () => Telegram.UserSends(chat, chat, text));

    /// <summary>Sends a file in a Telegram chat; the bot's new messages there until the chat falls quiet.</summary>
    public Task<string> SendFileAsync(long chat, string fileName) => ExchangeAsync(chat, () => Telegram.UserSendsDocument(chat, chat, fileName));

    /// <summary>Presses a button by its data on the chat's latest message (forged data too: the fake sends what it is given).</summary>
    public Task<string> PressAsync(long chat, string data) =>
        ExchangeAsync(chat, () => Telegram.UserPresses(chat, chat, data, Telegram.MessagesTo(chat).LastOrDefault()?.MessageId ?? 1));

    /// <summary>Presses a button on the chat's latest message whose answer edits that message in place (settings, ADR 0041): the edited text.</summary>
    public async Task<string> PressEditedAsync(long chat, string data)
    {
        var before = Telegram.EditsTo(chat).Count;
        Telegram.UserPresses(chat, chat, data, Telegram.MessagesTo(chat).LastOrDefault()?.MessageId ?? 1);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Telegram.EditsTo(chat).Count == before)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no edit in chat {chat} after pressing {data}");
            await Task.Delay(50);
        }

        return Telegram.EditsTo(chat)[^1].PlainText;
    }

    /// <summary>The data of the button labelled <paramref name="label"/> on the chat's latest message that has one.</summary>
    public string Button(long chat, string label) =>
        Telegram.MessagesTo(chat).Last(m => m.Keyboard.SelectMany(r => r).Any(b => b.Text == label)).Keyboard.SelectMany(r => r).First(b => b.Text == label).CallbackData!;

    public string ViberButton(string user, string label) =>
        Viber.Viber.MessagesTo(user).Last(m => m.Buttons.Any(b => b.Text == label)).Buttons.First(b => b.Text == label).ActionBody;

    public async Task<string> ViberSayAsync(string user, string text) => await ViberExchangeAsync(user, () => Viber.Viber.UserSendsAsync(user, text, "Оля"));

    public async Task<string> ViberPressAsync(string user, string data) => await ViberExchangeAsync(user, () => Viber.Viber.UserPressesAsync(user, data));

    private async Task<string> ViberExchangeAsync(string user, Func<Task<ViberCallbackPost>> act)
    {
        var before = Viber.Viber.MessagesTo(user).Count;
        var post = await act();
        Assert.Equal(200, post.HttpStatus);
        return string.Join("\n", Viber.Viber.MessagesTo(user).Skip(before).Select(m => m.Text));
    }

    private async Task<string> ExchangeAsync(long chat, Action act)
    {
        var before = Telegram.MessagesTo(chat).Count;
        act();
        await Telegram.WaitForMessagesAsync(chat, before + 1, TimeSpan.FromSeconds(20));
        var count = -1;
        while (count != Telegram.MessagesTo(chat).Count)
        {
            count = Telegram.MessagesTo(chat).Count;
            await Task.Delay(300);
        }

        return string.Join("\n", Telegram.MessagesTo(chat).Skip(before).Select(m => m.PlainText));
    }

    /// <summary>Returns once the outbox sender has sent, held or cancelled everything due by its clock.</summary>
    public Task SettledAsync() =>
        Viber.Service<IEnumerable<IHostedService>>().OfType<OutboxSender>().Single().SettleAsync(TimeSpan.FromSeconds(30));

    /// <summary>Everything the bot sent to anyone, in both messengers: what the privacy assertions read.</summary>
    public IEnumerable<string> TelegramTextsTo(long chat) => Telegram.MessagesTo(chat).Select(m => m.Text + string.Concat(m.Keyboard.SelectMany(r => r).Select(b => b.Text + b.CallbackData)));

    public IEnumerable<string> ViberTextsTo(string user) => Viber.Viber.MessagesTo(user).Select(m => m.Text + m.TrackingData + string.Concat(m.Buttons.Select(b => b.Text + b.ActionBody)));

    public async ValueTask DisposeAsync()
    {
        if (Viber is not null) await Viber.DisposeAsync();
        if (Telegram is not null) await Telegram.DisposeAsync();
        await Database.DisposeAsync();
    }
}
