using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Timetable;
using Bot.Tests.AdminPanel.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

using static GridBrowser;

/// <summary>
/// The panel opens on today, in Debian's Chromium over the test school on Friday 20 November 2026, 10:00 in
/// Kyiv. The algebra teacher's timetable: 7-А algebra on Monday, Wednesday (both recorded), Thursday 3rd (not recorded)
/// and Friday 2nd (recorded today: a topic, a roll call with one absent, a mark); 11-А geometry on Friday 4th (not
/// recorded); and today she stands in for the English teacher's group lesson (3rd). The director sees the school's day:
/// those lessons not recorded by teacher, 7-А's absent student, a remark waiting for its answer, a 3-А lesson with no
/// teacher and a cancelled 1-А lesson, the outbox's waiting and dead rows and a family whose chat is closed.
/// </summary>
public sealed class TodayInTheBrowserTests
{
    private static readonly DateOnly Thursday = new(2026, 11, 19);
    private static readonly DateOnly Friday = new(2026, 11, 20);

    private static async Task<(PanelApp App, Guid TodayLesson)> StartAsync()
    {
        var (app, clock) = await JournalPanel.StartAsync(kestrel: true);
        var s = app.School!;
        var id = s.School.Id;
        await using var db = app.Database.NewContext();
        db.AddRange(
            new TimetableEntry(id, s.Class7A.Id, s.Algebra.Id, DayOfWeek.Monday, 2, s.AlgebraTeacher.Id, validFrom: JournalPanel.Monday),
            new TimetableEntry(id, s.Class7A.Id, s.Algebra.Id, DayOfWeek.Wednesday, 2, s.AlgebraTeacher.Id, validFrom: JournalPanel.Monday),
            new TimetableEntry(id, s.Class7A.Id, s.Algebra.Id, DayOfWeek.Thursday, 3, s.AlgebraTeacher.Id, validFrom: JournalPanel.Monday),
            new TimetableEntry(id, s.Class11A.Id, s.Geometry.Id, DayOfWeek.Friday, 4, s.AlgebraTeacher.Id, validFrom: JournalPanel.Monday),
            new TimetableEntry(id, s.Class7A.Id, s.English.Id, DayOfWeek.Friday, 3, s.EnglishTeacher.Id, s.EnglishGroup1.Id, JournalPanel.Monday),
            new TimetableEntry(id, s.Class3A.Id, s.Reading.Id, DayOfWeek.Friday, 1, null, validFrom: JournalPanel.Monday),
            new TimetableEntry(id, s.Class1A.Id, s.Reading.Id, DayOfWeek.Friday, 2, s.OtherTeacher.Id, validFrom: JournalPanel.Monday));
        var now = clock.GetUtcNow().UtcDateTime;
        db.AddRange(
            DayChange.Substitution(id, s.Class7A.Id, Friday, 3, s.English.Id, s.EnglishGroup1.Id, s.AlgebraTeacher.Id, null, now, null),
            DayChange.Cancellation(id, s.Class1A.Id, Friday, 2, s.Reading.Id, null, null, now, "екскурсія"));
        db.Add(new Remark(id, s.Class7A.Id, s.Algebra.Id, s.Deputy.Id, new DateOnly(2026, 11, 18), "Не записано домашнє завдання за 16.11", s.AlgebraTeacher.Id));
        var waiting = new OutboxMessage(id, "today-test-waiting", RecipientKind.Guardian, s.IvanenkoFather.Id, NotificationKind.MarkAlert, "{}", now, now);
        var dead = new OutboxMessage(id, "today-test-dead", RecipientKind.Guardian, s.IvanenkoMother.Id, NotificationKind.MarkAlert, "{}", now, now);
        dead.MarkDead("403 Forbidden: bot was blocked by the user");
        var invite = new Invite(id, PersonKind.Guardian, s.IvanenkoMother.Id, now, TimeSpan.FromDays(1), null);
        var closed = new ChatLink(id, Channel.Telegram, "5551", "5551", PersonKind.Guardian, s.IvanenkoMother.Id, invite.Id, now.AddDays(-10));
        closed.Deactivate("blocked", now.AddDays(-1));
        db.AddRange(waiting, dead, invite, closed);
        await db.SaveChangesAsync();

        // Today's 7-А algebra: recorded with its topic, the roll call (Petrenko absent) and one mark.
        var journal = new JournalService(db, clock, new JournalSettings());
        var system = Actor.System();
        var lesson = (await journal.RecordLessonAsync(system, new LessonInput(s.Class7A.Id, s.Algebra.Id, null, Friday, 2, "Формули скороченого множення"), false)).GetValueOrThrow();
        (await journal.TakeRollCallAsync(system, lesson.Id, [Cell(s.Petrenko.Id, "н")])).GetValueOrThrow();
        (await journal.SetCellsAsync(system, [Cell(s.Sydorenko.Id, "10")], false)).GetValueOrThrow();
        return (app, lesson.Id);

        CellInput Cell(Guid student, string text) => new(student, s.Class7A.Id, s.Algebra.Id, MarkColumn.Current, text, lesson.Id);
    }

