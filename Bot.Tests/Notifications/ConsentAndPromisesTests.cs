using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Host.Delivery;
using Bot.Host.Jobs;
using Bot.Tests.Builders;
using Bot.Tests.Conversation;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Notifications;

/// <summary>
/// Families (ADR 0035): consent asked in the chat, promises computed from the outbox's own rules, students'
/// own diaries — through the fake Telegram and Viber servers on the test school (Friday 20.11.2026, 10:00 in Kyiv).
/// </summary>
public sealed class ConsentAndPromisesTests
{
    /// <summary>18:05 in Kyiv on the test Friday: the evening diary's time has come.</summary>
    private static readonly DateTimeOffset Evening = TestSchool.Now + TimeSpan.FromHours(8) + TimeSpan.FromMinutes(5);

    private static string All(IReadOnlyList<ChatReply> replies) => string.Join("\n", replies.Select(r => r.Text));

    private static async Task<int> RunDiaryAsync(TestDatabase database, DateTimeOffset at)
    {
        await using var db = database.NewContext();
        var clock = new FakeTimeProvider(at);
        return await new DailyDiaryJob(db, new DiaryQueries(db, clock), new NotificationRulesService(db, new NotificationDefaults(), clock), clock,
            new OutboxSignal(), NullLogger<DailyDiaryJob>.Instance).RunAsync(CancellationToken.None);
    }

    /// <summary>A lesson of algebra in 7-А on the day, recorded by its teacher without notices (the diary has something to say).</summary>
    private static async Task LessonAsync(TestDatabase database, TestSchool s, DateOnly day, int slot = 2)
    {
        await using var db = database.NewContext();
        s.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
        (await s.Journal(db).RecordLessonAsync(s.As(s.AlgebraTeacher), new LessonInput(s.Class7A.Id, s.Algebra.Id, null, day, slot, "Рівняння"), notify: false)).GetValueOrThrow();
    }

    private static async Task<string> CodeAsync(TestDatabase database, TestSchool s, PersonKind kind, Guid person)
    {
        await using var db = database.NewContext();
        return (await new InviteService(db, s.Clock, new LinkingSettings()).CreateAsync(Actor.System(), kind, person)).GetValueOrThrow().Code;
    }

