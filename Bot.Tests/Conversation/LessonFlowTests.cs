using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Host.Conversation;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// The lesson flow (ADR 0031), as a teacher lives it: 7-А grown to 30 students, Friday's algebra lesson in one
/// message — a roll call with three absent, twelve marks to students chosen by a fixed seed, the topic and the homework —
/// through Telegram with its own limits (edits counted), and through Viber, which cannot edit.
/// </summary>
public sealed class LessonFlowTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext()) S = await TestSchool.CreateAsync(db);
        await LessonWalk.GrowClassTo30Async(_database, S);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task AssertTheJournalAsync(LessonWalked walked)
    {
        await using var db = _database.NewContext();
        var lesson = await db.Lessons.SingleAsync();
        Assert.Equal((S.Class7A.Id, S.Algebra.Id, 2, LessonWalk.Topic, LessonWalk.Homework), (lesson.ClassId, lesson.SubjectId, lesson.Slot, lesson.Topic, lesson.Homework));
        Assert.NotNull(lesson.RollCallAtUtc);
        var absences = await db.Absences.Where(a => a.LessonId == lesson.Id).ToListAsync();
        Assert.Equal(3, absences.Count);
        var marks = await db.Marks.Where(m => m.LessonId == lesson.Id).ToListAsync();
        Assert.Equal(walked.Marks.Select(m => m.Mark).Order(), marks.Select(m => m.Value.Text).Order());
        Assert.Equal(3, await db.AuditRecords.CountAsync(a => a.EntityType == "Absence"));
        Assert.Equal(12, await db.AuditRecords.CountAsync(a => a.EntityType == "Mark"));
    }

    private static void AssertTheSummary(LessonWalked walked)
    {
        var lines = walked.Summary.Text.Split('\n');
        Assert.Equal("7-А · Алгебра", lines[0]);
        Assert.StartsWith("20.11.2026, урок 2", lines[1]);
        Assert.Contains("Підсумок уроку", lines);
        Assert.Contains($"Відсутні (3): {string.Join(", ", walked.Absent.Select(a => $"{a} (н)"))}", lines);
        Assert.Contains($"Оцінки (12): {string.Join(", ", walked.Marks.Select(m => $"{m.Label} — {m.Mark}"))}", lines);
        Assert.Contains("Тема: " + LessonWalk.Topic, lines);
        Assert.Contains("Домашнє завдання: " + LessonWalk.Homework, lines);
    }

    [Fact]
    public async Task Telegram_ThirtyStudents_ThreeAbsent_TwelveMarks_TopicAndHomework_InOneEditedMessage_WithinTheLimits()
    {
        await using var bot = await TelegramDriver.StartAsync(_database, S, telegramPace: true);
        // One message a second per chat, edits included; the slack is the test machine's scheduling jitter between the
        // bot's pacer and the fake's clock (two CPUs shared by many builds), not a looser limit.
        bot.Telegram.Limits.PerChatTolerance = TimeSpan.FromMilliseconds(150);
        var teacher = await LessonWalk.LinkAsync(bot, _database, S, S.AlgebraTeacher.Id);
        var chat = long.Parse(teacher);
        var telegram = bot.Telegram;
        await Task.Delay(TimeSpan.FromSeconds(2)); // the welcome's last message, at Telegram's pace
        var (messages, answers, tooMany) = (telegram.MessagesTo(chat).Count, telegram.CallbackAnswers.Count, telegram.TooManyRequestsAnswered);

        var walked = await LessonWalk.WalkAsync(bot, teacher);

        Assert.True(walked.Taps <= 31, $"{walked.Taps} taps");
        // The lesson list (then edited in place), the homework question and the summary: the two typed replies' answers.
        Assert.Equal(3, telegram.MessagesTo(chat).Count - messages);
        Assert.Equal(walked.Taps, telegram.EditsTo(chat).Count);
        Assert.Equal(walked.Taps, telegram.CallbackAnswers.Count - answers); // every press answered, none left spinning
        Assert.Equal(0, telegram.OpenCallbackQueries);
        Assert.True(telegram.TooManyRequestsAnswered == tooMany, string.Join("; ", telegram.Calls.Select(c => $"{c.At:HH:mm:ss.fff} {c.Method} {c.Status}")));
        AssertTheSummary(walked);
        await AssertTheJournalAsync(walked);
    }

    [Fact]
    public async Task Viber_TheSameLesson_OneShortMessageATap_AllButtonsSilent()
    {
        await using var bot = await ViberDriver.StartAsync(_database, S);
        var teacher = await LessonWalk.LinkAsync(bot, _database, S, S.AlgebraTeacher.Id);
        var before = bot.Viber.MessagesTo(teacher).Count;

        var walked = await LessonWalk.WalkAsync(bot, teacher);

        var sent = bot.Viber.MessagesTo(teacher).Skip(before).ToList();
        Assert.True(walked.Taps <= 31, $"{walked.Taps} taps");
        // Viber cannot edit: the list, one message for each tap that changed the screen, and the two answers to typed replies.
        Assert.Equal(1 + walked.Taps + 2, sent.Count);
        Assert.All(sent.SelectMany(m => m.Buttons), b => Assert.True(b.Silent, b.ActionBody));
        AssertTheSummary(walked);
        await AssertTheJournalAsync(walked);
    }
}