    private static BrowserNewPageOptions Phone() => new()
    {
        IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 400, Height = 860 }, IsMobile = true, HasTouch = true,
    };

    [Fact]
    public async Task Teacher_LandsOnToday_SeesWhatIsRecorded_AndTheUnrecordedLesson_ThenKeepsTheGridWithTheKeyboard()
    {
        var (app, todayLesson) = await StartAsync();
        await using var _app = app;
        var s = app.School!;
        await using var session = await BrowserSession.StartAsync();
        var page = await SignInAsync(session, app, "teacher");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Today$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Сьогодні", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#today-date")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Ліцей № 1 \\(тест\\) · п.ятниця, 20 листопада"));
        var lessons = page.Locator("#my-lessons .list-group-item");
        await Assertions.Expect(lessons).ToHaveCountAsync(3);
        var algebra = lessons.Nth(0);
        await Assertions.Expect(algebra).ToContainTextAsync("2 урок");
        await Assertions.Expect(algebra).ToContainTextAsync("7-А · Алгебра");
        await Assertions.Expect(algebra).ToContainTextAsync("тема: Формули скороченого множення");
        await Assertions.Expect(algebra).ToContainTextAsync("перекличка: відсутні 1");
        await Assertions.Expect(algebra).ToContainTextAsync("оцінок: 1");
        var english = lessons.Nth(1);
        await Assertions.Expect(english).ToContainTextAsync("7-А · Англійська мова (I група)");
        await Assertions.Expect(english).ToContainTextAsync("заміна; за розкладом — Мельник О. І.");
        await Assertions.Expect(english).ToContainTextAsync("урок ще не записано");
        await Assertions.Expect(english).ToContainTextAsync("заміну записують у чаті з ботом"); // not her page: no grid link
        var geometry = lessons.Nth(2);
        await Assertions.Expect(geometry).ToContainTextAsync("4 урок");
        await Assertions.Expect(geometry).ToContainTextAsync("11-А · Геометрія");
        await Assertions.Expect(geometry).ToContainTextAsync("урок ще не записано");
        // The week's lessons held by the timetable with no record (J-7), latest first: Thursday's, and last Friday's (the
        // Friday lesson is the only one of the timetable before 16.11); Monday's and Wednesday's have theirs.
        var unrecorded = page.Locator("#unrecorded li");
        await Assertions.Expect(unrecorded).ToHaveCountAsync(2);
        await Assertions.Expect(unrecorded.Nth(0)).ToContainTextAsync("19.11 (четвер), 3 урок — 7-А · Алгебра");
        await Assertions.Expect(unrecorded.Nth(1)).ToContainTextAsync(new System.Text.RegularExpressions.Regex("13\\.11 \\(п.ятниця\\), 2 урок —\\s+7-А · Алгебра"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("today-01-teacher.png"), FullPage = true });

        // "записати" opens the grid with the lesson form set to that lesson.
        await unrecorded.Nth(0).GetByRole(AriaRole.Link, new() { Name = "записати" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "7-А · Алгебра" }).WaitForAsync();
        Assert.Equal("2026-11-19", await page.Locator("#Lesson_Date").InputValueAsync());
        Assert.Equal("3", await page.Locator("#Lesson_Slot").InputValueAsync());

        // Today's lesson opens its grid at today's column, its first student's cell focused.
        await page.GoBackAsync();
        await algebra.GetByRole(AriaRole.Link, new() { Name = "Відкрити в журналі" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "7-А · Алгебра" }).WaitForAsync();
        await Assertions.Expect(page.Locator("thead th.focus-col")).ToHaveAttributeAsync("data-lesson", todayLesson.ToString());
        var today = await page.Locator("thead th[data-col]").EvaluateAllAsync<int>("(hs, id) => hs.findIndex(h => h.dataset.lesson === id)", todayLesson.ToString());
        Assert.True(today >= 2);
        await Assertions.Expect(Cell(page, s.Ivanenko.Id, today)).ToBeFocusedAsync();
        Assert.Equal("", await Cell(page, s.Ivanenko.Id, today).InputValueAsync());

        // Typing on the focused cell writes there; Enter saves and goes down to the next student.
        await page.Keyboard.TypeAsync("9");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Cell(page, s.Petrenko.Id, today)).ToBeFocusedAsync();
        await SavedAsync(page);
        await Assertions.Expect(page.Locator("#grid-status")).ToContainTextAsync("Збережено: 9.");
        // Esc puts back what is saved and sends nothing.
        await page.Keyboard.TypeAsync("5");
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal("н", await Cell(page, s.Petrenko.Id, today).InputValueAsync());
        await Assertions.Expect(Cell(page, s.Petrenko.Id, today)).ToBeFocusedAsync();
        // Arrows: down, up, left to Wednesday's column; Tab goes right again.
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(Cell(page, s.Sydorenko.Id, today)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(Cell(page, s.Petrenko.Id, today)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(Cell(page, s.Petrenko.Id, today - 1)).ToBeFocusedAsync();
        Assert.Equal("н", await Cell(page, s.Petrenko.Id, today - 1).InputValueAsync());
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(Cell(page, s.Petrenko.Id, today)).ToBeFocusedAsync();
        await SavedAsync(page);
        await using (var db = app.Database.NewContext())
        {
            Assert.Equal(9, (await db.Marks.SingleAsync(m => m.StudentId == s.Ivanenko.Id && m.LessonId == todayLesson)).Value.Points);
            Assert.False(await db.Marks.AnyAsync(m => m.StudentId == s.Petrenko.Id && m.LessonId == todayLesson));
            Assert.True(await db.Absences.AnyAsync(a => a.StudentId == s.Petrenko.Id && a.LessonId == todayLesson));
        }

        await page.ReloadAsync();
        Assert.Equal("9", await Cell(page, s.Ivanenko.Id, today).InputValueAsync());

        // A timetable cell leads to its lesson's column.
        await (await BrowserSession.OpenNavAsync(page, "Розклад")).ClickAsync();
        await page.Locator("td[data-day='2026-11-20'][data-number='2'] a.lesson-link").ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "7-А · Алгебра" }).WaitForAsync();
        await Assertions.Expect(page.Locator("thead th.focus-col")).ToHaveAttributeAsync("data-lesson", todayLesson.ToString());

        // At 400 px: the page and the grid, today's column in view beside the names.
        var phone = await SignInAsync(session, app, "teacher", Phone());
        await Assertions.Expect(phone.Locator("#my-lessons .list-group-item")).ToHaveCountAsync(3);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("today-02-teacher-400.png"), FullPage = true });
        await phone.Locator("#my-lessons .list-group-item").Nth(0).GetByRole(AriaRole.Link, new() { Name = "Відкрити в журналі" }).ClickAsync();
        await phone.Locator("thead th.focus-col").WaitForAsync();
        await phone.Locator("#grid").ScrollIntoViewIfNeededAsync();
        var box = await phone.Locator("thead th.focus-col").BoundingBoxAsync();
        var names = await phone.Locator("thead th.name").BoundingBoxAsync();
        Assert.True(box!.X >= names!.X + names.Width - 1 && box.X + box.Width <= 400, $"today's column at {box.X}..{box.X + box.Width}, names end at {names.X + names.Width}");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("today-03-grid-400.png") });
    }

    [Fact]
    public async Task Director_LandsOnTheSchoolToday_SeesUnrecordedLessonsAbsencesRemarksUncoveredLessonsAndNotifications()
    {
        var (app, _) = await StartAsync();
        await using var _app = app;
        var s = app.School!;
        await using var session = await BrowserSession.StartAsync();
        var page = await SignInAsync(session, app, "director");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Школа сьогодні", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#my-lessons")).ToHaveCountAsync(0); // the director has no lessons of her own
        var missing = page.Locator("#not-recorded");
        await Assertions.Expect(missing).ToContainTextAsync("Сьогодні записано 1 з 4 уроків за розкладом.");
        // The algebra teacher: Thursday's algebra, today's substitution and geometry; no other teacher has one.
        var teachers = missing.Locator("li[data-teacher]");
        await Assertions.Expect(teachers).ToHaveCountAsync(1);
        await Assertions.Expect(teachers).ToContainTextAsync("Коваленко І. П. — 3 уроки");
        await Assertions.Expect(teachers).ToContainTextAsync("19.11, 3 ур.: 7-А · Алгебра");
        await Assertions.Expect(teachers).ToContainTextAsync("20.11, 3 ур.: 7-А · Англійська мова (I група)");
        await Assertions.Expect(teachers).ToContainTextAsync("20.11, 4 ур.: 11-А · Геометрія");

        var uncovered = page.Locator("#uncovered li");
        await Assertions.Expect(uncovered).ToHaveCountAsync(2);
        await Assertions.Expect(uncovered.Nth(0)).ToContainTextAsync("1 урок · 3-А · Літературне читання — у розкладі немає вчителя, заміни немає");
        await Assertions.Expect(uncovered.Nth(1)).ToContainTextAsync("2 урок · 1-А · Літературне читання — скасовано");

        await Assertions.Expect(page.Locator("#absences")).ToContainTextAsync("Усього: 1 учень");
        var row = page.Locator("#absences tr[data-class='7-А'] td");
        await Assertions.Expect(row.Nth(1)).ToHaveTextAsync("1");
        await Assertions.Expect(row.Nth(2)).ToHaveTextAsync("Шевчук Н. О.");

        await Assertions.Expect(page.Locator("#remarks")).ToContainTextAsync("Чекають відповіді вчителя: 1");
        await Assertions.Expect(page.Locator("#remarks")).ToContainTextAsync("18.11 · 7-А · Алгебра (Коваленко І. П.): «Не записано домашнє завдання за 16.11»");

        int waiting;
        await using (var db = app.Database.NewContext())
            waiting = await db.Outbox.CountAsync(o => o.State == OutboxState.Pending || o.State == OutboxState.Held || o.State == OutboxState.Sending);
        Assert.True(waiting >= 1);
        var notifications = page.Locator("#notifications");
        await Assertions.Expect(notifications).ToContainTextAsync($"Чекають надсилання: {waiting}");
        await Assertions.Expect(notifications).ToContainTextAsync("Не вдалося надіслати, повторюються: 0");
        await Assertions.Expect(notifications).ToContainTextAsync("Не надіслано остаточно: 1");
        await Assertions.Expect(notifications).ToContainTextAsync("Родини без зв'язку (чат закрито або бота заблоковано): 1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("today-04-director.png"), FullPage = true });

        // A class's absences lead to its class teacher's page; an unrecorded lesson to its grid with the form set to it.
        await page.Locator("#absences").GetByRole(AriaRole.Link, new() { Name = "7-А" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Класне керівництво · 7-А" }).WaitForAsync();
        await page.GoBackAsync();
        await teachers.GetByRole(AriaRole.Link, new() { Name = "19.11, 3 ур.: 7-А · Алгебра" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "7-А · Алгебра" }).WaitForAsync();
        Assert.Equal("2026-11-19", await page.Locator("#Lesson_Date").InputValueAsync());

        // The overview is still a link away; "/" brings the director back to today.
        await (await BrowserSession.OpenNavAsync(page, "Огляд")).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Огляд" }).WaitForAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Школа сьогодні" }).WaitForAsync();

        var phone = await SignInAsync(session, app, "director", Phone());
        await phone.Locator("#notifications").WaitForAsync();
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("today-05-director-400.png"), FullPage = true });
    }
}
