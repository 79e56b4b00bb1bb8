using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Printing;

namespace Bot.Tests.Conversation;

/// <summary>
/// /report in Telegram: the semester's report as text and as a PDF document (sendDocument, multipart, recorded by
/// the fake Bot API server); a parent gets their own child's, a student their own.
/// </summary>
public sealed class ReportThroughTelegramTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private TelegramDriver _bot = null!;

    public async Task InitializeAsync()
    {
        (_database, S) = await SchoolWithMarksAsync();
        _bot = await TelegramDriver.StartAsync(_database, S);
    }

    /// <summary>The test school with an algebra lesson today: Іваненко 11, Петренко 8 (the report tests of every channel).</summary>
    internal static async Task<(TestDatabase Database, TestSchool School)> SchoolWithMarksAsync()
    {
        var database = await TestDatabase.SqliteAsync();
        await using var db = database.NewContext();
        var s = await TestSchool.CreateAsync(db);
        var journal = s.Journal(db);
        var lesson = (await journal.RecordLessonAsync(s.As(s.AlgebraTeacher), new LessonInput(s.Class7A.Id, s.Algebra.Id, null, TestSchool.Today, 2, "Лінійні рівняння"))).GetValueOrThrow();
        (await journal.SetCellAsync(s.As(s.AlgebraTeacher), new CellInput(s.Ivanenko.Id, s.Class7A.Id, s.Algebra.Id, MarkColumn.Current, "11", LessonId: lesson.Id))).GetValueOrThrow();
        (await journal.SetCellAsync(s.As(s.AlgebraTeacher), new CellInput(s.Petrenko.Id, s.Class7A.Id, s.Algebra.Id, MarkColumn.Current, "8", LessonId: lesson.Id))).GetValueOrThrow();
        return (database, s);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<string> LinkedAsync(string person, PersonKind kind, Guid id)
    {
        await using var db = _database.NewContext();
        var code = (await new InviteService(db, S.Clock, new LinkingSettings()).CreateAsync(Bot.Domain.Journal.Actor.System(), kind, id)).GetValueOrThrow().Code;
        var chat = _bot.ChatOf(person);
        Assert.Contains("Вітаємо", (await _bot.SayAsync(chat, "/start " + code))[0].Text);
        return chat;
    }

    private async Task<Bot.Fakes.SentDocument> DocumentToAsync(string chat)
    {
        var id = long.Parse(chat);
        for (var i = 0; i < 100; i++)
        {
            if (_bot.Telegram.Documents.FirstOrDefault(d => d.ChatId == id) is { } sent) return sent;
            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"No document came to chat {chat}.");
    }

    [Fact]
    public async Task Parent_GetsTheirChildsReport_AsTextAndAPdfDocument()
    {
        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);
        var text = string.Join("\n", (await _bot.SayAsync(mother, "/report")).Select(r => r.Text));
        Assert.Contains("Алгебра", text);

        var document = await DocumentToAsync(mother);
        Assert.EndsWith(".pdf", document.FileName);
        Assert.Equal(document.Length, document.Content.Length);
        if (Environment.GetEnvironmentVariable("PRINT_KEEP") is { Length: > 0 } keep) await File.WriteAllBytesAsync(Path.Combine(keep, document.FileName), document.Content);
        using var pdf = new PdfFile(document.Content);
        var report = await pdf.TextAsync();
        Assert.Contains("Іваненко Олег, 7-А клас", report);
        Assert.Contains("11", report);
        Assert.DoesNotContain("Петренко", report);
    }

    [Fact]
    public async Task Student_GetsTheirOwnReport()
    {
        var student = await LinkedAsync("petrenko", PersonKind.Student, S.Petrenko.Id);
        await _bot.SayAsync(student, "/report");
        using var pdf = new PdfFile((await DocumentToAsync(student)).Content);
        var report = await pdf.TextAsync();
        Assert.Contains("Петренко Марія, 7-А клас", report);
        Assert.DoesNotContain("Іваненко", report);
    }
}
