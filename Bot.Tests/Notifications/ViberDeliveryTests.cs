using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Fakes;
using Bot.Tests.Builders;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Notifications;

/// <summary>
/// Viber as the outbox's second messenger, through the fake Viber and the fake Telegram over real HTTP: the school's
/// "alerts over Viber" rule, the channel a parent linked in both chose in /settings, and Viber's status 6 closing a link.
/// </summary>
public sealed class ViberDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10); // passed by moving the host's clock, not waited out
    private DeliveryHost _h = null!;
    private TestSchool S => _h.S;

    public async Task InitializeAsync() => _h = await DeliveryHost.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>The school's own rules, stored as the panel saves them, with Viber alerts on or off.</summary>
    private async Task SchoolRulesAsync(bool viberAlerts)
    {
        await using var db = _h.Db();
        var rules = NotificationRules.Defaults(S.School.Id, new NotificationDefaults());
        rules.Set(true, MarkAlertRule.All, true, true, true, new TimeOnly(18, 0), null, null, viberAlerts);
        db.NotificationRules.Add(rules);
        await db.SaveChangesAsync();
    }

    private async Task ChooseAsync(Bot.Domain.Roster.Guardian guardian, AlertChannels channels)
    {
        await using var db = _h.Db();
        var prefs = new RecipientPreferences(S.School.Id, PersonKind.Guardian, guardian.Id);
        prefs.SetQuietHours(null, null);
        prefs.SetChannels(channels);
        db.Preferences.Add(prefs);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task ViberLinkedParent_GetsTheAbsenceAlert_AfterTheUndoWindow()
    {
        await _h.StartAsync(viber: true);
        await SchoolRulesAsync(viberAlerts: true);
        var mother = await _h.LinkViberAsync(S.IvanenkoMother, "viber-mother-1");

        await _h.CellAsync(Window, await _h.LessonAsync(Window), "н");
        await _h.SettledAsync();
        Assert.Empty(_h.Viber!.MessagesTo(mother)); // still inside the undo window

        await _h.AdvanceAsync(Window + TimeSpan.FromSeconds(1));
        var alert = Assert.Single(_h.Viber.MessagesTo(mother));
        Assert.Equal("Іваненко Олег: пропуски 20.11\n• 2. Алгебра — н", alert.Text);
        Assert.Equal("Шкільний журнал", alert.SenderName);
        Assert.Contains(await _h.RowsAsync(), x => x.RecipientId == S.IvanenkoMother.Id && x.State == OutboxState.Sent);
        Assert.Empty(_h.Telegram.Messages);
    }

    [Fact]
    public async Task ViberStatus6_ClosesTheLink_AndStopsItsRows()
    {
        await _h.StartAsync(viber: true);
        await SchoolRulesAsync(viberAlerts: true);
        var mother = await _h.LinkViberAsync(S.IvanenkoMother, "viber-mother-2", subscribed: false); // blocked the bot: Viber answers 6
        var now = _h.Host!.Service<TimeProvider>().GetUtcNow().UtcDateTime; // the host's clock has run since it started
        await using (var db = _h.Db())
        {
            for (var i = 0; i < 3; i++)
                db.Outbox.Add(new OutboxMessage(S.School.Id, $"test-viber-gone-{i}", RecipientKind.Guardian, S.IvanenkoMother.Id, NotificationKind.Announcement,
                    $$"""{"text":"Оголошення {{i}}"}""", now.AddSeconds(i), now.AddSeconds(1.5 * i)));
            await db.SaveChangesAsync();
        }

        await _h.WaitForRowsAsync(r => r.All(x => x.State is OutboxState.Dead or OutboxState.Cancelled), "the rows to stop");
        var rows = (await _h.RowsAsync()).OrderBy(r => r.CreatedAtUtc).ToList();
        Assert.Equal(OutboxState.Dead, rows[0].State);
        Assert.Equal("chat gone: not subscribed", rows[0].LastError);
        Assert.All(rows.Skip(1), r => Assert.True(r.State == OutboxState.Cancelled && r.LastError == DeliveryRules.NoChat || r.State == OutboxState.Dead, $"{r.State} {r.LastError}"));
        // The rows due after the link closed are not even tried.
        Assert.Contains(rows, r => r.State == OutboxState.Cancelled && r.LastError == DeliveryRules.NoChat);
        Assert.InRange(_h.Viber!.CallsOf("send_message").Count(c => c.Receiver == mother && c.Status == 6), 1, 2);
        Assert.Empty(_h.Viber.MessagesTo(mother));
        await using var check = _h.Db();
        Assert.False((await check.ChatLinks.SingleAsync(l => l.Channel == Channel.Viber)).IsActive);
    }

    [Fact]
    public async Task ParentLinkedInBoth_GetsTelegramByDefault_AndBothWhenChosen()
    {
        await _h.StartAsync(viber: true);
        await SchoolRulesAsync(viberAlerts: true);
        var motherTg = await _h.LinkAsync(S.IvanenkoMother, 730001);
        var motherViber = await _h.LinkViberAsync(S.IvanenkoMother, "viber-mother-3");
        var fatherTg = await _h.LinkAsync(S.IvanenkoFather, 730002);
        var fatherViber = await _h.LinkViberAsync(S.IvanenkoFather, "viber-father-3");
        await ChooseAsync(S.IvanenkoFather, AlertChannels.Telegram | AlertChannels.Viber);

        await _h.CellAsync(Window, await _h.LessonAsync(Window), "11");
        await _h.AdvanceAsync(Window + TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await _h.RowsAsync()).Count(x => x.State == OutboxState.Sent));

        const string alert = "Іваненко Олег: 11 з алгебри (20.11)";
        Assert.Equal(alert, Assert.Single(_h.Telegram.MessagesTo(motherTg)).PlainText);
        Assert.Empty(_h.Viber!.MessagesTo(motherViber)); // Telegram by default: one channel
        Assert.Equal(alert, Assert.Single(_h.Telegram.MessagesTo(fatherTg)).PlainText);
        Assert.Equal(alert, Assert.Single(_h.Viber.MessagesTo(fatherViber)).Text); // both, as he chose
    }

    [Fact]
    public async Task SchoolWithoutViberAlerts_SendsTelegramOnly_AndNothingToAViberOnlyParent()
    {
        await _h.StartAsync(viber: true);
        await SchoolRulesAsync(viberAlerts: false);
        await _h.LinkViberAsync(S.IvanenkoMother, "viber-mother-4");
        var fatherTg = await _h.LinkAsync(S.IvanenkoFather, 730003);
        await _h.LinkViberAsync(S.IvanenkoFather, "viber-father-4");
        await ChooseAsync(S.IvanenkoFather, AlertChannels.Viber); // he chose Viber, the school does not pay for it

        await _h.CellAsync(Window, await _h.LessonAsync(Window), "9");
        await _h.AdvanceAsync(Window + TimeSpan.FromSeconds(1));
        Assert.All(await _h.RowsAsync(), x => Assert.True(x.State is OutboxState.Sent or OutboxState.Cancelled, $"{x.Kind}: {x.State}"));

        Assert.Empty(_h.Viber!.Messages);
        Assert.Equal("Іваненко Олег: 9 з алгебри (20.11)", Assert.Single(_h.Telegram.MessagesTo(fatherTg)).PlainText);
        var mothers = (await _h.RowsAsync(NotificationKind.MarkAlert)).Single(r => r.RecipientId == S.IvanenkoMother.Id);
        Assert.Equal((OutboxState.Cancelled, NotificationRules.ViberOff), (mothers.State, mothers.LastError));
    }

    [Fact]
    public async Task InstallationDefault_NotificationsViberAlerts_AppliesUntilTheSchoolSavesItsOwn()
    {
        await _h.StartAsync(new Dictionary<string, string?> { ["Notifications:ViberAlerts"] = "true" }, viber: true);
        var mother = await _h.LinkViberAsync(S.IvanenkoMother, "viber-mother-5");
        await using (var db = _h.Db())
        {
            db.Outbox.Add(new OutboxMessage(S.School.Id, "test-viber-default", RecipientKind.Guardian, S.IvanenkoMother.Id, NotificationKind.Announcement,
                """{"text":"Завтра екскурсія."}""", TestSchool.Now.UtcDateTime, TestSchool.Now.UtcDateTime));
            await db.SaveChangesAsync();
        }

        await _h.SettledAsync();
        Assert.Equal("Завтра екскурсія.", Assert.Single(_h.Viber!.MessagesTo(mother)).Text);
    }
}
