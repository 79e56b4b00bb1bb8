using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Fakes;
using Bot.Tests.Builders;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Notifications;

/// <summary>
/// The outbox delivered by Bot.Host through the fake Telegram server: the undo window, undo, folding of a day's absences,
/// quiet hours, consent, preferences, a blocked chat, priorities and an interrupted send.
/// </summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    // The real ten minutes: the tests move the host's clock past it (DeliveryHost.AdvanceAsync) instead of waiting it out,
    // and "nothing yet" is what the sender decided on a pass after the write (DeliveryHost.SettledAsync), not a pause.
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private DeliveryHost _h = null!;
    private TestSchool S => _h.S;

    public async Task InitializeAsync() => _h = await DeliveryHost.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<Guid> LessonAsync(int slot = 2) => _h.LessonAsync(Window, slot);

    private Task<CellChange> CellAsync(Guid lessonId, string text, Guid? studentId = null, Guid? subjectId = null, Bot.Domain.Roster.Staff? teacher = null) =>
        _h.CellAsync(Window, lessonId, text, studentId, subjectId, teacher);

    [Fact]
    public async Task MarkAlert_WaitsForTheUndoWindow_ThenGoesOnceInUkrainian()
    {
        var mother = await _h.LinkAsync(S.IvanenkoMother, 710001);
        await _h.StartAsync();
        await CellAsync(await LessonAsync(), "10");

        await _h.SettledAsync();
        Assert.Empty(_h.Telegram.MessagesTo(mother)); // still inside the undo window
        await _h.AdvanceAsync(Window - TimeSpan.FromMinutes(2));
        Assert.Empty(_h.Telegram.MessagesTo(mother)); // 8 minutes on: still inside
        await _h.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal("Іваненко Олег: 10 з алгебри (20.11)", Assert.Single(_h.Telegram.MessagesTo(mother)).PlainText);
        await _h.SettledAsync();
        Assert.Single(_h.Telegram.MessagesTo(mother)); // once
        var rows = await _h.RowsAsync(NotificationKind.MarkAlert);
        Assert.Equal(OutboxState.Sent, rows.Single(r => r.RecipientId == S.IvanenkoMother.Id).State);
        Assert.Contains("consent", rows.Single(r => r.RecipientId == S.IvanenkoFather.Id).LastError); // the father has none recorded
    }

    [Fact]
    public async Task Undo_InsideTheWindow_MeansNoAlertAtAll()
    {
        var mother = await _h.LinkAsync(S.IvanenkoMother, 710002);
        await CellAsync(await LessonAsync(2), "2");
        await CellAsync(await LessonAsync(3), "н");
        await using (var db = _h.Db())
        {
            var writes = await db.AuditRecords.Where(a => a.EntityType == "Absence" || a.EntityType == "Mark").InWrittenOrder().ToListAsync();
            Assert.Equal(2, writes.Count);
            foreach (var write in writes) (await S.Journal(db, Window).UndoBatchAsync(S.As(S.AlgebraTeacher), write.WriteBatchId, "помилка")).GetValueOrThrow();
        }

        // Both taken back inside the window by the journal's clock; the host's clock then passes the window and the sender
        // settles both rows without a message.
        await _h.StartAsync();
        await _h.AdvanceAsync(Window + TimeSpan.FromSeconds(1));

        Assert.All(await _h.RowsAsync(), x => Assert.True(x.State is OutboxState.Cancelled or OutboxState.Sent, $"{x.Kind}: {x.State}"));
        Assert.Empty(_h.Telegram.MessagesTo(mother).Select(m => m.PlainText));
        var rows = await _h.RowsAsync();
        Assert.Contains(rows, r => r.Kind == NotificationKind.MarkAlert && r.LastError == "taken back within the undo window");
        Assert.Contains(rows, r => r.Kind == NotificationKind.AbsenceAlert && r.RecipientId == S.IvanenkoMother.Id && r.LastError == Bot.Host.Delivery.OutboxComposer.NothingLeft);
    }

    [Fact]
    public async Task AbsenceAlert_FoldsTheDaysAbsencesIntoOneMessage_WhileHeld()
    {
        var mother = await _h.LinkAsync(S.IvanenkoMother, 710003);
        await using (var db = _h.Db())
        {
            db.Add(new Bot.Domain.Timetable.TimetableEntry(S.School.Id, S.Class7A.Id, S.Ukrainian.Id, DayOfWeek.Friday, 3, S.ClassTeacher.Id));
            await db.SaveChangesAsync();
        }

        await _h.StartAsync();
        await CellAsync(await LessonAsync(2), "н");
        Guid ukrainianLesson;
        await using (var db = _h.Db())
            ukrainianLesson = (await S.Journal(db, Window).RecordLessonAsync(S.As(S.ClassTeacher), new LessonInput(S.Class7A.Id, S.Ukrainian.Id, null, TestSchool.Today, 3, "Прислівник"), notify: false)).GetValueOrThrow().Id;
        await CellAsync(ukrainianLesson, "н", subjectId: S.Ukrainian.Id, teacher: S.ClassTeacher);

        await _h.AdvanceAsync(Window + TimeSpan.FromSeconds(1));
        var alert = Assert.Single(_h.Telegram.MessagesTo(mother)).PlainText;
        Assert.Equal("Іваненко Олег: пропуски 20.11\n• 2. Алгебра — н\n• 3. Українська мова — н", alert);
        Assert.Single(await _h.RowsAsync(NotificationKind.AbsenceAlert), r => r.RecipientId == S.IvanenkoMother.Id);
    }

    [Fact]
    public async Task QuietHours_HoldTheMessage_UntilTheyEnd()
    {
        var mother = await _h.LinkAsync(S.IvanenkoMother, 710004);
        var quietEnd = new TimeOnly(10, 30); // the school's clock starts at 10:00:00 in Kyiv
        await using (var db = _h.Db())
        {
            var prefs = new RecipientPreferences(S.School.Id, PersonKind.Guardian, S.IvanenkoMother.Id);
            prefs.SetQuietHours(new TimeOnly(9, 0), quietEnd);
            db.Preferences.Add(prefs);
            db.Outbox.Add(new OutboxMessage(S.School.Id, "test-quiet", RecipientKind.Guardian, S.IvanenkoMother.Id, NotificationKind.Announcement,
                """{"text":"Завтра скорочені уроки."}""", TestSchool.Now.UtcDateTime, TestSchool.Now.UtcDateTime));
            await db.SaveChangesAsync();
        }

        await _h.StartAsync();
        await _h.SettledAsync();
        var held = (await _h.RowsAsync()).Single();
        Assert.Equal(OutboxState.Held, held.State);
        Assert.Equal(DeliveryRules.QuietHours, held.LastError);
        Assert.Equal(TestSchool.Now.UtcDateTime.AddMinutes(30), held.NotBeforeUtc);
        Assert.Empty(_h.Telegram.MessagesTo(mother));
        await _h.AdvanceAsync(TimeSpan.FromMinutes(25));
        Assert.Empty(_h.Telegram.MessagesTo(mother)); // 10:25: still quiet
        await _h.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal("Завтра скорочені уроки.", Assert.Single(_h.Telegram.MessagesTo(mother)).PlainText);
    }

    /// <summary>An urgent announcement (lessons cancelled tomorrow) goes at once through quiet hours; an ordinary one waits for the morning.</summary>
    [Fact]
    public async Task QuietHours_AnUrgentAnnouncementGoesThrough_AnOrdinaryOneWaits()
    {
        var mother = await _h.LinkAsync(S.IvanenkoMother, 710013);
        await using (var db = _h.Db())
        {
            var prefs = new RecipientPreferences(S.School.Id, PersonKind.Guardian, S.IvanenkoMother.Id);
            prefs.SetQuietHours(new TimeOnly(9, 0), new TimeOnly(12, 0)); // the school's clock stands at 10:00 in Kyiv
            db.Preferences.Add(prefs);
            await db.SaveChangesAsync();
        }

        await _h.StartAsync();
        await using (var db = _h.Db())
        {
            var announcements = new AnnouncementService(db, _h.Host!.Service<TimeProvider>());
            (await announcements.PostAsync(S.As(S.ClassTeacher), S.School.Id,
                new AnnouncementInput(AnnouncementAudience.Class, S.Class7A.Id, null, "Екскурсію перенесено на четвер.", Urgent: false))).GetValueOrThrow();
            (await announcements.PostAsync(S.As(S.ClassTeacher), S.School.Id,
                new AnnouncementInput(AnnouncementAudience.Class, S.Class7A.Id, null, "Завтра уроків не буде: у школі немає світла.", Urgent: true))).GetValueOrThrow();
        }

        await _h.SettledAsync();
        var sent = Assert.Single(_h.Telegram.MessagesTo(mother));
        Assert.Contains("Завтра уроків не буде", sent.PlainText);
        var held = (await _h.RowsAsync(NotificationKind.Announcement)).Single(x => x.RecipientId == S.IvanenkoMother.Id && x.State == OutboxState.Held);
        Assert.Equal(DeliveryRules.QuietHours, held.LastError);
        Assert.Equal(TestSchool.Now.UtcDateTime.AddHours(2), held.NotBeforeUtc);
        Assert.Single(_h.Telegram.MessagesTo(mother));
    }

    [Fact]
    public async Task NoConsent_OrAKindSwitchedOff_NothingIsSent_AndTheRowSaysWhy()
    {
        var father = await _h.LinkAsync(S.IvanenkoFather, 710005, consent: false);
        var mother = await _h.LinkAsync(S.IvanenkoMother, 710006);
        await using (var db = _h.Db())
        {
            var prefs = new RecipientPreferences(S.School.Id, PersonKind.Guardian, S.IvanenkoMother.Id);
            prefs.Set(NotificationKind.MarkAlert, false);
            prefs.SetQuietHours(null, null);
            db.Preferences.Add(prefs);
            await db.SaveChangesAsync();
        }

        await _h.StartAsync();
        await CellAsync(await LessonAsync(), "9");
        await _h.AdvanceAsync(Window + TimeSpan.FromSeconds(1));
        var rows = await _h.RowsAsync(NotificationKind.MarkAlert);
        Assert.Equal(DeliveryRules.NoConsent, rows.Single(r => r.RecipientId == S.IvanenkoFather.Id).LastError);
        Assert.Equal(DeliveryRules.KindOff, rows.Single(r => r.RecipientId == S.IvanenkoMother.Id).LastError);
        Assert.Empty(_h.Telegram.MessagesTo(father));
        Assert.Empty(_h.Telegram.MessagesTo(mother));
    }

    [Fact]
    public async Task SchoolRule_MarksAtOrBelowSix_OnlyThoseAreAlerted()
    {
        var mother = await _h.LinkAsync(S.IvanenkoMother, 710009);
        await _h.StartAsync(new Dictionary<string, string?> { ["Notifications:MarkAlerts"] = "6" });
        await CellAsync(await LessonAsync(2), "10");
        await CellAsync(await LessonAsync(3), "5");

        await _h.AdvanceAsync(Window + TimeSpan.FromSeconds(1));
        Assert.Equal("Іваненко Олег: 5 з алгебри (20.11)", Assert.Single(_h.Telegram.MessagesTo(mother)).PlainText);
        Assert.Contains(await _h.RowsAsync(NotificationKind.MarkAlert), r => r.RecipientId == S.IvanenkoMother.Id && r.LastError == "school rule: alerts only for marks of 6 or below");
    }

    [Fact]
    public async Task SchoolsStoredRules_OverrideTheConfiguration_MarksAndHomeworkGoInTheDiaryOnly()
    {
        var mother = await _h.LinkAsync(S.IvanenkoMother, 710013);
        await using (var db = _h.Db())
        {
            var rules = NotificationRules.Defaults(S.School.Id, new NotificationDefaults());
            rules.Set(true, MarkAlertRule.Parse("none"), false, true, true, new TimeOnly(18, 0), null, null, false);
            db.NotificationRules.Add(rules);
            await db.SaveChangesAsync();
        }

        await _h.StartAsync(new Dictionary<string, string?> { ["Notifications:MarkAlerts"] = "all" });
        await CellAsync(await LessonAsync(2), "4");
        await using (var db = _h.Db())
            (await S.Journal(db, Window).RecordLessonAsync(S.As(S.AlgebraTeacher), new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 3, "Рівняння", Homework: "№ 301"))).GetValueOrThrow();
        await CellAsync(await LessonAsync(4), "н");

        await _h.AdvanceAsync(Window + TimeSpan.FromSeconds(1));
        Assert.StartsWith("Іваненко Олег: пропуски 20.11", Assert.Single(_h.Telegram.MessagesTo(mother)).PlainText);
        var rows = (await _h.RowsAsync()).Where(r => r.RecipientId == S.IvanenkoMother.Id).ToList();
        Assert.Equal("school rule: marks go in the evening diary only", rows.Single(r => r.Kind == NotificationKind.MarkAlert).LastError);
        Assert.Equal("school rule: homework goes in the evening diary only", rows.Single(r => r.Kind == NotificationKind.HomeworkNotice).LastError);
    }

    [Fact]
    public async Task ParentsAbsenceReport_ReachesTheClassTeacher_AtOnce()
    {
        await using (var db = _h.Db())
        {
            await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Staff, S.ClassTeacher.Id, 710010);
            await db.SaveChangesAsync();
        }

        await _h.StartAsync();
        await using (var db = _h.Db())
            (await new Bot.Domain.Attendance.AbsenceNoticeService(db, S.Clock).ReportAsync(S.IvanenkoMother.Id, S.Ivanenko.Id, "температура", Channel.Telegram))
                .GetValueOrThrow();

        var report = Assert.Single(await _h.Telegram.WaitForMessagesAsync(710010)).PlainText;
        Assert.Equal("Повідомлення про відсутність\nІваненко Олег (7-А), 20.11\nПричина: температура\nВід: Іваненко Галина", report);
    }

    [Fact]
    public async Task BlockedChat_StopsItsRows_AndItsLinkIsInactive()
    {
        var mother = await _h.LinkAsync(S.IvanenkoMother, 710007);
        await using (var db = _h.Db())
        {
            for (var i = 0; i < 3; i++)
                db.Outbox.Add(new OutboxMessage(S.School.Id, $"test-blocked-{i}", RecipientKind.Guardian, S.IvanenkoMother.Id, NotificationKind.Announcement,
                    $$"""{"text":"Оголошення {{i}}"}""", TestSchool.Now.UtcDateTime.AddSeconds(i), TestSchool.Now.UtcDateTime.AddMinutes(1).AddSeconds(i))); // due once the chat is blocked
            await db.SaveChangesAsync();
        }

        await _h.StartAsync();
        _h.Telegram.Block(mother);
        await _h.AdvanceAsync(TimeSpan.FromMinutes(2));
        var rows = (await _h.RowsAsync()).OrderBy(r => r.CreatedAtUtc).ToList();
        Assert.Equal(OutboxState.Dead, rows[0].State);
        Assert.Equal("chat gone: blocked", rows[0].LastError);
        Assert.All(rows.Skip(1), r => Assert.True(r.State == OutboxState.Cancelled && r.LastError == DeliveryRules.NoChat || r.State == OutboxState.Dead));
        Assert.Empty(_h.Telegram.MessagesTo(mother));
        await using var check = _h.Db();
        Assert.False((await check.ChatLinks.SingleAsync()).IsActive);
    }

    [Fact]
    public async Task UrgentRows_GoAheadOfDigests()
    {
        var chats = new List<long>();
        await using (var db = _h.Db())
        {
            for (var i = 0; i < 6; i++)
            {
                var g = new Bot.Domain.Roster.Guardian(S.School.Id, "Батько", $"Номер{i}");
                db.Add(g);
                db.Consents.Add(new Bot.Domain.Roster.Consent(S.School.Id, g.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
                await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Guardian, g.Id, 720000 + i);
                chats.Add(720000 + i);
                var kind = i == 5 ? NotificationKind.AbsenceAlert : NotificationKind.DailyDiary;
                db.Outbox.Add(new OutboxMessage(S.School.Id, $"test-prio-{i}", RecipientKind.Guardian, g.Id, kind,
                    $$"""{"message":[[["p","{{kind}} {{i}}"]]]}""", TestSchool.Now.UtcDateTime, TestSchool.Now.UtcDateTime.AddSeconds(-60 + i)));
            }

            await db.SaveChangesAsync();
        }

        await _h.StartAsync(new Dictionary<string, string?> { ["Delivery:MaxInFlight"] = "1" });
        await FakeTelegramServer.WaitUntilAsync(() => _h.Telegram.Messages.Count == 6, what: "six messages");
        Assert.Equal("AbsenceAlert 5", _h.Telegram.Messages[0].PlainText);
    }

    [Fact]
    public async Task Announcement_ToAClass_ReachesItsParents_SignedByItsAuthor()
    {
        var mother = await _h.LinkAsync(S.IvanenkoMother, 710011);
        var father = await _h.LinkAsync(S.IvanenkoFather, 710012);
        await _h.StartAsync();
        await using (var db = _h.Db())
            (await new AnnouncementService(db, _h.Host!.Service<TimeProvider>()).PostAsync(S.As(S.ClassTeacher), S.School.Id,
                new AnnouncementInput(AnnouncementAudience.Class, S.Class7A.Id, null, "Шановні батьки!\nУ п'ятницю о 18:00 — батьківські збори.", Urgent: true))).GetValueOrThrow();

        const string expected = "❗ Термінове оголошення · 7-А\nШановні батьки!\nУ п'ятницю о 18:00 — батьківські збори.\n— Шевчук Н. О., класний керівник 7-А";
        Assert.Equal(expected, Assert.Single(await _h.Telegram.WaitForMessagesAsync(mother)).PlainText);
        Assert.Equal(expected, Assert.Single(await _h.Telegram.WaitForMessagesAsync(father)).PlainText);
        await _h.WaitForRowsAsync(r => r.Count(x => x.Kind == NotificationKind.Announcement && x.State == OutboxState.Sent) == 2, "both rows to be sent");
    }

    [Fact]
    public async Task ARowLeftSending_ByADeadProcess_GoesAgainOnce()
    {
        var mother = await _h.LinkAsync(S.IvanenkoMother, 710008);
        await using (var db = _h.Db())
        {
            db.Outbox.Add(new OutboxMessage(S.School.Id, "test-interrupted", RecipientKind.Guardian, S.IvanenkoMother.Id, NotificationKind.Announcement,
                """{"text":"Батьківські збори о 18:00."}""", TestSchool.Now.UtcDateTime, TestSchool.Now.UtcDateTime));
            await db.SaveChangesAsync();
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Sending));
        }

        await _h.StartAsync();
        await _h.SettledAsync();
        Assert.Equal(OutboxState.Sent, (await _h.RowsAsync()).Single().State);
        Assert.Single(_h.Telegram.MessagesTo(mother));
    }
}
