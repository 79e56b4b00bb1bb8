using Bot.Domain.Attendance;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// A class's day through the bot, as its people would live it: a parent links by code and asks for the diary, a
/// teacher marks by command and by buttons and undoes a slip, a class teacher reads the attendance and excuses an
/// absence, a parent reports an illness; and every refusal. Each channel runs the same scenarios (9).
/// </summary>
public abstract partial class ConversationScenarios : IAsyncLifetime
{
    protected TestDatabase Database = null!;
    protected TestSchool S = null!;
    private IChatDriver _bot = null!;

    protected IChatDriver Driver => _bot;

    protected abstract Task<IChatDriver> CreateDriverAsync(TestDatabase database, TestSchool school);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.SqliteAsync();
        await using (var db = Database.NewContext()) S = await TestSchool.CreateAsync(db);
        _bot = await CreateDriverAsync(Database, S);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected async Task<string> InviteAsync(PersonKind kind, Guid personId)
    {
        await using var db = Database.NewContext();
        return (await new InviteService(db, S.Clock, new LinkingSettings()).CreateAsync(Actor.System(), kind, personId)).GetValueOrThrow().Code;
    }

    /// <summary>Links the person's chat with a fresh invite, as a tap on the deep link would (/start code).</summary>
    protected async Task<string> LinkedAsync(string person, PersonKind kind, Guid personId)
    {
        var chat = _bot.ChatOf(person);
        var replies = await _bot.SayAsync(chat, "/start " + await InviteAsync(kind, personId));
        Assert.Contains("Вітаємо", replies[0].Text);
        return chat;
    }

