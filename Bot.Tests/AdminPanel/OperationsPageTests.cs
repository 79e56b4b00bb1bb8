using System.Net;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The operations page: the outbox by state with reasons, attempts and next attempt, filtered by state and kind;
/// a dead row retried (audited as the director's action); links by messenger with the closed ones and why; the jobs
/// dashboard and, in Development over the demo school alone, the bot preview. The panel runs without the outbox sender (`Host:Roles=admin`), so
/// the rows stay as the test leaves them.
/// </summary>
public sealed class OperationsPageTests
{
    internal static Task<PanelApp> StartAsync(string environment = "Production", bool kestrel = false) => PanelApp.StartAsync(b =>
    {
        b.UseSetting("Host:Roles", "admin");
        b.UseEnvironment(environment);
    }, kestrel);

    /// <summary>A dead mark alert to Олег's mother (she blocked the bot), a held diary, a pending absence alert; her closed Telegram link and the father's Viber one.</summary>
    internal static async Task<(OutboxMessage Dead, OutboxMessage Held, OutboxMessage Pending)> SeedAsync(PanelApp app)
    {
        var s = app.School!;
        var now = DateTime.UtcNow;
        await using var db = app.Database.NewContext();
        var dead = new OutboxMessage(s.School.Id, "test:dead", RecipientKind.Guardian, s.IvanenkoMother.Id, NotificationKind.MarkAlert, "{}", now.AddHours(-3), now.AddHours(-3));
        for (var i = 0; i < 4; i++) dead.MarkFailed("HTTP 502 Bad Gateway", now.AddHours(-2), 5);
        dead.MarkDead("Forbidden: bot was blocked by the user");
        var held = new OutboxMessage(s.School.Id, "test:held", RecipientKind.Guardian, s.IvanenkoFather.Id, NotificationKind.DailyDiary, "{}", now, now);
        held.Hold(now.AddHours(9), "тихі години до 07:00");
        var pending = new OutboxMessage(s.School.Id, "test:pending", RecipientKind.Guardian, s.IvanenkoFather.Id, NotificationKind.AbsenceAlert, "{}", now, now.AddMinutes(10));
        var invite = new Invite(s.School.Id, PersonKind.Guardian, s.IvanenkoMother.Id, now.AddDays(-5), TimeSpan.FromDays(30), null);
        var blocked = new ChatLink(s.School.Id, Channel.Telegram, "5551", "5551", PersonKind.Guardian, s.IvanenkoMother.Id, invite.Id, now.AddDays(-4));
        blocked.Deactivate("blocked", now.AddHours(-1));
        var viber = new ChatLink(s.School.Id, Channel.Viber, "v-77", "v-77", PersonKind.Guardian, s.IvanenkoFather.Id, invite.Id, now.AddDays(-3));
        db.AddRange(dead, held, pending, invite, blocked, viber);
        await db.SaveChangesAsync();
        return (dead, held, pending);
    }

    [Fact]
    public async Task Director_SeesTheOutboxByState_WithReasons_FiltersIt_AndTheLinksByMessenger()
    {
        await using var app = await StartAsync();
        await SeedAsync(app);
        var client = await app.SignInAsync("director");
        var html = await PanelApp.TextAsync(await client.GetAsync("/Operations"));
        // The reason in Ukrainian, with the messenger's own answer under it.
        Assert.Matches(@"<span class=""reason"">користувач заблокував бота</span>\s*<div class=""text-secondary reason-technical"">Forbidden: bot was blocked by the user</div>", html);
        Assert.Contains("тихі години до 07:00", html);
        Assert.Contains("Іваненко Галина", html);
        Assert.Matches(@"data-state=""Dead""[^>]*>\s*відмовлено <span class=""badge [^""]+"">1</span>", html);
        Assert.Matches(@"data-state=""Held""[^>]*>\s*притримані <span class=""badge [^""]+"">1</span>", html);
        Assert.Matches(@"data-channel=""Telegram"">\s*<td>Telegram</td><td>0</td><td>0</td><td>0</td><td class=""fw-semibold"">0</td>", html);
        Assert.Matches(@"data-channel=""Viber"">\s*<td>Viber</td><td>1</td>", html);
        Assert.Contains("заблокував бота: 1", html);
        Assert.Contains("href=\"/jobs\"", html);
        Assert.DoesNotContain("id=\"preview-link\"", html); // Production: no preview

        var dead = await PanelApp.TextAsync(await client.GetAsync("/Operations?state=Dead"));
        Assert.Contains("Forbidden: bot was blocked by the user", dead);
        Assert.DoesNotContain("тихі години", dead);
        var absences = await PanelApp.TextAsync(await client.GetAsync("/Operations?kind=AbsenceAlert"));
        Assert.Contains("відсутність", absences);
        Assert.DoesNotContain("Forbidden: bot was blocked", absences);
        Assert.Contains("Немає повідомлень за цим відбором", await PanelApp.TextAsync(await client.GetAsync("/Operations?state=Sending")));
    }