    private static async Task WaitSettledAsync(TestDatabase database)
    {
        for (var waited = 0; ; waited += 100)
        {
            await using var db = database.NewContext();
            if (!await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending || o.State == OutboxState.Sending || o.State == OutboxState.Held)) return;
            Assert.True(waited < 20_000, "every row of the outbox to be settled");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Telegram_GuardianWithoutConsent_IsAsked_Refuses_GetsNothing_ThenAgrees_AndTheDiaryArrives_ThenWithdraws()
    {
        await using var database = await TestDatabase.SqliteAsync();
        TestSchool s;
        await using (var db = database.NewContext()) s = await TestSchool.CreateAsync(db);
        await LessonAsync(database, s, TestSchool.Today);
        var clock = new ShiftedClock(TestSchool.Now);
        await using var bot = await TelegramDriver.StartAsync(database, s, clock: clock, settings: new Dictionary<string, string?> { ["Delivery:PollInterval"] = "00:00:00.100" });
        var mother = bot.ChatOf("mother");

        // Linked without a consent: the greeting promises nothing; the school's consent text with the two buttons follows.
        var linked = await bot.SayAsync(mother, "/start " + await CodeAsync(database, s, PersonKind.Guardian, s.IvanenkoMother.Id));
        Assert.DoesNotContain("отримуватимете", All(linked));
        var question = linked.Last();
        Assert.Contains("Згода на обробку персональних даних", question.Text);
        var refuse = question.ButtonData(ConsentService.Refuse);
        Assert.NotNull(question.ButtonData(ConsentService.Agree));

        var refused = All(await bot.PressAsync(mother, refuse!));
        Assert.Contains("згоди не записано", refused);
        Assert.Contains("школа нічого вам не надсилатиме", refused);

        // The evening: the diary is written, and the outbox sends nothing to her.
        clock.Advance(Evening - TestSchool.Now);
        var before = bot.Telegram.MessagesTo(long.Parse(mother)).Count;
        await RunDiaryAsync(database, Evening);
        await WaitSettledAsync(database);
        Assert.Equal(before, bot.Telegram.MessagesTo(long.Parse(mother)).Count);
        await using (var db = database.NewContext())
        {
            Assert.Equal(DeliveryRules.NoConsent, (await db.Outbox.SingleAsync(o => o.RecipientId == s.IvanenkoMother.Id)).LastError);
            var audit = await db.AuditRecords.AsNoTracking().Where(a => a.EntityType == nameof(Consent)).ToListAsync();
            Assert.Contains(audit, a => a.NewValue!.Contains("відмова") && a.Channel == Channel.Telegram);
        }

        // /settings says so, and gives the consent; agreeing is recorded like the class teacher's, with the channel and the text's version.
        var settings = (await bot.SayAsync(mother, "/settings")).Last();
        Assert.Contains(DeliveryPromise.NoConsentLine, settings.Text);
        var ask = await bot.PressAsync(mother, settings.ButtonData("Дати згоду")!);
        var agreed = All(await bot.PressAsync(mother, ask.Last().ButtonData(ConsentService.Agree)!));
        Assert.Contains("вашу згоду записано", agreed);
        Assert.Contains("📬 Щоденник — щовечора о 18:00 у навчальні дні, у Telegram.", agreed);
        await using (var db = database.NewContext())
        {
            var consent = await db.Consents.SingleAsync(c => c.GuardianId == s.IvanenkoMother.Id);
            Assert.Equal((Channel.Telegram, 0, (Guid?)null, TestSchool.Today), (consent.GivenIn!.Value, consent.TextVersion!.Value, consent.RecordedById, consent.GivenOn));
        }

        // Tonight's diary, held back for want of consent, arrives now.
        var diary = await bot.Telegram.WaitForMessagesAsync(long.Parse(mother), before + 5, TimeSpan.FromSeconds(20));
        Assert.Contains(diary, m => m.PlainText.Contains("Алгебра"));

        // Withdrawn in /settings: recorded, and the promise says nothing will come; the chat stays linked.
        var now = (await bot.SayAsync(mother, "/settings")).Last();
        Assert.Contains("Згоду на обробку персональних даних надано", now.Text);
        var withdrawn = All(await bot.PressAsync(mother, now.ButtonData("Відкликати згоду")!));
        Assert.Contains("Згоду відкликано", withdrawn);
        Assert.Contains(DeliveryPromise.NoConsentLine, withdrawn);
        await using (var db = database.NewContext())
        {
            Assert.Equal(TestSchool.Today, (await db.Consents.SingleAsync(c => c.GuardianId == s.IvanenkoMother.Id)).WithdrawnOn);
            Assert.True(await db.ChatLinks.AnyAsync(l => l.PersonId == s.IvanenkoMother.Id && l.IsActive));
        }
    }

    [Fact]
    public async Task Viber_GuardianIsAskedWithKeyboardButtons_Refuses_ThenAgrees_AndIsToldViberGetsNothingUnderTheSchoolRule()
    {
        await using var database = await TestDatabase.SqliteAsync();
        TestSchool s;
        await using (var db = database.NewContext()) s = await TestSchool.CreateAsync(db);
        await using var bot = await ViberDriver.StartAsync(database, s);
        var mother = bot.ChatOf("mother");
        bot.Viber.AddUser(mother, "Оксана", subscribed: true);

        var welcome = Assert.Single(await bot.SayAsync(mother, "/start " + await CodeAsync(database, s, PersonKind.Guardian, s.IvanenkoMother.Id)));
        Assert.Contains("Згода на обробку персональних даних", welcome.Text);
        Assert.Contains(welcome.Buttons, b => b.Label == ConsentService.Agree);
        var refused = All(await bot.PressAsync(mother, welcome.ButtonData(ConsentService.Refuse)!));
        Assert.Contains("школа нічого вам не надсилатиме", refused);

        var settings = (await bot.SayAsync(mother, "/settings")).Last();
        var ask = await bot.PressAsync(mother, settings.ButtonData("Дати згоду")!);
        var agreed = All(await bot.PressAsync(mother, ask.Last().ButtonData(ConsentService.Agree)!));
        Assert.Contains("вашу згоду записано", agreed);
        // Viber only, and the school sends nothing over Viber by default: said, with what to do.
        Assert.Contains(DeliveryPromise.ViberOffLine, agreed);
        await using var check = database.NewContext();
        Assert.Equal(Channel.Viber, (await check.Consents.SingleAsync(c => c.GuardianId == s.IvanenkoMother.Id)).GivenIn);
    }

    [Fact]
    public async Task Students_SettingsShowOnlyWhatApplies_AndTheWelcomeSaysWhatComes()
    {
        await using var database = await TestDatabase.SqliteAsync();
        TestSchool s;
        await using (var db = database.NewContext()) s = await TestSchool.CreateAsync(db);
        await using var bot = await TelegramDriver.StartAsync(database, s);

        // 7-А, above the school's grade (5 by default): their own diary, marks and homework; no absences (they were there).
        var older = bot.ChatOf("older");
        var welcome = All(await bot.SayAsync(older, "/start " + await CodeAsync(database, s, PersonKind.Student, s.Ivanenko.Id)));
        Assert.Contains("📬 Щоденник — щовечора о 18:00 у навчальні дні, у Telegram.", welcome);
        Assert.Contains("🔔 Одразу: оцінки, домашні завдання — у Telegram", welcome);
        var settings = (await bot.SayAsync(older, "/settings")).Last();
        Assert.Contains("Оцінки", settings.Buttons.Select(b => b.Label).First());
        Assert.DoesNotContain(settings.Buttons, b => b.Label.Contains("Пропуски"));
        Assert.DoesNotContain("пропуски", settings.Text);

        // 3-А, below it: nothing of their own comes, so nothing to switch — and it says so, and what they can do.
        var younger = bot.ChatOf("younger");
        var hello = All(await bot.SayAsync(younger, "/start " + await CodeAsync(database, s, PersonKind.Student, s.Primary.Id)));
        Assert.Contains("Власний щоденник і сповіщення школа надсилає учням з 5 класу", hello);
        Assert.DoesNotContain("📬", hello);
        var theirs = (await bot.SayAsync(younger, "/settings")).Last();
        Assert.Contains("з 5 класу", theirs.Text);
        Assert.DoesNotContain("щоденник щовечора о", theirs.Text);
        Assert.Empty(theirs.Buttons);
    }


    /// <summary>
    /// The people of the matrix: for each messenger set (Telegram, Viber, both) a guardian of Іваненко Олег (7-А) with and
    /// one without a consent, and a student of 7-А (above the school's grade for students' own messages) and of 3-А (below it).
    /// </summary>
    private static async Task<List<(string Name, RecipientKind Kind, Guid Id, long? Telegram, string? Viber)>> MatrixPeopleAsync(DeliveryHost host)
    {
        var s = host.S;
        var people = new List<(string Name, RecipientKind Kind, Guid Id, long? Telegram, string? Viber)>();
        var chat = 810_000L;
        foreach (var channels in new[] { "T", "V", "TV" })
        {
            foreach (var consent in new[] { true, false })
            {
                Guardian guardian;
                await using (var db = host.Db())
                {
                    guardian = new Guardian(s.School.Id, "Мельник", $"Г{channels}{consent}");
                    db.AddRange(guardian, new GuardianStudent(guardian.Id, s.Ivanenko.Id, "мати"));
                    if (consent) db.Consents.Add(new Consent(s.School.Id, guardian.Id, new DateOnly(2026, 9, 1), s.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
                    await db.SaveChangesAsync();
                }

                long? telegram = channels.Contains('T') ? await host.LinkAsync(guardian, ++chat, consent: false) : null;
                var viber = channels.Contains('V') ? await host.LinkViberAsync(guardian, $"vG{channels}{consent}==", consent: false) : null;
                people.Add(($"guardian {channels} consent={consent}", RecipientKind.Guardian, guardian.Id, telegram, viber));
            }

            foreach (var cls in new[] { s.Class7A, s.Class3A })
            {
                var student = new Student(s.School.Id, "Учень", $"С{channels}{cls.Grade}");
                long? telegram = channels.Contains('T') ? ++chat : null;
                var viber = channels.Contains('V') ? $"vS{channels}{cls.Grade}==" : null;
                await using (var db = host.Db())
                {
                    db.AddRange(student, new Enrolment(s.School.Id, student.Id, cls.Id, s.Year.Semester1Start, 0, false));
                    var invite = new Invite(s.School.Id, PersonKind.Student, student.Id, TestSchool.Now.UtcDateTime, TimeSpan.FromDays(30), null);
                    db.Add(invite);
                    if (telegram is { } t) db.Add(new ChatLink(s.School.Id, Channel.Telegram, t.ToString(), t.ToString(), PersonKind.Student, student.Id, invite.Id, TestSchool.Now.UtcDateTime));
                    if (viber is not null)
                    {
                        host.Viber!.AddUser(viber, student.FirstName, subscribed: true);
                        db.Add(new ChatLink(s.School.Id, Channel.Viber, viber, viber, PersonKind.Student, student.Id, invite.Id, TestSchool.Now.UtcDateTime));
                    }

                    await db.SaveChangesAsync();
                }

                people.Add(($"student {cls.Name} {channels}", RecipientKind.Student, student.Id, telegram, viber));
            }
        }

        // A Telegram parent who switched mark alerts off in /settings: told so, and sent none.
        await using (var db = host.Db())
        {
            var own = new Guardian(s.School.Id, "Мельник", "Гвласні");
            db.AddRange(own, new GuardianStudent(own.Id, s.Ivanenko.Id, "батько"));
            var prefs = new RecipientPreferences(s.School.Id, PersonKind.Guardian, own.Id);
            prefs.Set(NotificationKind.MarkAlert, false);
            db.Preferences.Add(prefs);
            await db.SaveChangesAsync();
            people.Add(("guardian T consent=True marks off", RecipientKind.Guardian, own.Id, await host.LinkAsync(own, ++chat, consent: true), null));
        }

        return people;
    }

    /// <summary>
    /// The promise equals the outbox: for every combination of messenger (Telegram, Viber, both) × consent (guardians) ×
    /// the school's Viber rule × role (a guardian; a student of 7-А, above the school's grade; a student of 3-А, below it),
    /// what <see cref="DeliveryPromise"/> says of the evening diary is what the outbox delivers when the diary is written.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PromiseOfTheEveningDiary_EqualsWhatTheOutboxDelivers_ForEveryCombination(bool viberAlerts)
    {
        var host = await DeliveryHost.CreateAsync();
        await using var _ = host;
        var s = host.S;
        await LessonAsync(host.Database, s, TestSchool.Today);
        if (viberAlerts)
        {
            await using var db = host.Db();
            var rules = NotificationRules.Defaults(s.School.Id, new NotificationDefaults());
            rules.Set(true, MarkAlertRule.All, true, true, true, new TimeOnly(18, 0), new TimeOnly(21, 0), new TimeOnly(7, 30), viberAlerts: true);
            db.NotificationRules.Add(rules);
            await db.SaveChangesAsync();
        }

        await host.StartAsync(telegramPace: false, viber: true, clock: new ShiftedClock(Evening));
        var people = await MatrixPeopleAsync(host);

        // What each is promised, by the function the bot's welcome and /settings use.
        var promised = new Dictionary<string, string>();
        await using (var db = host.Db())
        {
            var consents = new ConsentService(db, new NotificationRulesService(db, new NotificationDefaults(), new FakeTimeProvider(Evening)), new FakeTimeProvider(Evening));
            foreach (var p in people)
                promised[p.Name] = DeliveryPromise.Text(p.Kind, await consents.FactsAsync(p.Kind == RecipientKind.Guardian ? PersonKind.Guardian : PersonKind.Student, p.Id, s.School.Id));
        }

        await RunDiaryAsync(host.Database, Evening);
        await WaitSettledAsync(host.Database);

        var mismatches = new List<string>();
        foreach (var p in people)
        {
            var inTelegram = p.Telegram is { } t && host.Telegram.MessagesTo(t).Any(m => m.PlainText.Contains("Алгебра"));
            var inViber = p.Viber is { } v && host.Viber!.MessagesTo(v).Any(m => m.Text.Contains("Алгебра"));
            var expected = !promised[p.Name].Contains("📬 Щоденник") ? "nothing"
                : promised[p.Name].Contains("у Telegram і Viber") ? "both"
                : promised[p.Name].Contains("у Viber") ? "viber" : "telegram";
            var actual = (inTelegram, inViber) switch { (true, true) => "both", (true, false) => "telegram", (false, true) => "viber", _ => "nothing" };
            if (expected != actual) mismatches.Add($"{p.Name}: promised {expected} («{promised[p.Name]}»), delivered {actual}");
            // Nothing comes: the promise says why, never silence.
            if (expected == "nothing") Assert.False(string.IsNullOrWhiteSpace(promised[p.Name]), p.Name);
        }

        Assert.Empty(mismatches);
        // The combinations are all there: some get it, some do not, and a 7-А student gets their own diary.
        Assert.Contains(people, p => p.Name.StartsWith("student 7-А T") && promised[p.Name].Contains("📬 Щоденник"));
        Assert.Contains(people, p => p.Name.StartsWith("student 3-А") && promised[p.Name].Contains("з 5 класу"));
        // A Viber-only parent: the diary is promised in Viber only when the school sends there; otherwise they are told what to do.
        Assert.Equal(viberAlerts, promised["guardian V consent=True"].Contains("📬 Щоденник — щовечора о 18:00 у навчальні дні, у Viber."));
        Assert.Equal(!viberAlerts, promised["guardian V consent=True"] == DeliveryPromise.ViberOffLine);
    }

    /// <summary>The alerts the outbox sends at once, each told apart by its text in the messengers.</summary>
    private static readonly (NotificationKind Kind, string Marker)[] Alerts =
    [
        (NotificationKind.MarkAlert, ": 10 з алгебри"), (NotificationKind.AbsenceAlert, ": пропуски 20.11"), (NotificationKind.HomeworkNotice, ": домашнє завдання"),
    ];

    /// <summary>What the promise's "🔔 Одразу: …" line says of a kind: "nothing", "telegram", "viber" or "both".</summary>
    private static string PromisedAlert(string promise, NotificationKind kind)
    {
        var line = promise.Split('\n').FirstOrDefault(l => l.StartsWith("🔔 Одразу: ", StringComparison.Ordinal));
        if (line is null) return "nothing";
        var parts = line["🔔 Одразу: ".Length..].Split(" — ", 2);
        if (!parts[0].Split(", ").Contains(DeliveryPromise.Title(kind))) return "nothing";
        var where = parts[1].Split(';')[0].TrimEnd('.');
        return where switch { "у Telegram і Viber" => "both", "у Viber" => "viber", "у Telegram" => "telegram", _ => throw new InvalidOperationException(where) };
    }

    /// <summary>
    /// The promise equals the outbox for the alerts families and students get at once (a mark, an absence, a homework
    /// notice), produced by the journal as a teacher records them and sent by the host's real outbox sender: for every
    /// messenger set × consent × the school's Viber rule × role (a guardian, a student above and below the school's grade,
    /// a parent who switched mark alerts off), what the welcome and /settings say comes, comes, where they say; what they do
    /// not promise is cancelled and never sent. In quiet hours the promised alerts are held (the promise says "зранку"),
    /// nothing is sent, and in the morning they come as promised.
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task PromiseOfTheAlerts_EqualsWhatTheOutboxDoes_SentHeldOrCancelled_ForEveryCombination(bool viberAlerts, bool quiet)
    {
        var host = await DeliveryHost.CreateAsync();
        await using var _ = host;
        var s = host.S;
        if (viberAlerts)
        {
            await using var db = host.Db();
            var rules = NotificationRules.Defaults(s.School.Id, new NotificationDefaults());
            rules.Set(true, MarkAlertRule.All, true, true, true, new TimeOnly(18, 0), new TimeOnly(21, 0), new TimeOnly(7, 30), viberAlerts: true);
            db.NotificationRules.Add(rules);
            await db.SaveChangesAsync();
        }

        // 10:30 in Kyiv, or 22:30 (in the default quiet hours, 21:00–07:30).
        var at = TestSchool.Now + (quiet ? TimeSpan.FromHours(12.5) : TimeSpan.FromMinutes(30));
        await host.StartAsync(telegramPace: false, viber: true, clock: new ShiftedClock(at));
        var people = await MatrixPeopleAsync(host);
        var promised = new Dictionary<string, string>();
        await using (var db = host.Db())
        {
            var consents = new ConsentService(db, new NotificationRulesService(db, new NotificationDefaults(), new FakeTimeProvider(at)), new FakeTimeProvider(at));
            foreach (var p in people)
                promised[p.Name] = DeliveryPromise.Text(p.Kind, await consents.FactsAsync(p.Kind == RecipientKind.Guardian ? PersonKind.Guardian : PersonKind.Student, p.Id, s.School.Id));
        }

        // The teachers record, with notices (a minute's undo window, long past by the host's clock): homework in 7-А and
        // in 3-А, a 10 for every student of 7-А, and Олег absent from the next lesson.
        var window = TimeSpan.FromMinutes(1);
        await using (var db = host.Db())
        {
            var lesson = (await s.Journal(db, window).RecordLessonAsync(s.As(s.AlgebraTeacher),
                new LessonInput(s.Class7A.Id, s.Algebra.Id, null, TestSchool.Today, 2, "Рівняння", Homework: "№ 301"))).GetValueOrThrow();
            var students = await db.Enrolments.Where(e => e.ClassId == s.Class7A.Id && e.To == null).Select(e => e.StudentId).ToListAsync();
            foreach (var student in students) await host.CellAsync(window, lesson.Id, "10", student);
            var next = await host.LessonAsync(window, slot: 3);
            await host.CellAsync(window, next, "н", s.Ivanenko.Id);
        }

        await using (var db = host.Db())
            (await s.Journal(db, window).RecordLessonAsync(s.As(s.OtherTeacher),
                new LessonInput(s.Class3A.Id, s.Reading.Id, null, TestSchool.Today, 1, "Казка", Homework: "Прочитати казку"))).GetValueOrThrow();

        string Delivered((string Name, RecipientKind Kind, Guid Id, long? Telegram, string? Viber) p, string marker)
        {
            var inTelegram = p.Telegram is { } t && host.Telegram.MessagesTo(t).Any(m => m.PlainText.Contains(marker));
            var inViber = p.Viber is { } v && host.Viber!.MessagesTo(v).Any(m => m.Text.Contains(marker));
            return (inTelegram, inViber) switch { (true, true) => "both", (true, false) => "telegram", (false, true) => "viber", _ => "nothing" };
        }

        await host.SettledAsync();
        var rows = await host.RowsAsync();
        var mismatches = new List<string>();
        foreach (var p in people)
        {
            foreach (var (kind, marker) in Alerts.Where(a => DeliveryPromise.KindsOf(p.Kind).Contains(a.Kind)))
            {
                var expected = PromisedAlert(promised[p.Name], kind);
                var mine = rows.Where(r => r.RecipientId == p.Id && r.Kind == kind).ToList();
                if (expected == "nothing")
                {
                    // Not promised: no row goes; each one written is cancelled with its reason, and nothing arrives.
                    if (mine.Any(r => r.State != OutboxState.Cancelled) || Delivered(p, marker) != "nothing")
                        mismatches.Add($"{p.Name} {kind}: not promised («{promised[p.Name]}»), rows {string.Join(",", mine.Select(r => r.State))}");
                    continue;
                }

                if (mine.Count == 0) mismatches.Add($"{p.Name} {kind}: promised {expected}, no row written");
                if (quiet)
                {
                    if (!promised[p.Name].Contains("у тихі години (21:00–07:30) — зранку")) mismatches.Add($"{p.Name}: the quiet hours are not told");
                    if (mine.Any(r => r.State != OutboxState.Held || r.LastError != DeliveryRules.QuietHours) || Delivered(p, marker) != "nothing")
                        mismatches.Add($"{p.Name} {kind}: promised for the morning, rows {string.Join(",", mine.Select(r => $"{r.State}:{r.LastError}"))}, delivered {Delivered(p, marker)}");
                }
                else if (Delivered(p, marker) is var actual && actual != expected)
                {
                    mismatches.Add($"{p.Name} {kind}: promised {expected} («{promised[p.Name]}»), delivered {actual}");
                }
            }
        }

        Assert.Empty(mismatches);
        if (quiet)
        {
            // The morning, 07:31: what was held comes, where it was promised.
            await host.AdvanceAsync(TimeSpan.FromHours(9) + TimeSpan.FromMinutes(1));
            foreach (var p in people)
                foreach (var (kind, marker) in Alerts.Where(a => DeliveryPromise.KindsOf(p.Kind).Contains(a.Kind)))
                    if (PromisedAlert(promised[p.Name], kind) is var expected && Delivered(p, marker) is var actual && actual != expected)
                        mismatches.Add($"{p.Name} {kind}: promised {expected} in the morning, delivered {actual}");
            Assert.Empty(mismatches);
        }

        // The combinations are all there: every kind is promised to someone and withheld from someone, students of 7-А get
        // their marks and homework and those of 3-А nothing, and a parent who switched marks off is told so.
        foreach (var (kind, _) in Alerts)
        {
            Assert.Contains(people, p => PromisedAlert(promised[p.Name], kind) != "nothing");
            Assert.Contains(people, p => DeliveryPromise.KindsOf(p.Kind).Contains(kind) && PromisedAlert(promised[p.Name], kind) == "nothing");
        }

        Assert.Equal("telegram", PromisedAlert(promised["student 7-А T"], NotificationKind.MarkAlert));
        Assert.Equal("telegram", PromisedAlert(promised["student 7-А T"], NotificationKind.HomeworkNotice));
        Assert.All(people.Where(p => p.Name.StartsWith("student 3-А")), p => Assert.Contains("з 5 класу", promised[p.Name]));
        Assert.Contains(rows, r => r.Kind == NotificationKind.HomeworkNotice && r.RecipientKind == RecipientKind.Student && r.LastError == DeliveryRules.StudentsOff);
        Assert.Contains("⬜ Ви вимкнули: оцінки.", promised["guardian T consent=True marks off"]);
        Assert.Equal("nothing", PromisedAlert(promised["guardian T consent=True marks off"], NotificationKind.MarkAlert));
        Assert.Equal(viberAlerts ? "viber" : "nothing", PromisedAlert(promised["guardian V consent=True"], NotificationKind.AbsenceAlert));
        Assert.Equal("telegram", PromisedAlert(promised["guardian TV consent=True"], NotificationKind.HomeworkNotice)); // Telegram unless they chose Viber too
    }
}
