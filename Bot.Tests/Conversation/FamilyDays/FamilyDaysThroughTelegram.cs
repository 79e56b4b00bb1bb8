using Bot.Domain.Notifications;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Bot.Tests.Conversation.FamilyDays.FamilyWorld;

namespace Bot.Tests.Conversation.FamilyDays;

/// <summary>
/// Families (ADR 0036): as parents live them through the fake Telegram server, with the bot's clock on a
/// Monday, a Wednesday and a Saturday around <see cref="DiaryWeek"/>'s recorded weeks: the days a parent names are the days
/// the bot answers about, an absence is reported for the day named, and marks and attendance read as sentences.
/// </summary>
public sealed class FamilyDaysThroughTelegram : IAsyncLifetime
{
    /// <summary>Monday 23 November 2026, 10:00 in Kyiv: nothing of the new week recorded yet.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Wednesday 18 November 2026, 10:00 in Kyiv.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 18, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Saturday 21 November 2026, 10:00 in Kyiv.</summary>
    private static readonly DateTimeOffset Saturday = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private FamilyWorld _w = null!;
    private TelegramDriver? _bot;

    public async Task InitializeAsync() => _w = await FamilyWorld.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_bot is not null) await _bot.DisposeAsync();
        await _w.Database.DisposeAsync();
    }

    private async Task<TelegramDriver> BotAtAsync(DateTimeOffset now) =>
        _bot = await TelegramDriver.StartAsync(_w.Database, _w.S, clock: new ShiftedClock(now));

    private async Task<string> MotherAsync(TelegramDriver bot)
    {
        var chat = bot.ChatOf("mother");
        await _w.LinkAsync(_w.S.IvanenkoMother, chat);
        return chat;
    }

    [Fact]
    public async Task OnAMonday_Yesterday_IsFriday_AndAnEmptyWeek_OffersLastWeekWithAButton()
    {
        var bot = await BotAtAsync(Monday);
        var mother = await MotherAsync(bot);

        var yesterday = All(await bot.SayAsync(mother, "/diary вчора"));
        Assert.Contains("Пʼятниця, 20 листопада", yesterday);
        Assert.Contains("2. Алгебра", yesterday);
        Assert.DoesNotContain("Неділя", yesterday);

        var week = await bot.SayAsync(mother, "/diary тиждень");
        Assert.Contains("Цього тижня в журналі ще нічого немає.", All(week));
        var button = week.Select(r => r.ButtonData("Минулий тиждень")).Single(d => d is not null)!;
        var lastWeek = All(await bot.PressAsync(mother, button));
        Assert.Contains("Іваненко Олег, 7-А: пн 16.11 – пт 20.11", lastWeek);
        Assert.Contains("Алгебра — 10", lastWeek); // Monday 16 November's mark

        Assert.Equal(lastWeek, All(await bot.SayAsync(mother, "/diary минулого тижня")));
    }

    [Fact]
    public async Task OnAWednesday_DiaryTomorrow_IsThursday_WithItsHomeworkDue_AndAbsencesAreReportedForTheDaysNamed()
    {
        var bot = await BotAtAsync(Wednesday);
        var mother = await MotherAsync(bot);

        var tomorrow = All(await bot.SayAsync(mother, "/diary завтра"));
        Assert.Contains("Завтра, четвер, 19 листопада", tomorrow);
        Assert.Contains("1. Українська мова", tomorrow);
        Assert.Contains("Задано на завтра:\n• Українська мова: Вправа 60\n• Англійська мова (I група): p. 26, ex. 5", tomorrow);
        Assert.DoesNotContain("пʼятниц", tomorrow, StringComparison.OrdinalIgnoreCase); // not the day after tomorrow
        Assert.Equal(tomorrow, All(await bot.SayAsync(mother, "/diary на четвер")));

        Assert.Contains("Іваненко Олег: розклад на пʼятницю, 20 листопада", All(await bot.SayAsync(mother, "/timetable на пʼятницю")));

        var reported = All(await bot.SayAsync(mother, "/absent завтра, температура"));
        // The class teacher has no chat yet: the parent is not told she was notified (ADR 0035).
        Assert.Equal("Дякуємо, повідомлення записано: Іваненко Олег завтра відсутній, причина — «температура». "
            + "Класний керівник ще не користується ботом, тож побачить його на сторінці класу в електронному журналі школи, а не в чаті.", reported);
        await using (var link = _w.Database.NewContext())
        {
            await Bot.Tests.Notifications.DeliveryHost.LinkAsync(link, _w.S.School.Id, Bot.Domain.Linking.PersonKind.Staff, _w.S.ClassTeacher.Id, 990_001);
            await link.SaveChangesAsync();
        }

        var range = All(await bot.SayAsync(mother, "/absent з 19.11 по 23.11 санаторій"));
        Assert.Equal("Дякуємо. Класного керівника повідомлено: Іваненко Олег відсутній 3 навчальні дні: 19.11, 20.11, 23.11, причина — «санаторій».", range);

        await using var db = _w.Database.NewContext();
        var notices = await db.AbsenceNotices.Select(n => new { n.Date, n.Reason }).ToListAsync();
        Assert.Equal(["19.11 санаторій", "19.11 температура", "20.11 санаторій", "23.11 санаторій"],
            notices.Select(n => $"{n.Date:dd.MM} {n.Reason}").Order(StringComparer.Ordinal));
        var toTeacher = await db.Outbox.Where(o => o.Kind == NotificationKind.AbsenceReport).ToListAsync();
        Assert.Equal(2, toTeacher.Count); // one message per report, its days listed (ADR 0039)
        Assert.All(toTeacher, o => Assert.Equal(_w.S.ClassTeacher.Id, o.RecipientId));
    }

    [Fact]
    public async Task OnASaturday_Yesterday_IsFriday_ADayWithoutLessonsIsRefused_AndTheWeekIsTheOneJustEnded()
    {
        var bot = await BotAtAsync(Saturday);
        var mother = await MotherAsync(bot);

        Assert.Contains("Вчора, пʼятниця, 20 листопада", All(await bot.SayAsync(mother, "/diary вчора")));
        Assert.Contains("Іваненко Олег, 7-А: пн 16.11 – пт 20.11", All(await bot.SayAsync(mother, "/diary тиждень")));
        Assert.Contains("Іваненко Олег: розклад на понеділок, 23 листопада\n1. Українська мова", All(await bot.SayAsync(mother, "/timetable понеділок")));

        var refused = All(await bot.SayAsync(mother, "/absent сьогодні, хворіє"));
        Assert.Equal("21.11 уроків немає: повідомляти про відсутність не потрібно.", refused);
        var impossible = All(await bot.SayAsync(mother, "/absent 31.02, хворіє"));
        Assert.Contains("Дати «31.02» не буває", impossible);
        await using var db = _w.Database.NewContext();
        Assert.Equal(0, await db.AbsenceNotices.CountAsync());
    }

    [Fact]
    public async Task Marks_AndAttendance_ReadAsSentences_InGrades2_4_And7()
    {
        var bot = await BotAtAsync(TestSchool.Now);
        var (seventh, petrenko, second, fourth) = (await MotherAsync(bot), bot.ChatOf("petrenko"), bot.ChatOf("second"), bot.ChatOf("fourth"));
        await _w.LinkAsync(_w.PetrenkoMother, petrenko);
        await _w.LinkAsync(_w.SecondGraderMother, second);
        await _w.LinkAsync(_w.FourthGraderMother, fourth);

        var marks7 = All(await bot.SayAsync(seventh, "/marks"));
        Assert.Contains("Алгебра — середній бал 9,00\n   13.11 — 9; 16.11 — 10; 18.11 — 8\n   Тематична: 9", marks7);
        Assert.Contains("Українська мова — середній бал 10,00\n   19.11 — 10 (зошит)", marks7);
        Assert.Contains("Іваненко Олег: пропусків немає.", All(await bot.SayAsync(seventh, "/attendance")));

        var girl7 = All(await bot.SayAsync(petrenko, "/attendance"));
        Assert.Contains("Петренко Марія пропустила 3 уроки: 17.11 українська мова, 17.11 англійська мова (I група), 18.11 алгебра; з них 1 — з поважної причини.", girl7);
        Assert.Contains("Пропущено цілих днів: 2 (з них з поважної причини — 1).", girl7); // Tuesday "н", Wednesday's only counted lesson "хв"

        Assert.Contains("Літературне читання\n   18.11 — сформовано", All(await bot.SayAsync(second, "/marks")));
        Assert.Contains("Мельник Матвій: пропусків немає.", All(await bot.SayAsync(second, "/attendance")));

        Assert.Contains("Літературне читання\n   18.11 — Д (достатній)", All(await bot.SayAsync(fourth, "/marks")));
        Assert.Contains("Коваль Дарина пропустила 1 урок: 19.11 літературне читання.", All(await bot.SayAsync(fourth, "/attendance")));
    }
    /// <summary>
    /// N-21 through the fake Telegram: at the year's end the mother of the 2nd-grader asks /marks and, after the semester's
    /// subjects, reads the year's results by expected learning outcome as the class teacher wrote them for the свідоцтво.
    /// </summary>
    [Fact]
    public async Task AtTheYearsEnd_ASecondGradersMarks_EndWithTheYearsResultsByOutcome_N21()
    {
        var yearEnd = new DateTimeOffset(2027, 5, 20, 8, 0, 0, TimeSpan.Zero);
        await using (var db = _w.Database.NewContext())
        {
            var service = new Bot.Domain.Grading.LearningOutcomeService(db, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(yearEnd));
            (await service.SeedDefaultsAsync(Bot.Domain.Journal.Actor.System(), _w.S.School.Id, _w.S.Year.Id)).GetValueOrThrow();
            var setup = await service.ForYearAsync(_w.S.School.Id, _w.S.Year.Id);
            var maths = setup.Fields.Single(f => f.Name == "Математична");
            var classId = await db.Enrolments.Where(e => e.StudentId == _w.SecondGrader.Id).Select(e => e.ClassId).SingleAsync();
            (await service.SaveResultsAsync(Bot.Domain.Journal.Actor.System(), classId, [.. setup.Outcomes[maths.Id].Take(2).Select((o, i) =>
                new Bot.Domain.Grading.OutcomeResultInput(_w.SecondGrader.Id, o.Id, i == 0 ? Bot.Domain.Grading.OutcomeLevel.NotableProgress : Bot.Domain.Grading.OutcomeLevel.SignificantSuccess))])).GetValueOrThrow();
        }

        var bot = await BotAtAsync(yearEnd);
        var second = bot.ChatOf("second");
        await _w.LinkAsync(_w.SecondGraderMother, second);
        var marks = All(await bot.SayAsync(second, "/marks"));
        Assert.Contains("Мельник Матвій: оцінки за ІІ семестр 2026-2027", marks);
        Assert.Contains("Результати 2026-2027 навчального року (свідоцтво досягнень)\nМатематична освітня галузь\n" +
            "   3.1 Лічить, обчислює, порівнює числа: демонструє помітний прогрес\n" +
            "   3.2 Розвʼязує задачі, моделює ситуації: має значні успіхи\n" +
            "   3.3 Вимірює величини, розпізнає геометричні фігури: —", marks);
        Assert.DoesNotContain("Мовно-літературна", marks);
    }
}