    /// <summary>ADR 0038: the director sees how many conversations there are and how long the oldest unanswered one waits, never their text.</summary>
    [Fact]
    public async Task Director_SeesTheConversationsCountsAndTheOldestWait_NotTheirText()
    {
        await using var app = await StartAsync();
        var s = app.School!;
        var now = DateTime.UtcNow;
        await using (var db = app.Database.NewContext())
        {
            var waiting = new Bot.Domain.Talk.TalkThread(s.School.Id, s.Year.Id, s.Ivanenko.Id, PersonKind.Guardian, s.IvanenkoMother.Id, s.ClassTeacher.Id, Channel.Telegram, now.AddHours(-5));
            var answered = new Bot.Domain.Talk.TalkThread(s.School.Id, s.Year.Id, s.Ivanenko.Id, PersonKind.Guardian, s.IvanenkoFather.Id, s.AlgebraTeacher.Id, Channel.Viber, now.AddDays(-1));
            db.AddRange(waiting, answered);
            db.Add(new Bot.Domain.Talk.TalkMessage(s.School.Id, waiting.Id, false, s.IvanenkoMother.Id, "Таємне питання мами", now.AddHours(-5), now.AddHours(-5)));
            db.Add(new Bot.Domain.Talk.TalkMessage(s.School.Id, answered.Id, true, s.AlgebraTeacher.Id, "Таємна відповідь", now.AddHours(-20), now.AddHours(-20)));
            await db.SaveChangesAsync();
            await db.TalkThreads.Where(t => t.Id == waiting.Id).ExecuteUpdateAsync(x => x.SetProperty(t => t.UnansweredSinceUtc, now.AddHours(-5)));
        }

        var html = await PanelApp.TextAsync(await (await app.SignInAsync("director")).GetAsync("/Operations"));
        Assert.Contains("data-talk=\"threads\">2</span>", html);
        Assert.Contains("data-talk=\"unanswered\">1</span>", html);
        Assert.Contains("data-talk=\"oldest\">5 год</span>", html);
        Assert.DoesNotContain("Таємн", html);
    }

    [Fact]
    public async Task RetryingADeadRow_MakesItDueNowWithFreshAttempts_AndIsAuditedAsTheDirectors()
    {
        await using var app = await StartAsync();
        var (dead, held, _) = await SeedAsync(app);
        var client = await app.SignInAsync("director");
        var token = await PanelApp.TokenAsync(client, "/Operations");
        var before = DateTime.UtcNow;
        var retried = await client.PostAsync($"/Operations?handler=Retry&rowId={dead.Id}", PanelApp.Form(token));
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Contains("Повідомлення знову в черзі", await PanelApp.TextAsync(await client.GetAsync(retried.Headers.Location!.OriginalString)));

        await using (var db = app.Database.NewContext())
        {
            var row = await db.Outbox.SingleAsync(o => o.Id == dead.Id);
            Assert.Equal((OutboxState.Pending, 0, (string?)null), (row.State, row.Attempts, row.LastError));
            Assert.InRange(row.NotBeforeUtc, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
            var audit = await db.AuditRecords.SingleAsync(a => a.EntityId == dead.Id);
            Assert.Equal((app.Director!.Id, Channel.Web, AuditAction.Changed), (audit.ActorId, audit.Channel, audit.Action));
            Assert.Equal("відмовлено: користувач заблокував бота (спроб: 5)", audit.OldValue);
        }

        // A row that is not dead stays as it is, and the page says why.
        var refused = await client.PostAsync($"/Operations?handler=Retry&rowId={held.Id}", PanelApp.Form(token));
        Assert.Contains("Повторити можна лише повідомлення, від якого відмовились", await PanelApp.TextAsync(await client.GetAsync(refused.Headers.Location!.OriginalString)));
        await using var check = app.Database.NewContext();
        Assert.Equal(OutboxState.Held, (await check.Outbox.SingleAsync(o => o.Id == held.Id)).State);
        Assert.False(await check.AuditRecords.AnyAsync(a => a.EntityId == held.Id));
    }

    [Fact]
    public async Task Deputy_IsRefused_AndInDevelopmentThePageLinksToTheBotPreview()
    {
        await using (var app = await StartAsync())
        {
            var (dead, _, _) = await SeedAsync(app);
            var deputy = await app.SignInAsync("deputy");
            Assert.Equal(HttpStatusCode.Forbidden, (await deputy.GetAsync("/Operations")).StatusCode);
            var token = await PanelApp.TokenAsync(deputy, "/Account/ChangePassword");
            Assert.Equal(HttpStatusCode.Forbidden, (await deputy.PostAsync($"/Operations?handler=Retry&rowId={dead.Id}", PanelApp.Form(token))).StatusCode);
            await using var db = app.Database.NewContext();
            Assert.Equal(OutboxState.Dead, (await db.Outbox.SingleAsync(o => o.Id == dead.Id)).State);
        }

        // Development over a real school (the test school is not the demo school): no preview, and the log says why.
        await using var development = await StartAsync("Development");
        var director = await development.SignInAsync("director");
        Assert.DoesNotContain("href=\"/preview/\"", await PanelApp.TextAsync(await director.GetAsync("/Operations")));
        Assert.Contains(development.Log.Lines, l => l.StartsWith("Bot preview is off: the database holds 1 school(s) that are not the demo school", StringComparison.Ordinal));
    }
}