    private Task<string> MotherAsync() => LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);
    private Task<string> AlgebraTeacherAsync() => LinkedAsync("algebra", PersonKind.Staff, S.AlgebraTeacher.Id);

    private static string All(IReadOnlyList<ChatReply> replies) => string.Join("\n", replies.Select(r => r.Text));

    [Fact]
    public async Task Unlinked_AsksForACode_AndAWrongCodeSaysNothingAboutCodes()
    {
        var chat = _bot.ChatOf("stranger");
        Assert.Contains("код запрошення", All(await _bot.SayAsync(chat, "/diary")));
        var wrong = All(await _bot.SayAsync(chat, "/start AAAAAAAAAAAAAAAA"));
        var alsoWrong = All(await _bot.SayAsync(chat, "BBBBBBBBBBBBBBBB"));
        Assert.Equal(wrong, alsoWrong);
        Assert.DoesNotContain("Вітаємо", wrong);
    }

    [Fact]
    public async Task Parent_LinksByDeepLink_AndReadsTheDiaryWithTheTeachersMark()
    {
        var mother = await MotherAsync();
        var teacher = await AlgebraTeacherAsync();
        var marked = All(await _bot.SayAsync(teacher, "/mark 7-А алгебра Іваненко 10"));
        Assert.Contains("Записано", marked);
        Assert.Contains("Іваненко Олег — 10", marked);

        var diary = All(await _bot.SayAsync(mother, "/diary"));
        Assert.Contains("Іваненко Олег, 7-А", diary);
        Assert.Contains("Алгебра — 10", diary);
        Assert.DoesNotContain("Петренко", diary); // only her own child
    }

    [Fact]
    public async Task LinkedParent_WritesToTheBot_AndTheLinkRemembersWhen_ForThePanelsLastSeen()
    {
        var mother = await MotherAsync();
        await using (var db = Database.NewContext())
            Assert.Null((await db.ChatLinks.SingleAsync(l => l.PersonId == S.IvanenkoMother.Id)).LastSeenAtUtc); // linking is not "seen" yet
        await _bot.SayAsync(mother, "/diary");
        await using var check = Database.NewContext();
        var link = await check.ChatLinks.SingleAsync(l => l.PersonId == S.IvanenkoMother.Id);
        Assert.NotNull(link.LastSeenAtUtc);
        Assert.True(link.LastSeenAtUtc >= link.LinkedAtUtc);
    }

    [Fact]
    public async Task Substitute_MarksTheLessonTheyStandIn_AndTheParentSeesTheSubstitution_J9()
    {
        var mother = await MotherAsync();
        var substitute = await LinkedAsync("substitute", PersonKind.Staff, S.OtherTeacher.Id);
        var refused = All(await _bot.SayAsync(substitute, "/mark 7-А алгебра Іваненко 10")); // not theirs yet
        Assert.DoesNotContain("Записано", refused);
        await using (var db = Database.NewContext()) Assert.Equal(0, await db.Marks.CountAsync());

        await using (var db = Database.NewContext())
            (await new Bot.Domain.Timetable.DayChangeService(db, S.Clock).RecordAsync(S.As(S.Deputy), S.School.Id,
                new Bot.Domain.Timetable.DayChangeInput(Bot.Domain.Timetable.DayChangeKind.Substitution, S.Class7A.Id, TestSchool.Today, 2,
                    SubstituteId: S.OtherTeacher.Id))).GetValueOrThrow();
        var buttons = (await _bot.SayAsync(substitute, "/mark")).SelectMany(r => r.Buttons).Select(b => b.Label).ToList();
        Assert.Contains("2. 7-А · Алгебра (заміна)", buttons);
        var marked = All(await _bot.SayAsync(substitute, "/mark 7-А алгебра Іваненко 10"));
        Assert.Contains("Записано", marked);
        Assert.Contains("Іваненко Олег — 10", marked);
        await using (var db = Database.NewContext())
            Assert.Equal("Заміна. Ткаченко А. М.", (await db.Lessons.SingleAsync()).SubstituteNote);

        var timetable = All(await _bot.SayAsync(mother, "/timetable"));
        Assert.Contains("2. Алгебра", timetable);
        Assert.Contains("заміна: Ткаченко А. М.", timetable);
    }

    [Fact]
    public async Task Deputy_WithNoLessonsOfTheirOwn_StandsInAndMarks_J9()
    {
        // The deputy teaches nothing this year: no teacher's commands in the chat, until the timetable makes them a substitute.
        var deputy = await LinkedAsync("deputy", PersonKind.Staff, S.Deputy.Id);
        Assert.DoesNotContain("/mark", All(await _bot.SayAsync(deputy, "/help")));
        Assert.DoesNotContain("Записано", All(await _bot.SayAsync(deputy, "/mark 7-А алгебра Іваненко 10")));

        await using (var db = Database.NewContext())
            (await new Bot.Domain.Timetable.DayChangeService(db, S.Clock).RecordAsync(S.As(S.Deputy), S.School.Id,
                new Bot.Domain.Timetable.DayChangeInput(Bot.Domain.Timetable.DayChangeKind.Substitution, S.Class7A.Id, TestSchool.Today, 2,
                    SubstituteId: S.Deputy.Id))).GetValueOrThrow();

        Assert.Contains("/mark", All(await _bot.SayAsync(deputy, "/help")));
        var buttons = (await _bot.SayAsync(deputy, "/mark")).SelectMany(r => r.Buttons).Select(b => b.Label).ToList();
        Assert.Contains("2. 7-А · Алгебра (заміна)", buttons);
        var marked = All(await _bot.SayAsync(deputy, "/mark 7-А алгебра Іваненко 10"));
        Assert.Contains("Іваненко Олег — 10", marked);
        Assert.DoesNotContain("Записано", All(await _bot.SayAsync(deputy, "/mark 7-А англ Іваненко 10"))); // only the lesson they stand in
        await using (var check = Database.NewContext())
            Assert.Equal(S.Deputy.Id, (await check.AuditRecords.AsNoTracking().SingleAsync(r => r.EntityType == "Mark")).ActorId);
    }

    [Fact]
    public async Task Teacher_MarkThirteen_IsRefusedInUkrainian_AndNothingIsWritten()
    {
        var teacher = await AlgebraTeacherAsync();
        var reply = All(await _bot.SayAsync(teacher, "/mark 7-А алгебра Іваненко 13"));
        Assert.Contains("13", reply);
        Assert.Contains("від 1 до 12", reply);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Marks.CountAsync());
    }

    [Fact]
    public async Task Teacher_MultiMark_IsAllOrNothing_ThenWritesAll()
    {
        var teacher = await AlgebraTeacherAsync();
        var bad = All(await _bot.SayAsync(teacher, "/mark 7-А алгебра: Іваненко 10, Петренко 15, Сидоренко н"));
        Assert.Contains("Петренко", bad);
        await using (var db = Database.NewContext()) Assert.Equal(0, await db.Marks.CountAsync() + await db.Absences.CountAsync());

        var good = All(await _bot.SayAsync(teacher, "/mark 7-А алгебра: Іваненко 10, Петренко 9, Сидоренко н"));
        Assert.Contains("Сидоренко Андрій — н", good);
        await using (var db = Database.NewContext())
        {
            Assert.Equal(2, await db.Marks.CountAsync());
            Assert.Equal(AbsenceKind.Absent, (await db.Absences.SingleAsync()).Kind);
            Assert.All(await db.AuditRecords.Where(a => a.EntityType == "Mark").ToListAsync(), a => Assert.Equal(ExpectedChannel, a.Channel));
        }
    }

    /// <summary>The audit records the channel the change came through.</summary>
    protected abstract Bot.Domain.Audit.Channel ExpectedChannel { get; }

    [Fact]
    public async Task Teacher_Undo_TakesBackTheLastEntry_AndItsAlertsNeverGo()
    {
        var teacher = await AlgebraTeacherAsync();
        await _bot.SayAsync(teacher, "/mark 7-А алгебра Іваненко 2");
        var undo = All(await _bot.SayAsync(teacher, "/undo"));
        Assert.Contains("Скасовано", undo);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Marks.CountAsync());
        var alerts = await db.Outbox.Where(o => o.Kind == NotificationKind.MarkAlert).ToListAsync();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Equal(OutboxState.Cancelled, a.State));
        Assert.Contains("Немає записів", All(await _bot.SayAsync(teacher, "/undo")));
    }

    [Fact]
    public async Task Teacher_AnotherTeachersSubject_IsRefused()
    {
        var english = await LinkedAsync("english", PersonKind.Staff, S.EnglishTeacher.Id);
        var reply = All(await _bot.SayAsync(english, "/mark 7-А алгебра Іваненко 10"));
        Assert.DoesNotContain("Записано", reply);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Marks.CountAsync());
    }

    [Fact]
    public async Task Parent_TeacherCommand_IsRefused()
    {
        var mother = await MotherAsync();
        var reply = All(await _bot.SayAsync(mother, "/mark 7-А алгебра Петренко 2"));
        Assert.DoesNotContain("Записано", reply);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Marks.CountAsync());
    }

    [Fact]
    public async Task Teacher_LessonFlow_RollCallThenAStudentThenAMark_InTheSameMessage()
    {
        var teacher = await AlgebraTeacherAsync();
        var lessons = await _bot.SayAsync(teacher, "/mark");
        var lesson = lessons[0].ButtonData("2. 7-А");
        Assert.NotNull(lesson);
        var rollCall = (await _bot.PressAsync(teacher, lesson!)).Single();
        Assert.Contains("Перекличка", rollCall.Text);
        Assert.Contains("20.11.2026, урок 2", rollCall.Text);
        var marks = (await _bot.PressAsync(teacher, rollCall.ButtonData("Усі присутні")!)).Single();
        Assert.Contains("Присутні всі", marks.Text);
        Assert.Contains("Поточна для Іваненко Олег", marks.Text); // the first student without a mark is offered at once
        var values = (await _bot.PressAsync(teacher, marks.ButtonData("Петренко")!)).Single();
        Assert.Contains("Поточна для Петренко Марія", values.Text);
        var after = (await _bot.PressAsync(teacher, values.Buttons.Single(b => b.Label == "11").Data)).Single();
        Assert.Contains("Петренко М. · 11", after.Buttons.Select(b => b.Label));
        Assert.Contains("▶ Сидоренко А.", after.Buttons.Select(b => b.Label)); // on to the next student without a mark
        await using var db = Database.NewContext();
        Assert.Equal(new MarkValue(MarkKind.Points, 11), (await db.Marks.SingleAsync()).Value);
        Assert.NotNull((await db.Lessons.SingleAsync()).RollCallAtUtc);
    }

    [Fact]
    public async Task ClassTeacher_SeesAttendance_AndExcusesAnAbsence()
    {
        var teacher = await AlgebraTeacherAsync();
        await _bot.SayAsync(teacher, "/absent 7-А Петренко");
        var classTeacher = await LinkedAsync("class teacher", PersonKind.Staff, S.ClassTeacher.Id);
        var summary = All(await _bot.SayAsync(classTeacher, "/attendance 7-А тиждень"));
        Assert.Contains("Петренко Марія", summary);
        Assert.Contains("н 1", summary);

        var excused = All(await _bot.SayAsync(classTeacher, "/excuse Петренко 20.11"));
        Assert.Contains("«н» змінено на «хв» (1 урок,", excused);
        await using var db = Database.NewContext();
        Assert.Equal(AbsenceKind.Ill, (await db.Absences.SingleAsync()).Kind);
    }

    [Fact]
    public async Task SubjectTeacher_CannotExcuse()
    {
        var teacher = await AlgebraTeacherAsync();
        var reply = All(await _bot.SayAsync(teacher, "/excuse Петренко 20.11"));
        Assert.DoesNotContain("змінено", reply);
    }

    [Fact]
    public async Task Parent_ReportsAnIllness_AndTheClassTeacherIsNotified()
    {
        var mother = await MotherAsync();
        var asked = await _bot.SayAsync(mother, "/absent");
        var ill = asked[0].ButtonData("Хворіє");
        Assert.NotNull(ill);
        // The class teacher has no chat in this scenario: the parent is told where the school will see it, not "notified" (ADR 0035).
        var told = All(await _bot.PressAsync(mother, ill!));
        Assert.DoesNotContain("Класного керівника повідомлено", told);
        Assert.Contains("побачить його на сторінці класу в електронному журналі школи", told);
        await using var db = Database.NewContext();
        var notice = await db.AbsenceNotices.SingleAsync();
        Assert.Equal(("Хворіє", S.Ivanenko.Id), (notice.Reason, notice.StudentId));
        var row = await db.Outbox.SingleAsync(o => o.Kind == NotificationKind.AbsenceReport);
        Assert.Equal((RecipientKind.Staff, S.ClassTeacher.Id), (row.RecipientKind, row.RecipientId));
    }

    [Fact]
    public async Task Parent_TurnsMarkAlertsOff_InSettings()
    {
        var mother = await MotherAsync();
        var settings = await _bot.SayAsync(mother, "/settings");
        var marks = settings[0].ButtonData("✅ Оцінки");
        Assert.NotNull(marks);
        var after = await _bot.PressAsync(mother, marks!);
        Assert.Contains("⬜ оцінки", after[0].Text);
        await using var db = Database.NewContext();
        Assert.False((await db.Preferences.SingleAsync(p => p.PersonId == S.IvanenkoMother.Id)).MarkAlerts);
    }

    [Fact]
    public async Task Unlink_StopsTheChat()
    {
        var mother = await MotherAsync();
        Assert.Contains("відʼєднано", All(await _bot.SayAsync(mother, "/unlink")));
        Assert.Contains("код запрошення", All(await _bot.SayAsync(mother, "/diary")));
    }
}

