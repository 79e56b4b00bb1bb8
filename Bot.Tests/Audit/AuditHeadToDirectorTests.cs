using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Fakes;
using Bot.Host.Cli;
using Bot.Host.Delivery;
using Bot.Host.Jobs;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Audit;

/// <summary>
/// The audit head anchored in the director's chat (ADR 0037 decision 3): on Monday after 08:00 school-local the weekly
/// job sends each linked director, through the outbox to the fake Telegram server, the school's head — the number, the
/// hash short and whole, the time — and the last check's verdict; the whole "number:hash" line is an anchor that `audit
/// verify --anchor` accepts. A linked teacher and a linked parent get nothing; a school whose director has no linked
/// chat gets nothing. The host seals with its own key (Audit:KeyPath), which the verb reads too.
/// </summary>
public sealed class AuditHeadToDirectorTests : IAsyncLifetime
{
    private const long DirectorChat = 760101, TeacherChat = 760102, ParentChat = 760103;

    /// <summary>Monday 23 November 2026, 09:00 in Kyiv.</summary>
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    private DeliveryHost _h = null!;
    private Staff _director = null!;
    private string _keyPath = null!;
    private TestSchool S => _h.S;

    public async Task InitializeAsync()
    {
        _h = await DeliveryHost.CreateAsync();
        _keyPath = Path.Combine(Path.GetTempPath(), $"journal-test-audit-{Guid.NewGuid():N}", "audit.key");
        await using var db = _h.Db();
        _director = new Staff(S.School.Id, "Гребенюк", "Олена", "Андріївна", StaffRoles.Administrator);
        db.Staff.Add(_director);
        await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Staff, S.AlgebraTeacher.Id, TeacherChat);
        await db.SaveChangesAsync();
        await _h.LinkAsync(S.IvanenkoMother, ParentChat);
        // Something in the trail: a lesson (Friday 20.11, 10:00 in Kyiv), left for the host's sealer; nobody is notified of it.
        (await S.Journal(db).RecordLessonAsync(S.As(S.AlgebraTeacher), new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 2, "Рівняння"),
            notify: false)).GetValueOrThrow();
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        var dir = Path.GetDirectoryName(_keyPath)!;
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private async Task StartAsync() =>
        await _h.StartAsync(new Dictionary<string, string?> { ["Audit:KeyPath"] = _keyPath }, clock: new ShiftedClock(MondayMorning), telegramPace: false);

    /// <summary>The host's sealer has chained every record: the head to anchor.</summary>
    private async Task<AuditAnchor> SealedHeadAsync()
    {
        await FakeTelegramServer.WaitUntilAsync(() =>
        {
            using var db = _h.Db();
            return !db.AuditRecords.Any(r => r.Sequence == 0) && db.AuditHeads.Any(h => h.SchoolId == S.School.Id && h.LastSequence > 0);
        }, TimeSpan.FromSeconds(20), "the sealer to chain the records");
        await using var db = _h.Db();
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.SchoolId == S.School.Id);
        Assert.NotNull(head.KeyId);
        return new AuditAnchor(head.LastSequence, head.LastHash);
    }

    private async Task RunJobAsync()
    {
        var storage = _h.Host!.Service<JobStorage>();
        var before = storage.GetMonitoringApi().SucceededListCount();
        _h.Host!.Service<IRecurringJobManager>().Trigger(AuditHeadJob.Id);
        await FakeTelegramServer.WaitUntilAsync(() => storage.GetMonitoringApi().SucceededListCount() > before, TimeSpan.FromSeconds(20), "the audit head job to succeed");
    }

    private async Task<(int Exit, string Out, string Err)> VerifyAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await Verbs.RunAsync(["audit", "verify", .. args, $"--Database:Provider={_h.Database.Provider}",
            $"--ConnectionStrings:Journal={_h.Database.ConnectionString}", $"--Audit:KeyPath={_keyPath}"], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task TheDirector_GetsTheHead_ThatAuditVerifyAccepts_TheTeacherAndTheParentGetNothing()
    {
        await using (var db = _h.Db())
        {
            await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Staff, _director.Id, DirectorChat);
            await db.SaveChangesAsync();
        }

        await StartAsync();
        var head = await SealedHeadAsync();
        var (exit, _, error) = await VerifyAsync(); // the last check, which the message reports
        Assert.True(exit == 0, error);
        DateTime checkedAt;
        await using (var db = _h.Db())
            checkedAt = (await db.AuditChecks.AsNoTracking().SingleAsync(c => c.SchoolId == S.School.Id)).CheckedAtUtc!.Value;
        var kyiv = Bot.Domain.Schools.SchoolTime.Resolve("Europe/Kyiv");

        await RunJobAsync();

        var message = Assert.Single(await _h.Telegram.WaitForMessagesAsync(DirectorChat));
        Assert.Equal($"Контрольний запис журналу змін\nЗапис №{head.Sequence} від 20.11.2026 10:00, відбиток {head.Hash[..12]}…\n"
            + $"Повністю: {head.Sequence}:{head.Hash}\n"
            + "Збережіть це повідомлення: за ним можна перевірити, що журнал змін не переписано.\n"
            + $"Остання перевірка ({TimeZoneInfo.ConvertTimeFromUtc(checkedAt, kyiv):dd.MM.yyyy HH:mm}): записи цілісні.", message.PlainText);
        Assert.Contains($"<code>{head.Sequence}:{head.Hash}</code>", message.Text); // the whole anchor in a monospace line, copied with a tap

        // The anchor as the director has it in the chat is accepted by the check.
        var anchor = message.PlainText.Split('\n').Single(l => l.StartsWith("Повністю: ", StringComparison.Ordinal))["Повністю: ".Length..];
        (exit, var output, error) = await VerifyAsync("--anchor", anchor);
        Assert.True(exit == 0, error + output);
        Assert.Contains("INTACT", output);

        // Nobody else: not the linked teacher, not the linked parent; and a second run of the week writes nothing more.
        await RunJobAsync();
        await Task.Delay(500);
        Assert.Single(_h.Telegram.MessagesTo(DirectorChat));
        Assert.Empty(_h.Telegram.MessagesTo(TeacherChat));
        Assert.Empty(_h.Telegram.MessagesTo(ParentChat));
        await using (var db = _h.Db())
            Assert.Equal([_director.Id], await db.Outbox.AsNoTracking().Where(o => o.Kind == NotificationKind.AuditHead).Select(o => o.RecipientId).ToListAsync());
    }

    [Fact]
    public async Task WithoutALinkedDirector_NothingIsSent()
    {
        await StartAsync();
        await SealedHeadAsync();

        await RunJobAsync();
        await Task.Delay(500);

        Assert.Empty(_h.Telegram.MessagesTo(TeacherChat));
        Assert.Empty(_h.Telegram.MessagesTo(ParentChat));
        await using var db = _h.Db();
        Assert.False(await db.Outbox.AnyAsync(o => o.Kind == NotificationKind.AuditHead));
    }

    [Fact]
    public void TheSchedule_IsMondayAtEight_SchoolLocal() =>
        Assert.Equal((DayOfWeek.Monday, new TimeOnly(8, 0)), (AuditHeadJob.Day, AuditHeadJob.At));
}
