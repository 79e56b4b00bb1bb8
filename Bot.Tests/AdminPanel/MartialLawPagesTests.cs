using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The martial-law settings in the panel (docs/rules.md N-12; ADR 0047): the deputy records the teachers' council's decision on
/// *Навчальний рік і дзвінки* — without a number it is refused beside the field and nothing is stored; with it the page says
/// the decision; the student's card marks a displaced student's annual mark from semester II and says so.
/// </summary>
public sealed class MartialLawPagesTests
{
    [Fact]
    public async Task CouncilDecision_AndADisplacedStudentsMark_AreSetByTheDeputy_AndShown()
    {
        await using var app = await PanelApp.StartAsync();
        var s = app.School!;
        var client = await app.SignInAsync("deputy");
        var token = await PanelApp.TokenAsync(client, "/School/Year");
        var refused = await client.PostAsync("/School/Year?handler=Credit", PanelApp.Form(token,
            ("Credit.Date", "2026-11-28"), ("Credit.Number", ""), ("Credit.Grades", "7"), ("Credit.Grades", "8")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Вкажіть номер рішення (протоколу) педагогічної ради.", WebUtility.HtmlDecode(await PanelApp.TextAsync(refused)));
        await using (var db = app.Database.NewContext())
            Assert.Null((await db.SchoolYears.AsNoTracking().SingleAsync(y => y.Id == s.Year.Id)).CreditDecisionDate);

        var saved = await client.PostAsync("/School/Year?handler=Credit", PanelApp.Form(token,
            ("Credit.Date", "2026-11-28"), ("Credit.Number", "5"), ("Credit.Grades", "7"), ("Credit.Grades", "8")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = Regex.Replace(WebUtility.HtmlDecode(await PanelApp.TextAsync(await client.GetAsync("/School/Year"))), @"\s+", " ");
        Assert.Contains("Зараз: рішення педагогічної ради від 28.11.2026 № 5.", page);

        var card = $"/Roster/Student/{s.Newcomer.Id}";
        token = await PanelApp.TokenAsync(client, card);
        var marked = await client.PostAsync($"{card}?handler=AnnualFromSemester2", PanelApp.Form(token,
            ("AnnualFromSemester2.Since", "2027-01-12"), ("AnnualFromSemester2.Note", "ВПО з Бахмута")));
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Contains("річна за ІІ семестр з 12.01.2027: ВПО з Бахмута", Regex.Replace(WebUtility.HtmlDecode(await PanelApp.TextAsync(await client.GetAsync(card))), @"\s+", " "));
    }
}