public sealed class ConversationThroughTheEngine : ConversationScenarios
{
    protected override Bot.Domain.Audit.Channel ExpectedChannel => Bot.Domain.Audit.Channel.Telegram;

    protected override Task<IChatDriver> CreateDriverAsync(TestDatabase database, TestSchool school) =>
        Task.FromResult<IChatDriver>(new EngineDriver(database, school));

    [Fact]
    public async Task Teacher_IsToldTheMarkWasWritten_EvenWhenKeepingTheChatsSessionFails()
    {
        // A second Іваненко in 7-А: "/mark ... Іваненко 10" asks which one, and the question waits in the chat's session.
        await using (var db = Database.NewContext())
        {
            var namesake = new Bot.Domain.Roster.Student(S.School.Id, "Іваненко", "Ігор");
            db.Add(namesake);
            db.Add(new Bot.Domain.Roster.Enrolment(S.School.Id, namesake.Id, S.Class7A.Id, S.Year.Semester1Start, 0, false));
            await db.SaveChangesAsync();
        }

        var teacher = await LinkedAsync("algebra", PersonKind.Staff, S.AlgebraTeacher.Id);
        var question = await Driver.SayAsync(teacher, "/mark 7-А алгебра Іваненко 10");
        Assert.Contains("Кого саме", question[0].Text);
        var oleg = question[0].ButtonData("Іваненко Олег");
        Assert.NotNull(oleg);

        // The database refuses every change to the session row (a busy disk, another update of the chat): the mark's own
        // transaction commits, and the teacher must hear that it did — told "something went wrong", they would enter it twice.
        await using (var db = Database.NewContext())
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_sessions BEFORE UPDATE ON ChatSessions BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
        var after = await Driver.PressAsync(teacher, oleg!);

        Assert.Contains("Записано", string.Join("\n", after.Select(r => r.Text)));
        await using (var db = Database.NewContext())
        {
            var mark = await db.Marks.SingleAsync();
            Assert.Equal(S.Ivanenko.Id, mark.StudentId);
            Assert.Equal(new MarkValue(MarkKind.Points, 10), mark.Value);
        }
    }

