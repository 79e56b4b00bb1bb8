using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Domain.Timetable;
using Bot.Host.Conversation;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// The lesson flow's keypad and column switch (ADR 0031) beyond current marks: the special marks of M-11 offered where the
/// journal takes them ("зв", "зар" in physical education, "н/а" in "Тематична", "н/о" in "Зошит") and refused, nothing
/// written, when a forged button brings one elsewhere; the period columns (M-6, M-7, M-8) and, in an НУШ class, the
/// groups of results (N-7) offered only in their window (ADR 0033) — outside it a line names the dates and a forged
/// button is refused with them. Through the fake Telegram server (and Viber for the groups of results), on SQLite,
/// with the delivery running so the parent's chat shows what an alert does.
/// </summary>
public sealed class LessonFlowColumnsTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private const long MotherChat = 730101L;

    /// <summary>Friday 18 December 2026: inside semester I's window (13.12.2026–11.01.2027).</summary>
    private static readonly DateTimeOffset InTheWindow = new(2026, 12, 18, 8, 0, 0, TimeSpan.Zero);

    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private NusClass _nus = null!;
    private Subject _pe = null!;
    private List<ResultGroup> _groups = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
        _nus = await NusClass.AddAsync(db, S);
        (await new ResultGroupService(db, S.Clock).SeedDefaultsAsync(S.As(S.Deputy), S.School.Id, S.Year.Id)).GetValueOrThrow();
        _groups = (await db.ResultGroups.Where(g => g.SubjectId == _nus.Mathematics.Id).ToListAsync()).OrderBy(g => g.Number).ToList();
        _pe = new Subject(S.School.Id, "Фізична культура", traits: new SubjectTraits(IsPhysicalEducation: true), aliases: "фізра");
        db.Add(_pe);
        db.Add(new TeachingAssignment(S.School.Id, S.OtherTeacher.Id, S.Class7A.Id, _pe.Id));
        // Friday: 7-А algebra is lesson 2 (the test school's); 6-А mathematics 3, 7-А PE 4, 3-А reading 5.
        db.Add(new TimetableEntry(S.School.Id, _nus.Class6A.Id, _nus.Mathematics.Id, DayOfWeek.Friday, 3, S.AlgebraTeacher.Id));
        db.Add(new TimetableEntry(S.School.Id, S.Class7A.Id, _pe.Id, DayOfWeek.Friday, 4, S.OtherTeacher.Id));
        db.Add(new TimetableEntry(S.School.Id, S.Class3A.Id, S.Reading.Id, DayOfWeek.Friday, 5, S.OtherTeacher.Id));
        (await db.Schools.SingleAsync()).SetUndoWindow(Window);
        await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Guardian, S.IvanenkoMother.Id, MotherChat);
        db.Add(new Consent(S.School.Id, S.IvanenkoMother.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<TelegramDriver> TelegramAsync(ShiftedClock clock) =>
        TelegramDriver.StartAsync(_database, S, clock: clock, settings: new Dictionary<string, string?> { ["Delivery:PollInterval"] = "00:00:00.100" });

    private async Task<string> LinkAsync(IChatDriver bot, Guid staffId, string person)
    {
        await using var db = _database.NewContext();
        var code = (await new InviteService(db, S.Clock, new LinkingSettings()).CreateAsync(Actor.System(), PersonKind.Staff, staffId)).GetValueOrThrow().Code;
        var chat = bot.ChatOf(person);
        Assert.Contains("Вітаємо", (await bot.SayAsync(chat, "/start " + code))[0].Text);
        return chat;
    }

    /// <summary>/lesson, the lesson by its number, «Усі присутні»: the marks screen, and the lesson's id.</summary>
    private static async Task<(ChatReply Screen, Guid LessonId)> OpenAsync(IChatDriver bot, TestDatabase database, string teacher, string lesson)
    {
        var list = (await bot.SayAsync(teacher, "/lesson")).Last();
        var rollCall = (await bot.PressAsync(teacher, list.ButtonData(lesson)!)).Last();
        var screen = (await bot.PressAsync(teacher, rollCall.ButtonData("Усі присутні")!)).Last();
        Assert.Contains("Перекличку записано: усі присутні", screen.Text);
        await using var db = database.NewContext();
        var id = (await db.Lessons.Where(l => l.RollCallAtUtc != null).OrderByDescending(l => l.RollCallAtUtc).FirstAsync()).Id;
        return (screen, id);
    }

    private static async Task<ChatReply> PressAsync(IChatDriver bot, string chat, ChatReply on, string label)
    {
        var data = on.Buttons.FirstOrDefault(b => b.Label == label).Data;
        Assert.True(data is not null, $"«{label}» among: {string.Join(" | ", on.Buttons.Select(b => b.Label))}");
        return (await bot.PressAsync(chat, data!)).Last();
    }

    /// <summary>The keypad's values: the buttons whose data writes a mark ("lf|v|…"), by label.</summary>
    private static List<string> Keypad(ChatReply screen) =>
        screen.Buttons.Where(b => b.Data.StartsWith("lf|v|", StringComparison.Ordinal) && b.Label != "Очистити").Select(b => b.Label).ToList();

    /// <summary>A press of data the chat was never given, on its latest message: what the bot answers.</summary>
    private static async Task<string> ForgedAsync(TelegramDriver bot, string chat, string data) =>
        string.Join("\n", (await bot.PressForgedAsync(chat, data)).Select(r => r.Text));

    private async Task<(int Marks, int Outbox)> CountsAsync()
    {
        await using var db = _database.NewContext();
        return (await db.Marks.CountAsync(), await db.Outbox.CountAsync());
    }

    private async Task<string> MothersMessageAsync(TelegramDriver bot, ShiftedClock clock)
    {
        clock.Advance(Window + TimeSpan.FromSeconds(5));
        var sent = await bot.Telegram.WaitForMessagesAsync(MotherChat, 1, TimeSpan.FromSeconds(20));
        return Assert.Single(sent).PlainText;
    }

    [Fact]
    public async Task ASpecialMark_ByATap_InPhysicalEducation_IsStored_AndTheParentIsAlerted_AsForATypedOne_M11()
    {
        var clock = new ShiftedClock(TestSchool.Now);
        await using var bot = await TelegramAsync(clock);
        var teacher = await LinkAsync(bot, S.OtherTeacher.Id, "pe");
        var (screen, _) = await OpenAsync(bot, _database, teacher, "4. 7-А");

        Assert.Contains("Поточна для Іваненко Олег:", screen.Text);
        var keys = Keypad(screen);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "зв", "зар"], keys); // no "н/а" among current marks
        screen = await PressAsync(bot, teacher, screen, "зв");
        Assert.Contains("Іваненко О.: зв", screen.Text);
        Assert.Contains("Іваненко О. · зв", screen.Buttons.Select(b => b.Label));
        // The flow moved on to the next student; "зар" for a student of the special health group, by a tap too.
        Assert.Contains("Поточна для Петренко Марія:", screen.Text);
        screen = await PressAsync(bot, teacher, screen, "зар");
        Assert.Contains("Петренко М. · зар", screen.Buttons.Select(b => b.Label));

        await using (var db = _database.NewContext())
        {
            var marks = await db.Marks.Where(m => m.SubjectId == _pe.Id).ToListAsync();
            Assert.Equal(("зв", MarkColumn.Current), (marks.Single(m => m.StudentId == S.Ivanenko.Id).Value.Text, marks.Single(m => m.StudentId == S.Ivanenko.Id).Column));
            Assert.Equal("зар", marks.Single(m => m.StudentId == S.Petrenko.Id).Value.Text);
            // Held for the undo window like a typed mark's alert: a row per guardian of Іваненко.
            Assert.Equal(2, await db.Outbox.CountAsync(o => o.Kind == NotificationKind.MarkAlert));
        }

        var told = await MothersMessageAsync(bot, clock);
        Assert.Contains("Іваненко Олег: зв з фізичної культури", told); // as "/mark 7-А фізра Іваненко зв" would tell her
    }

    [Fact]
    public async Task SpecialMarks_AreOffered_OnlyInTheColumnsThatTakeThem_AndAForgedOne_IsRefusedInUkrainian_NothingWritten_M11()
    {
        await using var bot = await TelegramAsync(new ShiftedClock(TestSchool.Now));
        var teacher = await LinkAsync(bot, S.AlgebraTeacher.Id, "algebra");
        var (screen, lessonId) = await OpenAsync(bot, _database, teacher, "2. 7-А");

        // Algebra's current marks: the points only.
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"], Keypad(screen));
        var thematic = await PressAsync(bot, teacher, screen, "Тематична");
        Assert.Equal("н/а", Keypad(thematic).Last());
        Assert.DoesNotContain("зв", Keypad(thematic));
        var notebook = await PressAsync(bot, teacher, thematic, "Зошит");
        Assert.Equal("н/о", Keypad(notebook).Last());
        Assert.DoesNotContain("н/а", Keypad(notebook));

        var cell = $"lf|v|{ButtonData.Id(lessonId)}|{ButtonData.Id(S.Ivanenko.Id)}";
        Assert.Equal("«зв» ставлять лише з фізичної культури та «Захисту України», а з інших предметів — тільки в колонку «ДПА».",
            await ForgedAsync(bot, teacher, $"{cell}|0|zv"));
        Assert.Equal("«зар» ставлять лише з фізичної культури учням спеціальної медичної групи.", await ForgedAsync(bot, teacher, $"{cell}|0|zr"));
        Assert.Equal("«н/а» ставлять лише в колонки «Тематична», «І семестр», «ІІ семестр», «Річна» та «ДПА».",
            await ForgedAsync(bot, teacher, $"{cell}|0|na"));
        Assert.Equal((0, 0), await CountsAsync());
    }

    /// <summary>
    /// In semester I's window, on 6-А's mathematics (НУШ): «Групи результатів» → the group → the keypad; the mark is written
    /// to that group, placed at the semester's end, and — as a typed "/mark … гр2" — alerts nobody (ADR 0032).
    /// </summary>
    private async Task AGroupOfResultsMark_FromTheFlow_Async(IChatDriver bot, string teacher)
    {
        var (screen, _) = await OpenAsync(bot, _database, teacher, "3. 6-А");
        Assert.DoesNotContain("можна виставити", screen.Text);
        var columns = screen.Buttons.Select(b => b.Label).ToList();
        Assert.Contains("І семестр", columns);
        Assert.Contains("Скоригована (І семестр)", columns);
        Assert.DoesNotContain("ІІ семестр", columns);
        Assert.DoesNotContain("Річна", columns);

        var groups = await PressAsync(bot, teacher, screen, "Групи результатів");
        Assert.Contains("Групи результатів, І семестр: оберіть групу.", groups.Text);
        foreach (var g in _groups) Assert.Contains($"{g.Code} · {g.Title}", groups.Buttons.Select(b => b.Label));
        screen = await PressAsync(bot, teacher, groups, $"{_groups[1].Code} · {_groups[1].Title}");
        Assert.Contains($"{_groups[1].Code} — {_groups[1].Title}, І семестр.", screen.Text);
        Assert.Contains($"{_groups[1].Code} для Кравчук Ярина:", screen.Text);
        Assert.Equal("н/а", Keypad(screen).Last());
        screen = await PressAsync(bot, teacher, screen, "9");
        Assert.Contains("Кравчук Я. · 9", screen.Buttons.Select(b => b.Label));
        Assert.Contains("✓ " + _groups[1].Code, screen.Buttons.Select(b => b.Label));

        await using var db = _database.NewContext();
        var mark = await db.Marks.SingleAsync();
        Assert.Equal((MarkColumn.ResultGroup1, _groups[1].Id, S.Year.Semester1End, "9", _nus.Kravchuk.Id),
            (mark.Column, mark.ResultGroupId, mark.Date, mark.Value.Text, mark.StudentId));
        Assert.Empty(await db.Outbox.ToListAsync()); // as "/mark 6-А математика гр2: Кравчук 9": a group's mark alerts nobody
    }

    [Fact]
    public async Task Telegram_InTheWindow_AGroupOfResultsMark_FromTheFlow_IsWritten_WithoutAnAlert_AsATypedGr_N7()
    {
        await using var bot = await TelegramAsync(new ShiftedClock(InTheWindow));
        var teacher = await LinkAsync(bot, S.AlgebraTeacher.Id, "algebra");
        await AGroupOfResultsMark_FromTheFlow_Async(bot, teacher);
        // The typed command beside it: the same, nothing queued.
        Assert.Contains("Записано", (await bot.SayAsync(teacher, "/mark 6-А математика гр2: Мороз 10")).Single().Text);
        Assert.Equal((2, 0), await CountsAsync());
    }

    [Fact]
    public async Task Viber_InTheWindow_AGroupOfResultsMark_FromTheFlow_IsWritten_WithoutAnAlert_N7()
    {
        await using var bot = await ViberDriver.StartAsync(_database, S, new ShiftedClock(InTheWindow));
        var teacher = await LinkAsync(bot, S.AlgebraTeacher.Id, "algebra");
        await AGroupOfResultsMark_FromTheFlow_Async(bot, teacher);
    }

    [Fact]
    public async Task InTheWindow_ASemesterMark_FromTheFlow_StandsAtTheSemestersEnd_AndTheParentHearsOfIt_M6()
    {
        var clock = new ShiftedClock(InTheWindow);
        await using var bot = await TelegramAsync(clock);
        var teacher = await LinkAsync(bot, S.AlgebraTeacher.Id, "algebra");
        var (screen, _) = await OpenAsync(bot, _database, teacher, "2. 7-А");
        Assert.DoesNotContain("Групи результатів", screen.Buttons.Select(b => b.Label)); // 7-А is not an НУШ class
        screen = await PressAsync(bot, teacher, screen, "І семестр");
        Assert.Contains("І семестр для Іваненко Олег:", screen.Text);
        Assert.Equal("н/а", Keypad(screen).Last());
        screen = await PressAsync(bot, teacher, screen, "11");
        Assert.Contains("Іваненко О. · 11", screen.Buttons.Select(b => b.Label));
        Assert.Contains("✓ І семестр", screen.Buttons.Select(b => b.Label));
        await using (var db = _database.NewContext())
        {
            var mark = await db.Marks.SingleAsync();
            Assert.Equal((MarkColumn.Semester1, S.Year.Semester1End, "11"), (mark.Column, mark.Date, mark.Value.Text));
        }

        Assert.Contains("11", await MothersMessageAsync(bot, clock));
    }

    [Fact]
    public async Task InTheWindow_Grade3_GetsItsSemesterColumnWithTheLevels_AndNoCorrectedColumn_N13()
    {
        await using var bot = await TelegramAsync(new ShiftedClock(InTheWindow));
        var teacher = await LinkAsync(bot, S.OtherTeacher.Id, "reading");
        var (screen, _) = await OpenAsync(bot, _database, teacher, "5. 3-А");
        Assert.DoesNotContain("Скоригована (І семестр)", screen.Buttons.Select(b => b.Label));
        screen = await PressAsync(bot, teacher, screen, "І семестр");
        Assert.Equal(["П", "С", "Д", "В", "н/а"], Keypad(screen));
        screen = await PressAsync(bot, teacher, screen, "Д");
        Assert.Contains("Ґудзь О. · Д", screen.Buttons.Select(b => b.Label));
        await using var db = _database.NewContext();
        Assert.Equal((MarkColumn.Semester1, "Д"), ((await db.Marks.SingleAsync()).Column, (await db.Marks.SingleAsync()).Value.Text));
    }

    [Fact]
    public async Task OutOfTheWindow_PeriodColumnsAreNotOffered_ALineSaysWhenTheyOpen_AndForgedButtonsAreRefused_NothingWritten()
    {
        await using var bot = await TelegramAsync(new ShiftedClock(TestSchool.Now)); // 20 November
        var teacher = await LinkAsync(bot, S.AlgebraTeacher.Id, "algebra");
        var (screen, lessonId) = await OpenAsync(bot, _database, teacher, "3. 6-А");
        Assert.Contains("Семестрову оцінку за І семестр можна виставити з 13.12.2026 до 11.01.2027.", screen.Text);
        var labels = screen.Buttons.Select(b => b.Label).ToList();
        foreach (var shut in new[] { "І семестр", "Скоригована (І семестр)", "Групи результатів", "ІІ семестр", "Річна" })
            Assert.DoesNotContain(shut, labels);

        var lesson = ButtonData.Id(lessonId);
        var kravchuk = ButtonData.Id(_nus.Kravchuk.Id);
        const string groupsShut = "Оцінки за групами результатів за І семестр можна виставити з 13.12.2026 до 11.01.2027.";
        Assert.Equal(groupsShut, await ForgedAsync(bot, teacher, $"lf|g|{lesson}|{(int)MarkColumn.ResultGroup1}"));
        Assert.Equal(groupsShut, await ForgedAsync(bot, teacher, $"lf|m|{lesson}|{(int)MarkColumn.ResultGroup1}.2"));
        Assert.Equal(groupsShut, await ForgedAsync(bot, teacher, $"lf|v|{lesson}|{kravchuk}|{(int)MarkColumn.ResultGroup1}.2|9"));
        Assert.Equal("Семестрову оцінку за І семестр можна виставити з 13.12.2026 до 11.01.2027.",
            await ForgedAsync(bot, teacher, $"lf|v|{lesson}|{kravchuk}|{(int)MarkColumn.Semester1}|9"));
        Assert.Equal("Річну оцінку можна виставити з 17.05.2027 до 10.06.2027.",
            await ForgedAsync(bot, teacher, $"lf|v|{lesson}|{kravchuk}|{(int)MarkColumn.Annual}|9"));
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task InTheWindow_AForgedButtonForAnotherColumn_IsRefused_NothingWritten()
    {
        await using var bot = await TelegramAsync(new ShiftedClock(InTheWindow));
        var teacher = await LinkAsync(bot, S.AlgebraTeacher.Id, "algebra");
        var (_, algebra) = await OpenAsync(bot, _database, teacher, "2. 7-А");
        var (_, maths) = await OpenAsync(bot, _database, teacher, "3. 6-А");
        var ivanenko = $"lf|v|{ButtonData.Id(algebra)}|{ButtonData.Id(S.Ivanenko.Id)}";
        var kravchuk = $"lf|v|{ButtonData.Id(maths)}|{ButtonData.Id(_nus.Kravchuk.Id)}";

        // A group of results in a class that is not НУШ; a group the subject does not have; a group column without its group.
        Assert.Equal("7-А — не клас НУШ: оцінки за групами результатів ставлять лише в класах НУШ.",
            await ForgedAsync(bot, teacher, $"{ivanenko}|{(int)MarkColumn.ResultGroup1}.1|9"));
        Assert.Equal(Bot.Host.Conversation.Handlers.Replies.Expired, await ForgedAsync(bot, teacher, $"{kravchuk}|{(int)MarkColumn.ResultGroup1}.9|9"));
        Assert.Equal(Bot.Host.Conversation.Handlers.Replies.Expired, await ForgedAsync(bot, teacher, $"{kravchuk}|{(int)MarkColumn.ResultGroup1}|9"));
        // Columns the flow does not keep (ДПА in grade 7) and a group number on a column that has none.
        Assert.Equal(Bot.Host.Conversation.Handlers.Replies.Expired, await ForgedAsync(bot, teacher, $"{ivanenko}|{(int)MarkColumn.Dpa}|9"));
        Assert.Equal(Bot.Host.Conversation.Handlers.Replies.Expired, await ForgedAsync(bot, teacher, $"{ivanenko}|{(int)MarkColumn.Semester1}.1|9"));
        // The semester-II columns stay shut in semester I's window.
        Assert.Equal("Семестрову оцінку за ІІ семестр можна виставити з 17.05.2027 до 10.06.2027.",
            await ForgedAsync(bot, teacher, $"{ivanenko}|{(int)MarkColumn.Semester2}|9"));
        Assert.Equal((0, 0), await CountsAsync());
    }
}
