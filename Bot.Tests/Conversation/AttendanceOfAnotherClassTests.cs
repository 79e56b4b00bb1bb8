using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.Conversation;

/// <summary>
/// A class teacher's <c>/attendance</c> of a class that exists but is not theirs says so (not "there is no such class");
/// only a class the school does not have is "not in the school".
/// </summary>
public sealed class AttendanceOfAnotherClassTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool _s = null!;
    private EngineDriver _bot = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext()) _s = await TestSchool.CreateAsync(db);
        _bot = new EngineDriver(_database, _s);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<string> SayAsync(string chat, string text) => string.Join("\n", (await _bot.SayAsync(chat, text)).Select(r => r.Text));

    [Fact]
    public async Task ClassTeacher_AnotherClassOfTheSchool_IsNotTheirs_AndAClassThatIsNot_IsNotInTheSchool()
    {
        string code;
        await using (var db = _database.NewContext())
            code = (await new InviteService(db, _s.Clock, new LinkingSettings()).CreateAsync(Actor.System(), PersonKind.Staff, _s.ClassTeacher.Id)).GetValueOrThrow().Code;
        var chat = _bot.ChatOf("classteacher");
        Assert.Contains("Вітаємо", await SayAsync(chat, "/start " + code));

        var other = await SayAsync(chat, "/attendance 3-А");
        Assert.Contains("3-А — не ваш клас: зведення відвідування бачить його класний керівник. Ваш клас: 7-А.", other);
        Assert.DoesNotContain("немає", other);

        Assert.Contains("Класу 7-Б у школі немає.", await SayAsync(chat, "/attendance 7-Б тиждень"));
        var own = await SayAsync(chat, "/attendance 7-А тиждень"); // their own class still reads
        Assert.Contains("7-А", own);
        Assert.DoesNotContain("не ваш клас", own);
        Assert.DoesNotContain("у школі немає", own);
    }
}