    private async Task SchoolRulesAsync(bool viberAlerts, TimeOnly diary, TimeOnly? quietFrom, TimeOnly? quietTo, TimeSpan? undoWindow = null)
    {
        await using var db = Database.NewContext();
        var rules = NotificationRules.Defaults(S.School.Id, new NotificationDefaults());
        rules.Set(true, MarkAlertRule.All, true, true, true, diary, quietFrom, quietTo, viberAlerts);
        db.NotificationRules.Add(rules);
        if (undoWindow is not null) (await db.Schools.SingleAsync()).SetUndoWindow(undoWindow);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Settings_OfANewParent_AreTheSchoolsDefaults_AndViberIsExplainedWhenTheSchoolSendsNone()
    {
        await SchoolRulesAsync(viberAlerts: false, new TimeOnly(19, 0), new TimeOnly(22, 0), new TimeOnly(7, 0));
        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);
        var settings = (await Driver.SayAsync(mother, "/settings"))[0];
        Assert.Contains("щоденник щовечора о 19:00", settings.Text);
        Assert.Contains("тиша з 22:00 до 07:00", settings.Text);
        Assert.DoesNotContain("Школа не надсилає", settings.Text);

        var viber = (await Driver.PressAsync(mother, settings.ButtonData("Viber")!))[0].Text;
        Assert.Contains("📨 сповіщення в: Viber", viber);
        Assert.Contains("Школа не надсилає сповіщень у Viber", viber);
    }

