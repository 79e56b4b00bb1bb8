using System.Globalization;
using System.Net;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Domain.Talk;
using Bot.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The conversations' school settings and stand-ins in the panel (ADR 0038, 0049): the director switches students'
/// own messages on and off and sets how long conversations are kept — audited, and the bot's own service then accepts or
/// refuses a student's message —; the deputy names a stand-in for 7-А's class teacher on «Повідомлення», sees it listed,
/// and ends it; a wrong range is refused in words and stores nothing.
/// </summary>
public sealed class TalkSettingsPageTests
{
    [Fact]
    public async Task Director_SwitchesStudentsWriting_AndKeepYears_TheBotFollows_AndItIsAudited()
    {
        await using var app = await PanelApp.StartAsync();
        var s = app.School!;
        var director = await app.SignInAsync("director");
        var page = await PanelApp.TextAsync(await director.GetAsync("/Rules"));
        Assert.Contains("Учні можуть самі писати вчителям", page);
        Assert.Contains("Якщо вимкнено, писати класному керівникові й учителям через бот можуть лише батьки.", page);
        Assert.Contains("<option value=\"1\" selected=\"selected\">навчальний рік і ще 1 рік</option>", page);

        var clock = new FakeTimeProvider(TestSchool.Now);
        async Task<Bot.Domain.Result<TalkPosted>> StudentWritesAsync()
        {
            await using var db = app.Database.NewContext();
            var talk = new TalkService(db, new ConsentService(db, new NotificationRulesService(db, new NotificationDefaults(), clock), clock), clock);
            return await talk.FromFamilyAsync(PersonKind.Student, s.Ivanenko.Id, s.Ivanenko.Id, s.ClassTeacher.Id, Channel.Telegram, "Можна перездати контрольну?");
        }

        Assert.Equal(TalkService.StudentsMayNot, (await StudentWritesAsync()).Error);

        var token = await PanelApp.TokenAsync(director, "/Rules");
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostAsync("/Rules?handler=Talk", PanelApp.Form(token, ("StudentsMayWrite", "true"), ("TalkKeepYears", "2")))).StatusCode);
        var after = await PanelApp.TextAsync(await director.GetAsync("/Rules"));
        Assert.Contains("id=\"students-may-write\" name=\"StudentsMayWrite\" value=\"true\" checked=\"checked\"", after);
        Assert.Contains("<option value=\"2\" selected=\"selected\">навчальний рік і ще 2 роки</option>", after);
        Assert.True((await StudentWritesAsync()).IsSuccess);

        // A value out of range is refused in words and changes nothing; switching off refuses the student again.
        var wrong = await PanelApp.TextAsync(await director.PostAsync("/Rules?handler=Talk", PanelApp.Form(token, ("StudentsMayWrite", "true"), ("TalkKeepYears", "9"))));
        Assert.Contains("Зберігати розмови можна від 0 до 5 років після навчального року.", wrong);
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostAsync("/Rules?handler=Talk", PanelApp.Form(token, ("TalkKeepYears", "2")))).StatusCode);
        Assert.Equal(TalkService.StudentsMayNot, (await StudentWritesAsync()).Error);

        await using var check = app.Database.NewContext();
        var school = await check.Schools.SingleAsync();
        Assert.Equal((false, 2), (school.StudentsMayWrite, school.TalkKeepYears));
        Assert.Equal(
            ["учні можуть писати вчителям; розмови зберігаються рік їх початку і ще 2 р.", "учні не можуть писати вчителям; розмови зберігаються рік їх початку і ще 2 р."],
            await check.AuditRecords.Where(a => a.Context == "Правила розмов").OrderBy(a => a.Id).Select(a => a.NewValue!).ToListAsync());
    }

    [Fact]
    public async Task Deputy_NamesAStandInForAClass_SeesItListed_EndsIt_AndAWrongRangeIsRefused()
    {
        await using var app = await PanelApp.StartAsync();
        var s = app.School!;
        var deputy = await app.SignInAsync("deputy");
        var page = await PanelApp.TextAsync(await deputy.GetAsync("/Talk"));
        Assert.Contains("Заміна відсутнього класного керівника", page);
        var token = await PanelApp.TokenAsync(deputy, "/Talk");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Bot.Domain.Schools.SchoolTime.Resolve(s.School.TimeZone)));
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var backwards = await PanelApp.TextAsync(await deputy.PostAsync("/Talk?handler=StandIn", PanelApp.Form(token,
            ("classId", s.Class7A.Id.ToString()), ("staffId", s.OtherTeacher.Id.ToString()), ("from", D(today.AddDays(3))), ("to", D(today)))));
        Assert.Contains("Останній день заміни не може бути раніше за перший.", backwards);

        Assert.Equal(HttpStatusCode.Redirect, (await deputy.PostAsync("/Talk?handler=StandIn", PanelApp.Form(token,
            ("classId", s.Class7A.Id.ToString()), ("staffId", s.OtherTeacher.Id.ToString()), ("from", D(today)), ("to", D(today.AddDays(3)))))).StatusCode);
        var listed = await PanelApp.TextAsync(await deputy.GetAsync("/Talk"));
        Assert.Contains($"<td>7-А</td><td>Шевчук Наталія Олегівна</td><td>Ткаченко Андрій Миколайович</td>", listed);
        Assert.Contains($"{today:dd.MM.yyyy} – {today.AddDays(3):dd.MM.yyyy} (триває)", listed);

        await using (var db = app.Database.NewContext())
        {
            var standIn = await db.ClassTeacherStandIns.SingleAsync();
            Assert.Equal(HttpStatusCode.Redirect, (await deputy.PostAsync("/Talk?handler=EndStandIn", PanelApp.Form(token, ("standInId", standIn.Id.ToString())))).StatusCode);
        }

        Assert.Contains("(завершено)", await PanelApp.TextAsync(await deputy.GetAsync("/Talk")));
        await using var check = app.Database.NewContext();
        Assert.NotNull((await check.ClassTeacherStandIns.SingleAsync()).EndedAtUtc);
        Assert.Equal(["Ткаченко Андрій Миколайович, " + $"{today:dd.MM.yyyy}–{today.AddDays(3):dd.MM.yyyy}", "завершено"],
            await check.AuditRecords.Where(a => a.EntityType == nameof(ClassTeacherStandIn)).OrderBy(a => a.Id).Select(a => a.NewValue!).ToListAsync());
    }
}