/// <summary>Bad input for the lesson flow: forged and stale buttons read nothing and write nothing; a double tap writes once.</summary>
public sealed class LessonFlowRefusalTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private EngineDriver _bot = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext()) S = await TestSchool.CreateAsync(db);
        _bot = new EngineDriver(_database, S);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<string> LinkAsync(Guid staffId, string person)
    {
        await using var db = _database.NewContext();
        var code = (await new InviteService(db, S.Clock, new LinkingSettings()).CreateAsync(Actor.System(), PersonKind.Staff, staffId)).GetValueOrThrow().Code;
        var chat = _bot.ChatOf(person);
        await _bot.SayAsync(chat, "/start " + code);
        return chat;
    }

    /// <summary>Friday's algebra lesson opened by its teacher: the lesson's id.</summary>
    private async Task<(string Teacher, Guid LessonId)> OpenLessonAsync()
    {
        var teacher = await LinkAsync(S.AlgebraTeacher.Id, "algebra");
        var list = (await _bot.SayAsync(teacher, "/lesson")).Single();
        await _bot.PressAsync(teacher, list.ButtonData("2. 7-А")!);
        await using var db = _database.NewContext();
        return (teacher, (await db.Lessons.SingleAsync()).Id);
    }

    private async Task<(int Marks, int Absences, int Audit)> CountsAsync()
    {
        await using var db = _database.NewContext();
        return (await db.Marks.CountAsync(), await db.Absences.CountAsync(), await db.AuditRecords.CountAsync(a => a.EntityType == "Mark" || a.EntityType == "Absence"));
    }

    [Fact]
    public async Task AnotherTeachersLesson_IsRefused_AndNothingIsWritten()
    {
        var (_, lessonId) = await OpenLessonAsync();
        var english = await LinkAsync(S.EnglishTeacher.Id, "english");
        foreach (var data in new[] { $"lf|m|{ButtonData.Id(lessonId)}|0", $"lf|v|{ButtonData.Id(lessonId)}|{ButtonData.Id(S.Ivanenko.Id)}|0|10", $"lf|t|{ButtonData.Id(lessonId)}|{ButtonData.Id(S.Ivanenko.Id)}", $"lf|r|{ButtonData.Id(lessonId)}" })
        {
            var reply = (await _bot.PressAsync(english, data)).Single();
            Assert.Equal("Це не ваш урок: відкрити його в боті може лише вчитель, який його веде.", reply.Text);
            Assert.Empty(reply.Buttons); // nothing of the lesson (its students, marks) is shown
        }

        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ALessonOfAnotherDay_IsRefused_AndNothingIsWritten()
    {
        Guid old;
        await using (var db = _database.NewContext())
        {
            var lastFriday = new DateOnly(2026, 11, 13);
            old = (await S.Journal(db).RecordLessonAsync(new Actor(S.AlgebraTeacher.Id, "Коваленко І. П.", StaffRoles.Teacher, Channel.Telegram),
                new LessonInput(S.Class7A.Id, S.Algebra.Id, null, lastFriday, 2, "Раніше"))).GetValueOrThrow().Id;
        }

        var teacher = await LinkAsync(S.AlgebraTeacher.Id, "algebra");
        var reply = (await _bot.PressAsync(teacher, $"lf|v|{ButtonData.Id(old)}|{ButtonData.Id(S.Ivanenko.Id)}|0|10")).Single();
        Assert.StartsWith("Це урок 13.11.2026", reply.Text);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task AStudentNotInTheLesson_IsRefused_AndNothingIsWritten()
    {
        var (teacher, lessonId) = await OpenLessonAsync();
        foreach (var outsider in new[] { S.Senior.Id, S.Leaver.Id, Guid.NewGuid() })
        {
            var reply = (await _bot.PressAsync(teacher, $"lf|v|{ButtonData.Id(lessonId)}|{ButtonData.Id(outsider)}|0|10")).Single();
            Assert.StartsWith("Цього учня немає в списку уроку", reply.Text);
            // A roll call toggle naming a student not on the lesson's list: refused, the draft unchanged.
            var toggle = (await _bot.PressAsync(teacher, $"lf|t|{ButtonData.Id(lessonId)}|{ButtonData.Id(outsider)}")).Single();
            Assert.StartsWith("Цього учня немає в списку уроку", toggle.Text);
            Assert.Empty(toggle.Buttons);
        }

        var done = (await _bot.PressAsync(teacher, $"lf|r|{ButtonData.Id(lessonId)}")).Single();
        Assert.Contains("Присутні всі.", done.Text); // the draft held none of them
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ADoubleTap_WritesOnce()
    {
        var (teacher, lessonId) = await OpenLessonAsync();
        await _bot.PressAsync(teacher, $"lf|t|{ButtonData.Id(lessonId)}|{ButtonData.Id(S.Petrenko.Id)}"); // Петренко absent
        var done = $"lf|r|{ButtonData.Id(lessonId)}";
        Assert.Contains("Відсутні (1): Петренко М. (н)", (await _bot.PressAsync(teacher, done)).Single().Text);
        Assert.Contains("Відсутні (1): Петренко М. (н)", (await _bot.PressAsync(teacher, done)).Single().Text); // "already written"
        var mark = $"lf|v|{ButtonData.Id(lessonId)}|{ButtonData.Id(S.Ivanenko.Id)}|0|10";
        var first = (await _bot.PressAsync(teacher, mark)).Single();
        var second = (await _bot.PressAsync(teacher, mark)).Single();
        Assert.Contains("Іваненко О. · 10", first.Buttons.Select(b => b.Label));
        Assert.Contains("Іваненко О. · 10", second.Buttons.Select(b => b.Label));
        Assert.Equal((1, 1, 2), await CountsAsync());
    }

    [Fact]
    public async Task UndoEverything_TakesBackTheRollCallAndEveryMark_OfTheLessonInItsWindow()
    {
        var (teacher, lessonId) = await OpenLessonAsync();
        await _bot.PressAsync(teacher, $"lf|t|{ButtonData.Id(lessonId)}|{ButtonData.Id(S.Petrenko.Id)}"); // Петренко absent
        await _bot.PressAsync(teacher, $"lf|r|{ButtonData.Id(lessonId)}");
        await _bot.PressAsync(teacher, $"lf|v|{ButtonData.Id(lessonId)}|{ButtonData.Id(S.Ivanenko.Id)}|0|10");
        await _bot.PressAsync(teacher, $"lf|v|{ButtonData.Id(lessonId)}|{ButtonData.Id(S.Sydorenko.Id)}|0|7");
        var summary = (await _bot.PressAsync(teacher, $"lf|d|{ButtonData.Id(lessonId)}")).Single();
        Assert.Contains("Оцінки (2): Іваненко О. — 10, Сидоренко А. — 7", summary.Text);
        var undone = (await _bot.PressAsync(teacher, summary.ButtonData("Скасувати все")!)).Single();
        Assert.Contains("Скасовано:", undone.Text);
        Assert.Contains("Оцінок немає.", undone.Text);
        Assert.Null(undone.ButtonData("Скасувати все")); // nothing left to take back
        await using var db = _database.NewContext();
        Assert.Equal((0, 0), (await db.Marks.CountAsync(), await db.Absences.CountAsync()));
    }

    [Fact]
    public async Task AnOldRollCallButton_WithItsMask_WritesNothing_AndAsksToOpenTheRollCallAgain()
    {
        var (teacher, lessonId) = await OpenLessonAsync();
        // "lf|t|lesson|mask|index" and "lf|r|lesson|mask": buttons of a roll call sent before the draft moved to the server.
        foreach (var data in new[] { $"lf|t|{ButtonData.Id(lessonId)}|2|0", $"lf|r|{ButtonData.Id(lessonId)}|2" })
        {
            var reply = (await _bot.PressAsync(teacher, data)).Single();
            Assert.Equal("Ця кнопка переклички — з повідомлення, надісланого до оновлення бота, тож нічого не записано. Відкрийте перекличку заново: /lesson", reply.Text);
            Assert.Empty(reply.Buttons);
        }

        Assert.Equal((0, 0, 0), await CountsAsync());
        await using var db = _database.NewContext();
        Assert.Null((await db.Lessons.SingleAsync()).RollCallAtUtc);
    }

    [Fact]
    public async Task AnOldMarkButton_WritesNothing_AndSaysWhereMarkingIsNow()
    {
        var (teacher, lessonId) = await OpenLessonAsync();
        var reply = (await _bot.PressAsync(teacher, $"mv|{ButtonData.Id(lessonId)}|{ButtonData.Id(S.Ivanenko.Id)}|10")).Single();
        Assert.Contains("/lesson", reply.Text);
        var list = (await _bot.PressAsync(teacher, $"ml|{ButtonData.Id(lessonId)}")).Single();
        Assert.Contains("Поточна для Іваненко Олег", list.Text); // an old class list button opens the flow's marks
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ATypo_OffersTheMatchingStudentsAsButtons_AndAPressWritesTheMark()
    {
        var teacher = await LinkAsync(S.AlgebraTeacher.Id, "algebra");
        var asked = (await _bot.SayAsync(teacher, "/mark 7-А алгебра Петрнко 9")).Single();
        Assert.Equal("Учня «Петрнко» у 7-А не знайдено. Ви мали на увазі:", asked.Text);
        var petrenko = asked.ButtonData("Петренко Марія");
        Assert.NotNull(petrenko);
        Assert.Equal((0, 0, 0), await CountsAsync());
        var written = (await _bot.PressAsync(teacher, petrenko!)).Single();
        Assert.Contains("Записано: 7-А · Алгебра · 20.11.2026, урок 2", written.Text);
        Assert.Contains("Петренко Марія — 9", written.Text);
    }

    [Fact]
    public async Task TheConfirmationsOfAbsentTopicAndHomework_NameTheLessonsDateAndNumber()
    {
        var teacher = await LinkAsync(S.AlgebraTeacher.Id, "algebra");
        var absent = (await _bot.SayAsync(teacher, "/absent 7-А Петренко")).Single().Text;
        Assert.StartsWith("Відсутні (7-А, Алгебра, 20.11, урок 2): Петренко Марія.", absent);
        Assert.Contains("скасувати протягом 10 хв", absent);
        var topic = (await _bot.SayAsync(teacher, "/lesson 7-А алгебра Дроби")).Single().Text;
        Assert.StartsWith("Тему уроку записано (7-А · Алгебра, 20.11, урок 2, №1): Дроби", topic);
        var homework = (await _bot.SayAsync(teacher, "/homework 7-А алгебра §3, вправа 11")).Single().Text;
        Assert.StartsWith("Домашнє завдання записано (7-А · Алгебра, 20.11, урок 2): §3, вправа 11", homework);
    }

    [Fact]
    public async Task TwoLessonsOfASubjectInADay_AreOfferedByNumber()
    {
        await using (var db = _database.NewContext())
        {
            db.Add(new Bot.Domain.Timetable.TimetableEntry(S.School.Id, S.Class7A.Id, S.Algebra.Id, DayOfWeek.Friday, 5, S.AlgebraTeacher.Id));
            await db.SaveChangesAsync();
        }

        var teacher = await LinkAsync(S.AlgebraTeacher.Id, "algebra");
        var asked = (await _bot.SayAsync(teacher, "/mark 7-А алгебра Іваненко 8")).Single();
        Assert.Equal("7-А · Алгебра: 20.11.2026 уроків 2. На який записати?", asked.Text);
        Assert.Equal(["Урок 2", "Урок 5"], asked.Buttons.Select(b => b.Label));
        var written = (await _bot.PressAsync(teacher, asked.ButtonData("Урок 5")!)).Single();
        Assert.Contains("Записано: 7-А · Алгебра · 20.11.2026, урок 5", written.Text);
        await using var check = _database.NewContext();
        Assert.Equal(5, (await check.Lessons.SingleAsync()).Slot);
    }
}