    /// <summary>A parent's stored choices keep the school's diary time and quiet hours until they pick their own, and can go back to them.</summary>
    [Fact]
    public async Task Settings_TimesFollowTheSchool_UntilAParentPicksTheirOwn_AndCanGoBack()
    {
        await SchoolRulesAsync(viberAlerts: false, new TimeOnly(19, 0), new TimeOnly(22, 0), new TimeOnly(7, 0));
        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);
        var settings = (await Driver.SayAsync(mother, "/settings"))[0];
        Assert.Contains("щоденник щовечора о 19:00 (як у школі)", settings.Text);
        Assert.Null(settings.ButtonData("↺ Час і тиша як у школі"));

        await Driver.PressAsync(mother, settings.ButtonData("✅ Оцінки")!); // stores her choices, times still the school's
        await using (var db = Database.NewContext())
        {
            var rules = await db.NotificationRules.SingleAsync();
            rules.Set(true, MarkAlertRule.All, true, true, true, new TimeOnly(19, 30), new TimeOnly(22, 0), new TimeOnly(7, 0), false);
            await db.SaveChangesAsync();
        }

        settings = (await Driver.SayAsync(mother, "/settings"))[0];
        Assert.Contains("щоденник щовечора о 19:30 (як у школі)", settings.Text);
        Assert.Contains("⬜ оцінки", settings.Text);

