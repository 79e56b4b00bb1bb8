using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// /undo takes back what one command wrote, whole (ADR 0029): a teacher in Telegram marks five students or makes two
/// absent, undoes, and the parents' chats stay silent past the undo window, while a write left standing reaches its
/// parent (the sender runs). A second /undo takes back the command before; after the window /undo says so and changes
/// nothing; "н" over a mark is refused with the mark named. Time: the bot's clock jumps past the 30-second window.
/// </summary>
public sealed class UndoThroughTelegramTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private TelegramDriver _bot = null!;
    private readonly ShiftedClock _clock = new(TestSchool.Now);
    private Student _kulyk = null!, _moroz = null!;

    /// <summary>Each 7-А student's parent's Telegram chat (consent recorded).</summary>
    private readonly Dictionary<string, long> _parents = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext())
        {
            S = await TestSchool.CreateAsync(db);
            (await db.Schools.SingleAsync()).SetUndoWindow(Window);
            _kulyk = new Student(S.School.Id, "Кулик", "Ярина");
            _moroz = new Student(S.School.Id, "Мороз", "Денис");
            db.AddRange(_kulyk, _moroz);
            foreach (var s in new[] { _kulyk, _moroz }) db.Add(new Enrolment(S.School.Id, s.Id, S.Class7A.Id, S.Year.Semester1Start, 0, false));
            var chat = 720001L;
            foreach (var (name, student, guardian) in new (string, Student, Guardian?)[]
                     {
                         ("Іваненко", S.Ivanenko, S.IvanenkoMother), ("Петренко", S.Petrenko, null), ("Сидоренко", S.Sydorenko, null),
                         ("Кулик", _kulyk, null), ("Мороз", _moroz, null),
                     })
            {
                var parent = guardian ?? new Guardian(S.School.Id, student.LastName, "Олена");
                if (guardian is null) db.AddRange(parent, new GuardianStudent(parent.Id, student.Id, "мати"));
                await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Guardian, parent.Id, chat);
                db.Add(new Consent(S.School.Id, parent.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
                _parents[name] = chat++;
            }

            await db.SaveChangesAsync();
        }

        _bot = await TelegramDriver.StartAsync(_database, S, clock: _clock,
            settings: new Dictionary<string, string?> { ["Delivery:PollInterval"] = "00:00:00.100" });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<string> TeacherAsync()
    {
        string code;
        await using (var db = _database.NewContext())
            code = (await new InviteService(db, S.Clock, new LinkingSettings()).CreateAsync(Bot.Domain.Journal.Actor.System(), PersonKind.Staff, S.AlgebraTeacher.Id))
                .GetValueOrThrow().Code;
        var chat = _bot.ChatOf("algebra");
        Assert.Contains("Вітаємо", (await _bot.SayAsync(chat, "/start " + code))[0].Text);
        return chat;
    }

    private async Task<string> SayAsync(string chat, string text) => string.Join("\n", (await _bot.SayAsync(chat, text)).Select(r => r.Text));

    /// <summary>
    /// Past the window: the alert of the write left standing reaches its parent (so the sender did run), and every other
    /// parent's chat is silent.
    /// </summary>
    private async Task PastTheWindow_OnlyTheStandingWriteReachesItsParent(string standing, string expected)
    {
        _clock.Advance(Window + TimeSpan.FromSeconds(5));
        var sent = await _bot.Telegram.WaitForMessagesAsync(_parents[standing], 1, TimeSpan.FromSeconds(20));
        Assert.Contains(expected, Assert.Single(sent).PlainText);
        for (var waited = 0; ; waited += 100)
        {
            await using var db = _database.NewContext();
            if (!await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending || o.State == OutboxState.Sending)) break;
            Assert.True(waited < 10_000, "every row of the outbox to be settled");
            await Task.Delay(100);
        }

        foreach (var (name, chat) in _parents.Where(p => p.Key != standing))
            Assert.Empty(_bot.Telegram.MessagesTo(chat).Select(m => m.PlainText));
    }

    [Fact]
    public async Task Undo_AfterAFiveStudentMark_TakesBackAllFive_AndNoParentHearsOfThem()
    {
        var teacher = await TeacherAsync();
        var marked = await SayAsync(teacher, "/mark 7-А алгебра: Іваненко 10, Петренко 9, Сидоренко 8, Кулик 7, Мороз 6");
        Assert.Contains("Записано", marked);
        Assert.Contains("скасувати протягом 30 с", marked); // the real window, not "1 хв"

        var undone = await SayAsync(teacher, "/undo");
        Assert.Contains("Скасовано:", undone);
        foreach (var line in new[] { "Іваненко Олег: 10 → порожньо", "Петренко Марія: 9 → порожньо", "Сидоренко Андрій: 8 → порожньо", "Кулик Ярина: 7 → порожньо", "Мороз Денис: 6 → порожньо" })
            Assert.Contains(line, undone);
        await using (var db = _database.NewContext())
        {
            Assert.Equal(0, await db.Marks.CountAsync());
            var alerts = await db.Outbox.Where(o => o.Kind == NotificationKind.MarkAlert).ToListAsync();
            Assert.Equal(6, alerts.Count); // a row per guardian: Іваненко has two
            Assert.All(alerts, a => Assert.Equal(OutboxState.Cancelled, a.State));
        }

        Assert.Contains("Немає записів, які можна скасувати", await SayAsync(teacher, "/undo"));
        // A mark that stands: its parent hears of it after the window, nobody else hears anything.
        Assert.Contains("Записано", await SayAsync(teacher, "/mark 7-А алгебра Петренко 11"));
        await PastTheWindow_OnlyTheStandingWriteReachesItsParent("Петренко", "11");
    }

    [Fact]
    public async Task Undo_AfterATwoStudentAbsence_TakesBackBoth_AndASecondUndoTheCommandBefore()
    {
        var teacher = await TeacherAsync();
        Assert.Contains("Записано", await SayAsync(teacher, "/mark 7-А алгебра Петренко 11")); // stays
        Assert.Contains("Записано", await SayAsync(teacher, "/mark 7-А алгебра Іваненко 4"));
        var absent = await SayAsync(teacher, "/absent 7-А Кулик Мороз");
        Assert.Contains("Відсутні", absent);
        Assert.Contains("скасувати протягом 30 с", absent);

        var first = await SayAsync(teacher, "/undo");
        Assert.Contains("Кулик Ярина: н → порожньо", first);
        Assert.Contains("Мороз Денис: н → порожньо", first);
        Assert.DoesNotContain("Іваненко", first);
        await using (var db = _database.NewContext()) Assert.Equal(0, await db.Absences.CountAsync());

        var second = await SayAsync(teacher, "/undo");
        Assert.Contains("Іваненко Олег: 4 → порожньо", second);
        Assert.DoesNotContain("Петренко", second);
        await using (var db = _database.NewContext())
            Assert.Equal(S.Petrenko.Id, (await db.Marks.SingleAsync()).StudentId);

        await PastTheWindow_OnlyTheStandingWriteReachesItsParent("Петренко", "11");
    }

    [Fact]
    public async Task Undo_AfterTheWindow_SaysSo_AndChangesNothing_AndTheOccupiedCellIsNamed()
    {
        var teacher = await TeacherAsync();
        await SayAsync(teacher, "/mark 7-А алгебра Іваненко 9");
        _clock.Advance(Window + TimeSpan.FromSeconds(1));

        var late = await SayAsync(teacher, "/undo");
        Assert.Contains("Скасувати вже не можна", late);
        Assert.Contains("вікно — 30 с", late);
        var over = await SayAsync(teacher, "/mark 7-А алгебра Іваненко 10");
        Assert.Contains("У клітинці вже стоїть «9»", over);
        Assert.Contains("заступник директора", over);
        await using var db = _database.NewContext();
        Assert.Equal("9", (await db.Marks.SingleAsync()).Value.Text);
    }

    [Fact]
    public async Task Absence_OverAMark_IsRefused_WithTheMarkNamed_AndHowToClearIt()
    {
        var teacher = await TeacherAsync();
        await SayAsync(teacher, "/mark 7-А алгебра Іваненко 9");
        var refused = await SayAsync(teacher, "/absent 7-А Іваненко Кулик");
        Assert.Contains("Іваненко Олег уже має оцінку 9 за цей урок, тому «н» не поставлено.", refused);
        Assert.Contains("/mark 7-А алгебра: Іваненко -", refused);
        await using (var db = _database.NewContext())
        {
            Assert.Equal("9", (await db.Marks.SingleAsync()).Value.Text);
            Assert.Equal(0, await db.Absences.CountAsync()); // all or nothing: Кулик is not marked either
        }

        // Cleared first (the teacher's own mark, within the window), then "н" goes in.
        Assert.Contains("Іваненко Олег — очищено", await SayAsync(teacher, "/mark 7-А алгебра: Іваненко -"));
        Assert.Contains("Відсутні", await SayAsync(teacher, "/absent 7-А Іваненко"));
        await using (var db = _database.NewContext())
        {
            Assert.Equal(0, await db.Marks.CountAsync());
            Assert.Equal(S.Ivanenko.Id, (await db.Absences.SingleAsync()).StudentId);
        }
    }
}
