using Bot.Domain.Linking;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// A mother with a child in each of two schools of the installation (docs/architecture.md "Tenancy", ADR 0022), in one Telegram chat
/// through the fake Bot API server: the second school's code adds her second child; each child's diary, marks and
/// timetable are their own school's, on their own school's "today" (Kyiv 10:00, Tokyo 17:00 on the same Friday);
/// /settings is asked once and holds for both schools.
/// </summary>
public sealed class TwoSchoolParentTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TwoSchools _two = null!;
    private TelegramDriver _bot = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext())
        {
            _two = await TwoSchools.CreateAsync(db);
            await TwoSchools.AlgebraMarkAsync(db, _two.A, _two.A.Ivanenko, "10", "Лінійні рівняння", "№ 214");
            await TwoSchools.AlgebraMarkAsync(db, _two.B, _two.Sofia, "11", "Подібні трикутники", "№ 37");
        }

        _bot = await TelegramDriver.StartAsync(_database, _two.A);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static string All(IReadOnlyList<ChatReply> replies) => string.Join("\n", replies.Select(r => r.Text));

    private async Task<string> CodeAsync(TestSchool s, Guid guardian)
    {
        await using var db = _database.NewContext();
        return await TwoSchools.InviteAsync(db, s, PersonKind.Guardian, guardian);
    }

    /// <summary>Chooses a child with the /children buttons, then asks.</summary>
    private async Task<string> AboutAsync(string chat, string child, string command)
    {
        var children = await _bot.SayAsync(chat, "/children");
        var button = children.SelectMany(r => r.Buttons).Single(b => b.Label.StartsWith(child, StringComparison.Ordinal));
        Assert.Contains("Обрано", All(await _bot.PressAsync(chat, button.Data)));
        return All(await _bot.SayAsync(chat, command));
    }

    [Fact]
    public async Task Mother_LinksBothSchoolsInOneChat_AndReadsEachChildsOwnSchoolDay()
    {
        var chat = _bot.ChatOf("mother");
        Assert.Contains("Іваненко Олег (7-А)", All(await _bot.SayAsync(chat, "/start " + await CodeAsync(_two.A, _two.A.IvanenkoMother.Id))));
        // The second school's code, typed in: it adds Софія and keeps Олег.
        var second = All(await _bot.SayAsync(chat, await CodeAsync(_two.B, _two.MotherInB.Id)));
        Assert.Contains("Іваненко Софія (7-А)", second);
        await using (var db = _database.NewContext())
            Assert.Equal(2, await db.ChatLinks.CountAsync(l => l.ChatId == chat && l.IsActive));

        var children = await _bot.SayAsync(chat, "/children");
        var list = All(children);
        Assert.Contains("Ліцей № 1 (тест)", list);
        Assert.Contains("Гімназія № 5 (тест)", list);
        Assert.Contains(children.SelectMany(r => r.Buttons), b => b.Label == "Іваненко Софія (7-А), Гімназія № 5 (тест)");

        // Not narrowed: both children in one message, each under a heading with the school, each on their school's day.
        var both = Assert.Single(await _bot.SayAsync(chat, "/diary"));
        Assert.Contains("👤 Іваненко Олег, 7-А (Ліцей № 1 (тест))", both.Text);
        Assert.Contains("👤 Іваненко Софія, 7-А (Гімназія № 5 (тест))", both.Text);
        Assert.Contains("Алгебра — 10", both.Text);
        Assert.Contains("Алгебра — 11", both.Text);
        var sofia = All(await _bot.PressAsync(chat, both.ButtonData("Лише Іваненко Софія")!));
        Assert.Contains("Іваненко Софія, 7-А", sofia);
        Assert.Contains("Алгебра — 11", sofia);
        Assert.DoesNotContain("Олег", sofia);

        var oleg = await AboutAsync(chat, "Іваненко Олег", "/diary");
        Assert.Contains("Іваненко Олег, 7-А", oleg);
        Assert.Contains("Алгебра — 10", oleg);
        Assert.Contains("Алгебра", await AboutAsync(chat, "Іваненко Олег", "/marks"));
        Assert.Contains("Іваненко Софія: домашнє завдання на понеділок, 23 листопада", await AboutAsync(chat, "Іваненко Софія", "/homework"));

        // Each school's own clock: 10:00 in Kyiv shows today's lessons, 17:00 in Tokyo the next school day's (Monday).
        Assert.Contains("Іваненко Олег: розклад на сьогодні, 20 листопада", await AboutAsync(chat, "Іваненко Олег", "/timetable"));
        Assert.Contains("Іваненко Софія: розклад на понеділок, 23 листопада", await AboutAsync(chat, "Іваненко Софія", "/timetable"));
        Assert.Contains("Іваненко Софія: пропусків немає.", await AboutAsync(chat, "Іваненко Софія", "/attendance"));
    }

    [Fact]
    public async Task Mother_InTwoSchools_SetsHerPreferencesOnce_ForBoth()
    {
        var chat = _bot.ChatOf("mother");
        await _bot.SayAsync(chat, "/start " + await CodeAsync(_two.A, _two.A.IvanenkoMother.Id));
        await _bot.SayAsync(chat, await CodeAsync(_two.B, _two.MotherInB.Id));

        var settings = await _bot.SayAsync(chat, "/settings");
        Assert.Single(settings, r => r.Text.Contains("Налаштування сповіщень"));
        var hours = await _bot.PressAsync(chat, settings.SelectMany(r => r.Buttons).Single(b => b.Label.StartsWith("🕒 Щоденник", StringComparison.Ordinal)).Data);
        var quarters = await _bot.PressAsync(chat, hours.SelectMany(r => r.Buttons).Single(b => b.Label == "19:…").Data);
        var saved = All(await _bot.PressAsync(chat, quarters.SelectMany(r => r.Buttons).Single(b => b.Label == "19:00").Data));
        Assert.Contains("щоденник щовечора о 19:00", saved);

        await using var db = _database.NewContext();
        var prefs = await db.Preferences.AsNoTracking().Where(p => p.Kind == PersonKind.Guardian).ToListAsync();
        Assert.Equal([_two.A.School.Id, _two.B.School.Id], prefs.Select(p => p.SchoolId).Order());
        Assert.All(prefs, p => Assert.Equal(new TimeOnly(19, 0), p.DailyDiaryTime));
    }
}