        // The diary time: the hour, then its quarter (15:00–22:00 in 15-minute steps).
        var hours = (await Driver.PressAsync(mother, settings.ButtonData("🕒 Щоденник о 19:30")!))[0];
        var quarters = (await Driver.PressAsync(mother, hours.ButtonData("20:")!))[0];
        Assert.Equal(["20:00", "20:15", "20:30", "20:45"], quarters.Buttons.Select(b => b.Label).Where(l => l.StartsWith("20:", StringComparison.Ordinal)));
        var own = (await Driver.PressAsync(mother, quarters.ButtonData("20:00")!))[0];
        Assert.Contains("щоденник щовечора о 20:00", own.Text);
        Assert.DoesNotContain("20:00 (як у школі)", own.Text);
        var back = (await Driver.PressAsync(mother, own.ButtonData("↺ Час і тиша як у школі")!))[0];
        Assert.Contains("щоденник щовечора о 19:30 (як у школі)", back.Text);
        Assert.Contains("тиша з 22:00 до 07:00: сповіщення прийдуть зранку (як у школі)", back.Text);
    }

    [Fact]
    public async Task Teacher_PostingHomework_IsToldWhatTheFamiliesGet_ByTheSchoolsRules()
    {
        var teacher = await LinkedAsync("algebra", PersonKind.Staff, S.AlgebraTeacher.Id);
        var notice = string.Join("\n", (await Driver.SayAsync(teacher, "/homework 7-А алгебра № 301, 302")).Select(r => r.Text));
        Assert.Contains("Домашнє завдання записано (7-А · Алгебра, 20.11, урок 2): № 301, 302", notice);
        Assert.Contains("Батьки отримають його через 10 хв (у тихі години — вранці).", notice);

        // A school that sends homework only in the evening diary.
        await using (var db = Database.NewContext())
        {
            var rules = NotificationRules.Defaults(S.School.Id, new NotificationDefaults());
            rules.Set(true, MarkAlertRule.All, false, true, true, new TimeOnly(18, 0), null, null, false);
            db.NotificationRules.Add(rules);
            await db.SaveChangesAsync();
        }

        var diaryOnly = string.Join("\n", (await Driver.SayAsync(teacher, "/homework 7-А алгебра № 303")).Select(r => r.Text));
        Assert.Contains("Батьки побачать його у вечірньому щоденнику.", diaryOnly);
    }

    [Fact]
    public async Task Teacher_IsToldTheSchoolsOwnUndoWindow()
    {
        await SchoolRulesAsync(viberAlerts: true, new TimeOnly(18, 0), null, null, TimeSpan.FromMinutes(15));
        var teacher = await LinkedAsync("algebra", PersonKind.Staff, S.AlgebraTeacher.Id);
        var reply = string.Join("\n", (await Driver.SayAsync(teacher, "/mark 7-А алгебра Іваненко 11")).Select(r => r.Text));
        Assert.Contains("скасувати протягом 15 хв", reply);
    }

    [Fact]
    public async Task Parent_AsksForTheWeek_OneHeading_TheDaysSoFar_AndTheDaysAheadInOneLine()
    {
        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);
        S.Clock.Advance(TimeSpan.FromDays(5)); // Wednesday 25 November

        var week = (await Driver.SayAsync(mother, "/diary тиждень")).Select(r => r.Text).ToList();
        var text = string.Join("\n", week);
        Assert.StartsWith("Іваненко Олег, 7-А: пн 23.11 – пт 27.11", text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "Іваненко Олег"));
        Assert.Contains("Понеділок, 23 листопада", text);
        Assert.Contains("Сьогодні, 25 листопада", text);
        Assert.Contains("Чт 26.11 – пт 27.11: уроки ще не відбулися.", text);
        Assert.DoesNotContain("Четвер, 26 листопада", text);
    }

    [Fact]
    public async Task Parent_OnSunday_TheWeeksDiary_IsTheWeekJustEnded()
    {
        var teacher = await LinkedAsync("algebra", PersonKind.Staff, S.AlgebraTeacher.Id);
        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);
        await Driver.SayAsync(teacher, "/mark 7-А алгебра Іваненко 11");
        S.Clock.Advance(TimeSpan.FromDays(2)); // Sunday 22 November

        var week = string.Join("\n", (await Driver.SayAsync(mother, "/diary тиждень")).Select(r => r.Text));
        Assert.StartsWith("Іваненко Олег, 7-А: пн 16.11 – пт 20.11", week);
        Assert.Contains("Алгебра — 11", week);
        Assert.DoesNotContain("уроки ще не відбулися", week);
    }

    [Fact]
    public async Task Parent_OnSunday_TheDiaryShowsFriday_AndHomeworkIsForMonday()
    {
        var teacher = await LinkedAsync("algebra", PersonKind.Staff, S.AlgebraTeacher.Id);
        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);
        await Driver.SayAsync(teacher, "/mark 7-А алгебра Іваненко 11");
        await Driver.SayAsync(teacher, "/homework 7-А алгебра № 301, 302");
        S.Clock.Advance(TimeSpan.FromDays(2)); // Sunday 22 November

        var diary = string.Join("\n", (await Driver.SayAsync(mother, "/diary")).Select(r => r.Text));
        Assert.Contains("Пʼятниця, 20 листопада", diary);
        Assert.Contains("Алгебра — 11", diary);
        Assert.Contains("Д/з: № 301, 302", diary);
    }
}
