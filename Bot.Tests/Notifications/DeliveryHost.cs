using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Fakes;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Telegram;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Notifications;

/// <summary>
/// The test school on a SQLite file and Bot.Host (jobs role: the outbox sender) against the fake Telegram server, on a
/// clock that runs from the school's "now" (Friday 20 November 2026, 10:00 in Kyiv). Guardians are linked by chat id.
/// </summary>
public sealed class DeliveryHost : IAsyncDisposable
{
    private DeliveryHost(TestDatabase database, TestSchool school)
    {
        Database = database;
        S = school;
    }

    public TestDatabase Database { get; }
    public TestSchool S { get; }
    public TelegramTestHost? Host { get; private set; }
    public FakeTelegramServer Telegram => Host!.Telegram;

    /// <summary>The fake Viber the host also sends through, when started with <c>viber: true</c>.</summary>
    public FakeViberServer? Viber { get; private set; }

    public static async Task<DeliveryHost> CreateAsync(TestDatabase? on = null)
    {
        var database = on ?? await TestDatabase.SqliteAsync();
        await using var db = database.NewContext();
        return new DeliveryHost(database, await TestSchool.CreateAsync(db));
    }

    /// <summary>Starts Bot.Host; <paramref name="telegramPace"/> keeps Telegram's one message a second per chat on both sides.</summary>
    /// <param name="viber">Viber too: the host gets a token and the fake's address (no webhook of its own: it only sends).</param>
    /// <param name="services">More test services (a log sink).</param>
    public async Task StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool telegramPace = true, TimeProvider? clock = null, bool viber = false,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Journal"] = Database.ConnectionString,
            ["Database:Provider"] = Database.Provider.ToString(),
            ["Delivery:PollInterval"] = "00:00:00.100",
            // These tests are about the outbox, not the jobs: Hangfire in memory starts at once (its SQLite file is
            // tested in Bot.Tests.Jobs), so the first rows are due after the host is up, not while it starts.
            ["Jobs:InMemory"] = "true",
        };
        if (viber)
        {
            Viber ??= await FakeViberServer.StartAsync();
            Viber.SetWebhookForTest("https://school.example/viber/hook");
            all["Viber:AuthToken"] = FakeViberServer.Token;
            all["Viber:ApiBaseUrl"] = Viber.BaseUrl;
        }

        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        Clock = clock as ShiftedClock ?? (clock is null ? new ShiftedClock(TestSchool.Now) : null);
        Host = await TelegramTestHost.StartAsync(clock: clock ?? Clock, telegramPace: telegramPace, engine: false, settings: all, more: services);
    }

    /// <summary>The host's clock when it runs from the school's "now" (tests move it on instead of waiting).</summary>
    public ShiftedClock? Clock { get; private set; }

    /// <summary>The host's sender, for <see cref="SettledAsync"/>.</summary>
    public Bot.Host.Delivery.OutboxSender Sender =>
        Host!.Service<IEnumerable<Microsoft.Extensions.Hosting.IHostedService>>().OfType<Bot.Host.Delivery.OutboxSender>().Single();

    /// <summary>Moves the host's clock on (past an undo window, to the end of quiet hours) and lets the sender see it.</summary>
    public Task AdvanceAsync(TimeSpan by)
    {
        (Clock ?? throw new InvalidOperationException("The host runs on a clock of the test's own")).Advance(by);
        return SettledAsync();
    }

    /// <summary>Returns once the sender has dealt with everything due now: what was to be sent is sent, the rest held or cancelled.</summary>
    public Task SettledAsync() => Sender.SettleAsync(TimeSpan.FromSeconds(30));

    public async Task StopAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        Host = null;
    }

    public JournalDbContext Db() => Database.NewContext();

    /// <summary>Links a guardian's Telegram chat; with consent recorded unless told otherwise.</summary>
    public async Task<long> LinkAsync(Guardian guardian, long chatId, bool consent = true)
    {
        await using var db = Db();
        await LinkAsync(db, S.School.Id, PersonKind.Guardian, guardian.Id, chatId);
        if (consent) db.Consents.Add(new Consent(S.School.Id, guardian.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
        await db.SaveChangesAsync();
        return chatId;
    }

    /// <summary>Links a guardian's Viber account (subscribed in the fake unless told otherwise); consent as <see cref="LinkAsync(Guardian, long, bool)"/>.</summary>
    public async Task<string> LinkViberAsync(Guardian guardian, string userId, bool consent = true, bool subscribed = true)
    {
        Viber!.AddUser(userId, guardian.FirstName, subscribed);
        await using var db = Db();
        var now = TestSchool.Now.UtcDateTime;
        var invite = new Invite(S.School.Id, PersonKind.Guardian, guardian.Id, now, TimeSpan.FromDays(30), null);
        db.AddRange(invite, new ChatLink(S.School.Id, Channel.Viber, userId, userId, PersonKind.Guardian, guardian.Id, invite.Id, now));
        if (consent && !await db.Consents.AnyAsync(c => c.GuardianId == guardian.Id))
            db.Consents.Add(new Consent(S.School.Id, guardian.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, now));
        await db.SaveChangesAsync();
        return userId;
    }

    /// <summary>Today's lesson of algebra in 7-А at a slot, recorded by its teacher (no notice).</summary>
    public async Task<Guid> LessonAsync(TimeSpan undoWindow, int slot = 2)
    {
        await using var db = Db();
        return (await S.Journal(db, undoWindow).RecordLessonAsync(S.As(S.AlgebraTeacher), new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, slot, "Рівняння"), notify: false))
            .GetValueOrThrow().Id;
    }

    /// <summary>A cell of a lesson written through the journal (a mark, "н"), as its teacher.</summary>
    public async Task<CellChange> CellAsync(TimeSpan undoWindow, Guid lessonId, string text, Guid? studentId = null, Guid? subjectId = null, Staff? teacher = null)
    {
        await using var db = Db();
        return (await S.Journal(db, undoWindow).SetCellAsync(S.As(teacher ?? S.AlgebraTeacher),
            new CellInput(studentId ?? S.Ivanenko.Id, S.Class7A.Id, subjectId ?? S.Algebra.Id, MarkColumn.Current, text, lessonId))).GetValueOrThrow();
    }

    public static async Task LinkAsync(JournalDbContext db, Guid schoolId, PersonKind kind, Guid personId, long chatId)
    {
        var now = TestSchool.Now.UtcDateTime;
        var invite = new Invite(schoolId, kind, personId, now, TimeSpan.FromDays(30), null);
        db.AddRange(invite, new ChatLink(schoolId, Channel.Telegram, chatId.ToString(), chatId.ToString(), kind, personId, invite.Id, now));
        await Task.CompletedTask;
    }

    /// <summary>Guardians with a linked Telegram chat (from <paramref name="firstChat"/> on), a consent, no quiet hours and a composed evening diary each, due at once; returns the chats.</summary>
    public async Task<List<long>> DiariesAsync(int count, long firstChat)
    {
        var s = S;
        var now = TestSchool.Now.UtcDateTime;
        var chats = new List<long>();
        await using var db = Db();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < count; i++)
        {
            var guardian = new Guardian(s.School.Id, "Мельник", $"Гість{i:D4}");
            db.Add(guardian);
            db.Consents.Add(new Consent(s.School.Id, guardian.Id, new DateOnly(2026, 9, 1), s.ClassTeacher.Id, now));
            var prefs = new RecipientPreferences(s.School.Id, PersonKind.Guardian, guardian.Id);
            prefs.SetQuietHours(null, null);
            db.Preferences.Add(prefs);
            var chat = firstChat + i;
            await DeliveryHost.LinkAsync(db, s.School.Id, PersonKind.Guardian, guardian.Id, chat);
            chats.Add(chat);
            db.Outbox.Add(new OutboxMessage(s.School.Id, $"DailyDiary:{guardian.Id:N}:20261120", RecipientKind.Guardian, guardian.Id, NotificationKind.DailyDiary,
                $$"""{"message":[[["b","Щоденник, 20 листопада"]],[["p","Учень {{i}}: 1. Алгебра — 10"]]]}""", now, now));
        }

        await db.SaveChangesAsync();
        return chats;
    }

    public async Task<List<OutboxMessage>> RowsAsync(NotificationKind? kind = null)
    {
        await using var db = Db();
        return await db.Outbox.AsNoTracking().Where(o => kind == null || o.Kind == kind).ToListAsync();
    }

    public async Task WaitForRowsAsync(Func<List<OutboxMessage>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var rows = await RowsAsync();
            if (condition(rows)) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}. Rows: {string.Join(", ", rows.Select(r => $"{r.Kind}:{r.State}:{r.LastError}"))}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Viber is not null) await Viber.DisposeAsync();
        await Database.DisposeAsync();
    }
}
