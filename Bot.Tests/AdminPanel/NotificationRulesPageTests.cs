using System.Net;
using Bot.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// "Правила сповіщень": the director saves the school's rules; bad values are refused with Ukrainian messages next to
/// their fields and change nothing; the preview shows what a parent would get under the saved rules.
/// </summary>
public sealed class NotificationRulesPageTests
{
    private static (string, string)[] Fields(string diary = "19:30", string quietFrom = "22:00", string quietTo = "07:00", string undo = "15",
        string marks = "threshold", string threshold = "5", string homework = "false", bool viber = true) =>
    [
        ("Input.AbsenceAlerts", "true"), ("Input.MarkAlerts", marks), ("Input.MarkThreshold", threshold), ("Input.HomeworkNotices", homework),
        ("Input.DailyDiary", "true"), ("Input.Announcements", "true"), ("Input.DiaryTime", diary), ("Input.QuietFrom", quietFrom),
        ("Input.QuietTo", quietTo), ("Input.UndoWindowMinutes", undo), ("Input.ViberAlerts", viber ? "true" : "false"),
    ];

    [Fact]
    public async Task BadValues_AreRefusedNextToTheirFields_AndNothingIsStored()
    {
        await using var app = await PanelApp.StartAsync();
        var director = await app.SignInAsync("director");
        var token = await PanelApp.TokenAsync(director, "/Rules");

        var response = await director.PostAsync("/Rules", PanelApp.Form(token, Fields(diary: "25:00", quietFrom: "21:00", quietTo: "21:00", undo: "0")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PanelApp.TextAsync(response);
        Assert.Contains("Час щоденника: «25:00» — не час доби; вкажіть від 00:00 до 23:59", html);
        Assert.Contains("Тихі години не можуть починатися й закінчуватися о 21:00", html);
        Assert.Contains("Вікно виправлення — від 1 до 60 хвилин.", html);
        Assert.Contains("data-valmsg-for=\"Input.DiaryTime\"", html);

        var oneEnd = await PanelApp.TextAsync(await director.PostAsync("/Rules", PanelApp.Form(token, Fields(quietTo: "", threshold: "12"))));
        Assert.Contains("Тихі години потребують і початку, і кінця", oneEnd);
        Assert.Contains("Поріг — бал від 1 до 11", oneEnd);

        await using var db = app.Database.NewContext();
        Assert.Empty(await db.NotificationRules.ToListAsync());
        Assert.Null((await db.Schools.SingleAsync()).UndoWindow);
    }

    [Fact]
    public async Task Director_EditsTheConsentText_EachEditIsANewVersion_AndSetsTheGradeStudentsGetTheirOwnDiaryFrom()
    {
        await using var app = await PanelApp.StartAsync();
        var director = await app.SignInAsync("director");
        var page = await PanelApp.TextAsync(await director.GetAsync("/Rules"));
        Assert.Contains("Зараз діє типовий текст.", page);
        Assert.Contains("Я даю згоду школі обробляти", page);

        var token = await PanelApp.TokenAsync(director, "/Rules");
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostAsync("/Rules?handler=ConsentText", PanelApp.Form(token, ("ConsentTextInput", "Згода ліцею, редакція 1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostAsync("/Rules?handler=ConsentText", PanelApp.Form(token, ("ConsentTextInput", "Згода ліцею, редакція 1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostAsync("/Rules?handler=ConsentText", PanelApp.Form(token, ("ConsentTextInput", "Згода ліцею, редакція 2")))).StatusCode);
        var empty = await PanelApp.TextAsync(await director.PostAsync("/Rules?handler=ConsentText", PanelApp.Form(token, ("ConsentTextInput", "   "))));
        Assert.Contains("Текст згоди не може бути порожнім.", empty);
        Assert.Contains("Зараз діє версія 2.", await PanelApp.TextAsync(await director.GetAsync("/Rules")));

        Assert.Equal(HttpStatusCode.Redirect, (await director.PostAsync("/Rules", PanelApp.Form(token, [.. Fields(), ("Input.StudentsFromGrade", "7")]))).StatusCode);
        var wrong = await PanelApp.TextAsync(await director.PostAsync("/Rules", PanelApp.Form(token, [.. Fields(), ("Input.StudentsFromGrade", "12")])));
        Assert.Contains("Учням — з якого класу (від 1 до 11)", wrong);

        await using var db = app.Database.NewContext();
        Assert.Equal([(1, "Згода ліцею, редакція 1"), (2, "Згода ліцею, редакція 2")],
            (await db.ConsentTexts.OrderBy(t => t.Version).ToListAsync()).Select(t => (t.Version, t.Text)).ToList());
        Assert.Equal(7, (await db.NotificationRules.SingleAsync()).StudentsFromGrade);
    }

    [Fact]
    public async Task Director_SavesTheRules_TheyAreStored_AndThePreviewFollowsThem()
    {
        await using var app = await PanelApp.StartAsync();
        var director = await app.SignInAsync("director");
        var before = await PanelApp.TextAsync(await director.GetAsync("/Rules"));
        Assert.Contains("Діють типові правила, задані під час встановлення", before);
        Assert.Contains("Кожна оцінка — через 10 хв", before);
        Assert.Contains(": 10 з алгебри", before);
        Assert.Contains(": домашнє завдання з алгебри", before);

        var token = await PanelApp.TokenAsync(director, "/Rules");
        var saved = await director.PostAsync("/Rules", PanelApp.Form(token, Fields()));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await using (var db = app.Database.NewContext())
        {
            var rules = await db.NotificationRules.SingleAsync();
            Assert.Equal((new TimeOnly(19, 30), new TimeOnly(22, 0), new TimeOnly(7, 0)), (rules.DiaryTime, rules.QuietFrom!.Value, rules.QuietTo!.Value));
            Assert.Equal(new MarkAlertRule(false, 5), rules.MarkAlerts);
            Assert.False(rules.HomeworkNotices);
            Assert.True(rules.ViberAlerts);
            Assert.Equal(TimeSpan.FromMinutes(15), (await db.Schools.SingleAsync()).UndoWindow);
            var audit = await db.AuditRecords.SingleAsync(a => a.EntityType == nameof(NotificationRules));
            Assert.Contains("Гребенюк", audit.ActorName);
            Assert.Contains("оцінки: усі", audit.OldValue);
            Assert.Contains("вікно виправлення: 10 хв", audit.OldValue);
            Assert.Contains("оцінки: ≤5; д/з: у щоденнику; щоденник: 19:30; тиша: 22:00–07:00", audit.NewValue);
            Assert.Contains("вікно виправлення: 15 хв", audit.NewValue);
        }

        var after = await PanelApp.TextAsync(await director.GetAsync("/Rules"));
        Assert.Contains("Школа встановила власні правила", after);
        Assert.Contains("Оцінки 5 балів і нижче — через 15 хв; вищі — лише у щоденнику", after);
        Assert.Contains(": 5 з алгебри", after);
        Assert.Contains("Домашні завдання — лише у вечірньому щоденнику.", after);
        Assert.Contains("Вечірній щоденник — щодня о 19:30", after);
        Assert.Contains("з 22:00 до 07:00 (тихі години)", after);
        Assert.Contains("value=\"19:30\"", after);
    }

    [Fact]
    public async Task Deputy_MayNotChangeTheRules()
    {
        await using var app = await PanelApp.StartAsync();
        var deputy = await app.SignInAsync("deputy");
        var token = await PanelApp.TokenAsync(deputy, "/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.Forbidden, (await deputy.PostAsync("/Rules", PanelApp.Form(token, Fields()))).StatusCode);
        await using var db = app.Database.NewContext();
        Assert.Empty(await db.NotificationRules.ToListAsync());
    }
}
