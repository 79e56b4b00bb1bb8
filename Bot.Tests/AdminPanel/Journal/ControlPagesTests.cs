using System.Net;
using Bot.Domain.Journal;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel.Journal;

/// <summary>The audit page's chain verdict, the class teacher's logs (J-11, J-12) and the fill-in monitoring, over HTTP.</summary>
public sealed class ControlPagesTests
{
    /// <summary>
    /// ADR 0037 decision 4: the audit page and the first page show the stored verdict of the last check and never verify
    /// on a view — a mark changed in the database is not seen until a check runs; the director's button runs one, and
    /// then both pages name the mark, and the audit page the edited record.
    /// </summary>
    [Fact]
    public async Task AuditPages_ShowTheStoredVerdict_WithoutVerifying_AndTheDirectorsCheckNamesADirectUpdate()
    {
        var (app, _) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        var deputy = await app.SignInAsync("deputy");
        var html = await PanelApp.TextAsync(await deputy.GetAsync("/Audit"));
        Assert.Contains("Остання перевірка: ще не перевірявся", html);
        Assert.DoesNotContain("Перевірити зараз", html); // the director's

        var director = await app.SignInAsync("director");
        var token = await PanelApp.TokenAsync(director, "/Audit");
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostAsync("/Audit?handler=Verify", PanelApp.Form(token))).StatusCode);
        Assert.Contains("Остання перевірка: 20.11.2026 10:00 — цілісний", await PanelApp.TextAsync(await deputy.GetAsync("/Audit")));
        Assert.Contains("Остання перевірка: 20.11.2026 10:00 — цілісний", await PanelApp.TextAsync(await director.GetAsync("/Overview")));
        Assert.Contains("Остання перевірка: 20.11.2026 10:00 — цілісний", await PanelApp.TextAsync(await director.GetAsync("/Today")));
        Assert.Equal(HttpStatusCode.Forbidden, (await deputy.PostAsync("/Audit?handler=Verify", PanelApp.Form(await PanelApp.TokenAsync(deputy, "/Audit")))).StatusCode);

        // Changed in the database: the views still show the stored verdict (they read it; they do not verify).
        await using (var db = app.Database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Marks" SET "Value" = '12' WHERE "StudentId" = {0} AND "Value" = '9'""", s.Ivanenko.Id);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditRecords" SET "Reason" = 'переписано' WHERE "Sequence" = 3""");
        }

        Assert.Contains("— цілісний", await PanelApp.TextAsync(await deputy.GetAsync("/Audit")));
        Assert.Contains("— цілісний", await PanelApp.TextAsync(await director.GetAsync("/Overview")));
        Assert.Contains("— цілісний", await PanelApp.TextAsync(await director.GetAsync("/Today")));

        Assert.Equal(HttpStatusCode.Redirect, (await director.PostAsync("/Audit?handler=Verify", PanelApp.Form(token))).StatusCode);
        html = await PanelApp.TextAsync(await deputy.GetAsync("/Audit"));
        Assert.Contains("Остання перевірка: 20.11.2026 10:00 — порушено: Запис №3 змінено після того, як його було зроблено.", html);
        var mark = $"7-А, Іваненко Олег, Алгебра, урок 2 16.11.2026: у журналі змін оцінка «9»";
        Assert.Contains(mark, html);
        Assert.Contains("а в таблиці — «12»: змінено поза програмою.", html);
        Assert.Contains("class=\"table-danger\"", html);
        var first = await PanelApp.TextAsync(await director.GetAsync("/Overview"));
        Assert.Contains("— порушено: Запис №3 змінено після того, як його було зроблено.", first);
        Assert.Contains(mark, first);
        Assert.Contains("— порушено: Запис №3 змінено після того, як його було зроблено.", await PanelApp.TextAsync(await director.GetAsync("/Today")));
    }

    /// <summary>The filters read the records' class and student columns: a namesake in another class is not this student.</summary>
    [Fact]
    public async Task AuditPage_FiltersByClassAndStudent_OnTheRecordsColumns_NotOnTheirText()
    {
        var (app, clock) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        await using (var db = app.Database.NewContext())
        {
            var namesake = new Bot.Domain.Roster.Student(s.School.Id, "Іваненко", "Олег");
            db.AddRange(namesake, new Bot.Domain.Roster.Enrolment(s.School.Id, namesake.Id, s.Class11A.Id, s.Year.Semester1Start, 0, false));
            await db.SaveChangesAsync();
            var journal = new JournalService(db, clock, new JournalSettings());
            var lesson = (await journal.RecordLessonAsync(Actor.System(), new LessonInput(s.Class11A.Id, s.Algebra.Id, null, JournalPanel.Wednesday, 3, "Функції"), false))
                .GetValueOrThrow();
            (await journal.SetCellAsync(Actor.System(), new CellInput(namesake.Id, s.Class11A.Id, s.Algebra.Id, Bot.Domain.Grading.MarkColumn.Current, "5", lesson.Id)))
                .GetValueOrThrow();
        }

        var deputy = await app.SignInAsync("deputy");
        var byStudent = await PanelApp.TextAsync(await deputy.GetAsync($"/Audit?ClassId={s.Class7A.Id}&StudentId={s.Ivanenko.Id}"));
        Assert.Contains("7-А · Алгебра · Іваненко Олег · 16.11.2026, урок 2", byStudent);
        Assert.Contains("7-А · Алгебра · Іваненко Олег · 18.11.2026, урок 2", byStudent);
        Assert.DoesNotContain("11-А · Алгебра · Іваненко Олег", byStudent);
        Assert.DoesNotContain("· Петренко Марія ·", byStudent);

        var byClass = await PanelApp.TextAsync(await deputy.GetAsync($"/Audit?ClassId={s.Class11A.Id}"));
        Assert.Contains("11-А · Алгебра · Іваненко Олег · 18.11.2026, урок 3", byClass);
        Assert.DoesNotContain("7-А · Алгебра", byClass);
    }

    [Fact]
    public async Task ClassTeacher_LogsABriefing_WithTheAbsentOnTheDay_AndAnExcursion()
    {
        var (app, _) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        var client = await app.SignInAsync("classteacher");
        var url = $"/ClassTeacher/{s.Class7A.Id}";
        var token = await PanelApp.TokenAsync(client, url);
        // Absent students without the day it was held with them: refused, next to the field.
        var missing = await client.PostAsync(url + "?handler=Briefing", PanelApp.Form(token, ("Briefing.Kind", "Introductory"), ("Briefing.Topic", "Правила поведінки в школі"),
            ("Briefing.Date", "2026-11-16"), ("Briefing.Absent", s.Petrenko.Id.ToString())));
        Assert.Contains("Вкажіть, коли інструктаж провели з відсутніми.", await PanelApp.TextAsync(missing));
        var ok = await client.PostAsync(url + "?handler=Briefing", PanelApp.Form(token, ("Briefing.Kind", "Introductory"), ("Briefing.Topic", "Правила поведінки в школі"),
            ("Briefing.Date", "2026-11-16"), ("Briefing.Absent", s.Petrenko.Id.ToString()), ("Briefing.HeldLater", "2026-11-18")));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var excursion = await client.PostAsync(url + "?handler=Excursion", PanelApp.Form(token, ("Excursion.Date", "2026-11-19"), ("Excursion.Form", "екскурсія"),
            ("Excursion.Topic", "Музей історії міста"), ("Excursion.TeacherId", s.ClassTeacher.Id.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, excursion.StatusCode);

        var html = await PanelApp.TextAsync(await client.GetAsync(url + "?period=2026-11"));
        Assert.Contains("н (проведено 18.11.2026)", html);
        Assert.Contains("Музей історії міста", html);
        Assert.Contains("Облік відвідування: листопад 2026", html);
        await using var db = app.Database.NewContext();
        Assert.Equal(4, await db.SafetyBriefings.CountAsync()); // the four students on the list that day
        // Another class is not theirs.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/ClassTeacher/{s.Class3A.Id}")).StatusCode);
    }

    /// <summary>ADR 0035: the class teacher sees who has not consented (nothing is sent to them) and parents' absence reports.</summary>
    [Fact]
    public async Task ClassTeacher_SeesWhoHasNotConsented_AndTheParentsAbsenceReports()
    {
        var (app, _) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        await using (var db = app.Database.NewContext())
        {
            db.Consents.Add(Bot.Domain.Roster.Consent.InChat(s.School.Id, s.IvanenkoMother.Id, new DateOnly(2026, 11, 2), DateTime.UtcNow, Bot.Domain.Audit.Channel.Telegram, 0));
            db.Add(new Bot.Domain.Attendance.AbsenceNotice(s.School.Id, s.Ivanenko.Id, s.IvanenkoMother.Id, s.IvanenkoMother.FullName, JournalPanel.Wednesday,
                "Температура", Bot.Domain.Audit.Channel.Telegram, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var client = await app.SignInAsync("classteacher");
        var html = await PanelApp.TextAsync(await client.GetAsync($"/ClassTeacher/{s.Class7A.Id}"));
        Assert.Contains("Без чинної згоди: 1 з ", html);
        Assert.Contains("надано 02.11.2026 у чаті (Telegram)", html);
        Assert.Contains("«Температура»", html);
    }

    [Fact]
    public async Task Monitoring_CountsLessonsWithoutTopics_LateMarks_AndClassesWithoutMarksThisWeek()
    {
        var (app, clock) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        await using (var db = app.Database.NewContext())
        {
            var journal = new JournalService(db, clock, new JournalSettings());
            (await journal.RecordLessonAsync(Actor.System(), new LessonInput(s.Class7A.Id, s.Algebra.Id, null, new DateOnly(2026, 11, 20), 2, null), false)).GetValueOrThrow();
            var early = (await journal.RecordLessonAsync(Actor.System(), new LessonInput(s.Class7A.Id, s.Algebra.Id, null, new DateOnly(2026, 11, 6), 2, "Степінь"), false)).GetValueOrThrow();
            // A mark for 6 November entered today, 14 days later: beyond M-2's 10 days (only a deputy, with a reason, may).
            (await journal.SetCellAsync(s.As(s.Deputy), new CellInput(s.Sydorenko.Id, s.Class7A.Id, s.Algebra.Id, Bot.Domain.Grading.MarkColumn.Current, "6", early.Id, Reason: "Перенесено з паперу"))).GetValueOrThrow();
        }

        var html = await PanelApp.TextAsync(await (await app.SignInAsync("deputy")).GetAsync("/Journal/Monitoring"));
        var silent = html[html.IndexOf("id=\"silent-classes\"", StringComparison.Ordinal)..];
        Assert.Contains("Класи без жодної оцінки цього тижня (з 16.11): <strong>1-А, 3-А, 11-А</strong>", silent[..silent.IndexOf("</div>", StringComparison.Ordinal)]);
        var row = html[html.IndexOf(">Алгебра</a>", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        // 4 lessons, 1 without a topic; 4 marks entered after their lesson's day (the page's history was written today), 1 beyond 10 days.
        Assert.Equal(["4", "1", "4", "1", "20.11"], System.Text.RegularExpressions.Regex.Matches(row, "<td[^>]*>([^<]*)</td>").Select(m => m.Groups[1].Value).ToList());
    }
}
