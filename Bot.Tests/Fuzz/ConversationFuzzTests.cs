using System.Diagnostics;
using System.Text;
using Bot.Fakes;
using Bot.Host.Channels;
using Bot.Host.Conversation;
using Bot.Tests.Conversation;
using Bot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bot.Tests.Fuzz;

/// <summary>
/// The conversation fuzzed (docs/operations.md "Replaying a fuzz seed"): a parent, a student, a subject teacher and the class
/// teacher of 7-А send thousands of seeded messages and button presses — real commands with malformed arguments, junk,
/// presses on old messages, another chat's buttons, forged data with other classes', teachers' and schools' lesson ids —
/// through the engine the bots share, and a shorter run through the fake Telegram over real HTTP. Nothing may throw, every
/// reply is Telegram HTML that Telegram accepts, in Ukrainian, and the journal changes only through permitted writes.
/// </summary>
public sealed class ConversationFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    public const int EngineSteps = 2000;
    public const int TelegramSteps = 150;
    private const int FixedSeed = 20261120;

    private TestDatabase _database = null!;
    private FuzzSchool _school = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        _school = await FuzzSchool.CreateAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>Invisible and control characters written out, so that a failing input can be read and typed again.</summary>
    public static string Visible(string text)
    {
        var cut = text.Length > 200 ? text[..200] + $"…({text.Length} chars)" : text;
        var b = new StringBuilder();
        foreach (var c in cut)
            b.Append(char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Surrogate
                ? $"\\u{(int)c:X4}"
                : c.ToString());
        return b.ToString();
    }

    private sealed class Chat(FuzzPersona persona, string id)
    {
        public FuzzPersona Persona { get; } = persona;
        public string Id { get; } = id;
        public List<string> Latest { get; set; } = [];
        public List<string> Seen { get; } = [];
    }

    [Fact]
    public async Task Engine_ThousandsOfSeededMessagesAndPresses_NeverThrow_ReplyInValidUkrainianHtml_AndWriteOnlyWhatIsPermitted()
    {
        var seed = FuzzSeed.Of(FixedSeed);
        output.WriteLine($"Seed {seed} ({FuzzSeed.Replay(seed)})");
        var random = new Random(seed);
        var inputs = new ChatInputs(random, _school.ForgeableIds);
        var clock = _school.A.Clock;
        var timer = Stopwatch.StartNew();
        await using var engine = new FuzzEngine(_database, clock);

        var chats = _school.Personas.Select((p, i) => new Chat(p, $"{900100 + i}")).ToList();
        foreach (var chat in chats) await LinkAsync(engine, chat, seed, 0);
        var ledger = await JournalLedger.TakeAsync(_database);

        var counts = new Dictionary<string, int>();
        for (var step = 1; step <= EngineSteps; step++)
        {
            var chat = inputs.Pick(chats);
            clock.Advance(TimeSpan.FromSeconds(1 + random.Next(12)));
            var everyone = chats.SelectMany(c => c.Seen).ToList();
            var roll = random.Next(100);
            var (kind, input, press) = roll switch
            {
                < 35 => ("text", inputs.Text(), false),
                < 65 when chat.Latest.Count > 0 => ("press", inputs.Pick(chat.Latest), true),
                < 74 when chat.Seen.Count > 0 => ("old press", inputs.Pick(chat.Seen), true),
                < 80 when everyone.Count > 0 => ("another chat's press", inputs.Pick(everyone), true),
                >= 80 => ("forged press", inputs.Forged(everyone), true),
                _ => ("text", inputs.Text(), false),
            };
            counts[kind] = counts.GetValueOrDefault(kind) + 1;

            ConversationResult result;
            try
            {
                result = press ? await engine.PressAsync(chat.Id, input) : await engine.SayAsync(chat.Id, input);
            }
            catch (Exception e)
            {
                throw new FuzzFailure($"Step {step} of seed {seed} ({FuzzSeed.Replay(seed)}): {chat.Persona.Name}'s {kind} '{Visible(input)}' threw: {e}", e);
            }

            if (ReplyChecks.Problem(result, input) is { } problem)
                throw new FuzzFailure($"Step {step} of seed {seed} ({FuzzSeed.Replay(seed)}): {chat.Persona.Name}'s {kind} '{Visible(input)}': {problem}");

            var buttons = result.AllMessages.SelectMany(m => m.Buttons.SelectMany(r => r)).Select(b => b.Data).ToList();
            if (buttons.Count > 0 || result.Replace is null) chat.Latest = buttons;
            chat.Seen.AddRange(buttons.Where(b => !chat.Seen.Contains(b)));
            // An unlinked chat links again, so that every persona keeps talking as who they are.
            if (result.AllMessages.Any(m => m.PlainText.Contains("Чат відʼєднано", StringComparison.Ordinal))) await LinkAsync(engine, chat, seed, step);
        }

        var elapsed = timer.Elapsed;
        var (problems, changed, writes) = await ledger.CheckAsync(_database, [_school.A.School.Id]);
        var audit = await JournalLedger.AuditProblemsAsync(_database, [_school.A.School.Id, _school.Schools.B.School.Id]);
        output.WriteLine($"{EngineSteps} steps in {elapsed.TotalSeconds:F1} s: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}; " +
            $"{changed} journal rows changed by {writes} audited writes");
        Assert.True(problems.Count == 0, $"Seed {seed} ({FuzzSeed.Replay(seed)}): the journal changed outside the permitted writes:\n{string.Join("\n", problems.Take(20))}");
        Assert.True(audit.Count == 0, $"Seed {seed}: the audit check failed after the run:\n{string.Join("\n", audit.Take(20))}");
        // The run wrote: the check above judged real writes, not an untouched journal.
        Assert.True(writes > 0 && changed > 0, $"Seed {seed}: the run wrote nothing to judge ({writes} writes, {changed} rows)");
        Assert.True(counts.GetValueOrDefault("forged press") > EngineSteps / 10);
    }

    private async Task LinkAsync(FuzzEngine engine, Chat chat, int seed, int step)
    {
        var reply = await engine.SayAsync(chat.Id, "/start " + await _school.InviteAsync(_database, chat.Persona));
        var text = string.Join("\n", reply.AllMessages.Select(m => m.PlainText));
        if (!text.Contains("Вітаємо", StringComparison.Ordinal))
            throw new FuzzFailure($"Step {step} of seed {seed}: {chat.Persona.Name} could not link: {text}");
        chat.Latest = reply.AllMessages.SelectMany(m => m.Buttons.SelectMany(r => r)).Select(b => b.Data).ToList();
        chat.Seen.AddRange(chat.Latest);
    }

    [Fact]
    public async Task Telegram_SeededMessagesAndPresses_OverRealHttp_NoFailureReply_NoRefusedHtml_AllUkrainian_PermittedWritesOnly()
    {
        var seed = FuzzSeed.Of(FixedSeed + 1);
        output.WriteLine($"Seed {seed} ({FuzzSeed.Replay(seed)})");
        var random = new Random(seed);
        var inputs = new ChatInputs(random, _school.ForgeableIds);
        var timer = Stopwatch.StartNew();
        await using var driver = await TelegramDriver.StartAsync(_database, _school.A);
        var telegram = driver.Telegram;
        var chats = _school.Personas.Select(p => (Persona: p, Id: long.Parse(driver.ChatOf(p.Name)))).ToList();
        var typed = chats.ToDictionary(c => c.Id, _ => new List<string>());
        foreach (var (persona, id) in chats)
        {
            telegram.UserSends(id, id, "/start " + await _school.InviteAsync(_database, persona));
            await telegram.WaitForMessagesAsync(id, 1, TimeSpan.FromSeconds(30));
        }

        await QuietAsync(telegram);
        var ledger = await JournalLedger.TakeAsync(_database);
        var counts = new Dictionary<string, int>();
        for (var step = 1; step <= TelegramSteps; step++)
        {
            var (persona, id) = inputs.Pick(chats);
            var withButtons = telegram.MessagesTo(id).Where(m => m.Keyboard.SelectMany(r => r).Any(b => b.CallbackData is not null)).ToList();
            var roll = random.Next(100);
            string kind;
            try
            {
                if (roll < 40 || withButtons.Count == 0)
                {
                    var text = inputs.Text();
                    // A text that reads as an invite code is answered after the brake's delay (ADR 0042): the engine run covers those.
                    if (Bot.Domain.Linking.InviteCode.LooksLikeCode(text) || text.Trim().Length == 0 || text.Length > 4096) text = "оцінки";
                    kind = "text";
                    typed[id].Add(text);
                    var before = telegram.MessagesTo(id).Count;
                    telegram.UserSends(id, id, text);
                    await telegram.WaitForMessagesAsync(id, before + 1, TimeSpan.FromSeconds(20));
                }
                else
                {
                    var message = roll < 75 ? withButtons[^1] : inputs.Pick(withButtons);
                    var buttons = message.Keyboard.SelectMany(r => r).Where(b => b.CallbackData is not null).Select(b => b.CallbackData!).ToList();
                    var data = roll < 85 ? inputs.Pick(buttons) : inputs.Forged(buttons);
                    // Telegram's clients cannot send more than 64 bytes of data: the engine run covers longer data.
                    if (Encoding.UTF8.GetByteCount(data) is < 1 or > 64) data = buttons[0];
                    kind = roll < 75 ? "press" : roll < 85 ? "old press" : "forged press";
                    typed[id].Add(data);
                    var query = telegram.UserPresses(id, id, data, message.MessageId);
                    await FakeTelegramServer.WaitUntilAsync(() => telegram.CallbackAnswers.Any(a => a.QueryId == query), TimeSpan.FromSeconds(20), "the press to be answered");
                    await driver.ScreensSentAsync(id);
                }
            }
            catch (TimeoutException e)
            {
                throw new FuzzFailure($"Step {step} of seed {seed} ({FuzzSeed.Replay(seed)}): {persona.Name}: '{Visible(typed[id][^1])}' got no answer: {e.Message}", e);
            }

            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }

        await QuietAsync(telegram);
        var elapsed = timer.Elapsed;
        output.WriteLine($"{TelegramSteps} steps through Telegram in {elapsed.TotalSeconds:F1} s: " +
            $"{string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}; {telegram.Messages.Count} messages, {telegram.CallsOf("editMessageText").Count} edits");

        var refused = telegram.Calls.Where(c => c.Status >= 400 && c.Error?.Contains("message is not modified", StringComparison.Ordinal) != true).ToList();
        Assert.True(refused.Count == 0, $"Seed {seed}: Telegram refused calls: {string.Join("; ", refused.Take(10).Select(c => $"{c.Method} {c.Status} {c.Error}"))}");
        foreach (var (persona, id) in chats)
        {
            var echo = string.Join(" ", typed[id]);
            foreach (var m in telegram.MessagesTo(id))
            {
                Assert.False(m.PlainText == ChannelTexts.SomethingWentWrong, $"Seed {seed}: {persona.Name} was told something went wrong (the conversation threw); typed: {Visible(echo)}");
                if (ReplyChecks.LanguageProblem(m.PlainText, echo) is { } problem) Assert.Fail($"Seed {seed}: {persona.Name}: {problem}");
            }
        }

        var (problems, _, _) = await ledger.CheckAsync(_database, [_school.A.School.Id]);
        Assert.True(problems.Count == 0, $"Seed {seed} ({FuzzSeed.Replay(seed)}): the journal changed outside the permitted writes:\n{string.Join("\n", problems.Take(20))}");
    }

    private static async Task QuietAsync(FakeTelegramServer telegram)
    {
        var count = (-1, -1);
        while (count != (telegram.Messages.Count, telegram.Calls.Count))
        {
            count = (telegram.Messages.Count, telegram.Calls.Count);
            await Task.Delay(400);
        }
    }
}