/// <summary>
/// A teacher who works at both schools (two staff records, one chat): a typed command that names its class marks in the
/// school that teaches that class, on that school's day (ADR 0022).
/// </summary>
public sealed class TwoSchoolTeacherTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TwoSchools _two = null!;
    private Bot.Domain.Roster.Staff _teacherInB = null!;
    private Bot.Domain.Roster.Student _vira = null!;
    private TelegramDriver _bot = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext())
        {
            _two = await TwoSchools.CreateAsync(db);
            var b = _two.B;
            // Коваленко Ірина teaches algebra in A's 7-А and, part-time, geometry in B's 9-Б (Friday, 3rd lesson).
            _teacherInB = new Bot.Domain.Roster.Staff(b.School.Id, "Коваленко", "Ірина", "Петрівна", Bot.Domain.Roster.StaffRoles.Teacher);
            var class9 = new Bot.Domain.Roster.SchoolClass(b.School.Id, b.Year.Id, Bot.Domain.Roster.ClassName.Parse("9-Б").Value);
            _vira = new Bot.Domain.Roster.Student(b.School.Id, "Мельничук", "Віра");
            db.AddRange(_teacherInB, class9, _vira);
            db.Add(new Bot.Domain.Roster.Enrolment(b.School.Id, _vira.Id, class9.Id, b.Year.Semester1Start, 0, false));
            db.Add(new Bot.Domain.Roster.TeachingAssignment(b.School.Id, _teacherInB.Id, class9.Id, b.Geometry.Id));
            db.Add(new Bot.Domain.Timetable.TimetableEntry(b.School.Id, class9.Id, b.Geometry.Id, DayOfWeek.Friday, 3, _teacherInB.Id));
            class9.AssignClassTeacher(_teacherInB.Id); // and leads 9-Б there; in A she leads no class
            await db.SaveChangesAsync();
        }

        _bot = await TelegramDriver.StartAsync(_database, _two.A);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<string> LinkedToBothAsync()
    {
        var chat = _bot.ChatOf("kovalenko");
        await using var db = _database.NewContext();
        await _bot.SayAsync(chat, "/start " + await TwoSchools.InviteAsync(db, _two.A, PersonKind.Staff, _two.A.AlgebraTeacher.Id));
        await _bot.SayAsync(chat, "/start " + await TwoSchools.InviteAsync(db, _two.B, PersonKind.Staff, _teacherInB.Id));
        return chat;
    }

    [Fact]
    public async Task Teacher_LinkedToBothSchools_MarksInEach_ByNamingTheClass()
    {
        var chat = await LinkedToBothAsync();

        var inB = string.Join("\n", (await _bot.SayAsync(chat, "/mark 9-Б геом Мельничук 9")).Select(r => r.Text));
        Assert.Contains("Записано: 9-Б · Геометрія · 20.11", inB);
        Assert.Contains("Мельничук Віра — 9", inB);
        var inA = string.Join("\n", (await _bot.SayAsync(chat, "/mark 7-А алгебра Іваненко 10")).Select(r => r.Text));
        Assert.Contains("Іваненко Олег — 10", inA);

        await using var check = _database.NewContext();
        var marks = await check.Marks.AsNoTracking().ToListAsync();
        Assert.Equal([_two.A.School.Id, _two.B.School.Id], marks.Select(m => m.SchoolId).Order());
        Assert.Equal(_two.B.School.Id, marks.Single(m => m.StudentId == _vira.Id).SchoolId);
        // Each mark is attributed to the staff record of its own school, in that school's audit chain.
        var audit = await check.AuditRecords.AsNoTracking().Where(r => r.EntityType == "Mark").ToListAsync();
        Assert.Equal((_teacherInB.Id, _two.B.School.Id), audit.Where(r => r.ActorId == _teacherInB.Id).Select(r => (r.ActorId!.Value, r.SchoolId)).Single());
        Assert.Contains(audit, r => r.ActorId == _two.A.AlgebraTeacher.Id && r.SchoolId == _two.A.School.Id);
    }

    [Fact]
    public async Task Teacher_LinkedToBothSchools_MarksByButtonsInTheSecond_UndoesIt_AndReadsTheClassSheLeadsThere()
    {
        var chat = await LinkedToBothAsync();

        // The day of both schools, each lesson marked with its school.
        var lessons = (await _bot.SayAsync(chat, "/mark"))[0];
        var labels = lessons.Buttons.Select(b => b.Label).ToList();
        Assert.Contains("3. 9-Б · Геометрія — Гімназія № 5 (тест)", labels);
        Assert.Contains(labels, l => l.Contains("7-А · Алгебра", StringComparison.Ordinal) && l.EndsWith("— Ліцей № 1 (тест)", StringComparison.Ordinal));

        var rollCall = (await _bot.PressAsync(chat, lessons.ButtonData("3. 9-Б")!))[0];
        Assert.Contains("9-Б · Геометрія\n20.11.2026, урок 3", rollCall.Text);
        var list = (await _bot.PressAsync(chat, rollCall.ButtonData("Усі присутні")!))[0];
        var values = (await _bot.PressAsync(chat, list.Buttons.First(b => b.Label.Contains("Мельничук", StringComparison.Ordinal)).Data))[0];
        var after = (await _bot.PressAsync(chat, values.Buttons.Single(b => b.Label == "9").Data))[0];
        Assert.Contains("Мельничук В. · 9", after.Buttons.Select(b => b.Label));
        await using (var check = _database.NewContext())
        {
            var mark = await check.Marks.AsNoTracking().SingleAsync();
            Assert.Equal((_vira.Id, _two.B.School.Id), (mark.StudentId, mark.SchoolId));
            var audit = await check.AuditRecords.AsNoTracking().SingleAsync(r => r.EntityType == "Mark");
            Assert.Equal((_teacherInB.Id, _two.B.School.Id), (audit.ActorId!.Value, audit.SchoolId)); // B's record, in B's chain
        }

        // /undo takes back the latest entry of either record: this one, although the chat's first record is A's.
        var undone = string.Join("\n", (await _bot.SayAsync(chat, "/undo")).Select(r => r.Text));
        Assert.Contains("Скасовано", undone);
        Assert.Contains("Мельничук", undone);
        await using (var check = _database.NewContext())
            Assert.Empty(await check.Marks.AsNoTracking().ToListAsync());

        // She leads no class in A: /attendance without a class is her 9-Б's in B, not a refusal.
        var attendance = string.Join("\n", (await _bot.SayAsync(chat, "/attendance")).Select(r => r.Text));
        Assert.Contains("9-Б: відвідування 16.11–20.11", attendance);
    }
}
