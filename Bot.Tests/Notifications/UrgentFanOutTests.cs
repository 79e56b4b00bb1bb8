using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Host.Delivery;
using Bot.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Notifications;

/// <summary>
/// Urgent means fast: an urgent announcement to families most of whom cannot be reached (no chat, no
/// consent) reaches the ones who can without the sender waiting a poll interval after each batch it could only cancel.
/// </summary>
public sealed class UrgentFanOutTests : IAsyncLifetime
{
    private DeliveryHost _h = null!;
    private TestSchool S => _h.S;

    public async Task InitializeAsync() => _h = await DeliveryHost.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task BatchesOfUnreachableFamilies_AreCancelledWithoutAPollWait_AndTheReachableOnesGetTheNotice()
    {
        // 40 guardians of Ivanenko who cannot be reached: half without a chat, half without a consent; the parents can.
        var mother = await _h.LinkAsync(S.IvanenkoMother, 720001);
        var father = await _h.LinkAsync(S.IvanenkoFather, 720002);
        await using (var db = _h.Db())
        {
            for (var i = 0; i < 40; i++)
            {
                var guardian = new Guardian(S.School.Id, "Мельник", $"Гість{i:D2}");
                db.AddRange(guardian, new GuardianStudent(guardian.Id, S.Ivanenko.Id, "опікун"));
                if (i % 2 == 0) db.Consents.Add(new Consent(S.School.Id, guardian.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
                else await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Guardian, guardian.Id, 720100 + i);
            }

            await db.SaveChangesAsync();
            (await new AnnouncementService(db, S.Clock).PostAsync(S.As(S.ClassTeacher), S.School.Id,
                new AnnouncementInput(AnnouncementAudience.Class, S.Class7A.Id, null, "Завтра уроків не буде: у школі немає світла.", Urgent: true))).GetValueOrThrow();
            // The parents' rows come last (the outbox takes rows by priority, then age): every batch before them
            // (12 rows at the default rate) has nobody to send to.
            var parents = new[] { S.IvanenkoMother.Id, S.IvanenkoFather.Id };
            await db.Outbox.Where(o => parents.Contains(o.RecipientId))
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.CreatedAtUtc, TestSchool.Now.UtcDateTime.AddSeconds(1)));
        }

        // A poll interval no test could sit out: before the fix the first batch of unreachable rows waited all of it.
        await _h.StartAsync(new Dictionary<string, string?> { ["Delivery:PollInterval"] = "00:10:00" });
        var sender = _h.Host!.Service<IEnumerable<IHostedService>>().OfType<OutboxSender>().Single();

        Assert.Contains("Завтра уроків не буде", Assert.Single(await _h.Telegram.WaitForMessagesAsync(mother)).PlainText);
        Assert.Contains("Завтра уроків не буде", Assert.Single(await _h.Telegram.WaitForMessagesAsync(father)).PlainText);
        await _h.WaitForRowsAsync(r => r.Count(x => x.State == OutboxState.Sent) == 2 && r.Count(x => x.State == OutboxState.Cancelled) == 40,
            "two rows sent and forty cancelled");
        // At most the one wait after the last batch, when nothing was left: none between the batches.
        Assert.InRange(sender.PollWaits, 0, 1);

        var rows = await _h.RowsAsync(NotificationKind.Announcement);
        Assert.Equal(20, rows.Count(r => r.LastError == DeliveryRules.NoChat));
        Assert.Equal(20, rows.Count(r => r.LastError == DeliveryRules.NoConsent));
        Assert.Equal(2, _h.Telegram.Messages.Count);
    }
}
