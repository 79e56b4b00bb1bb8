using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;

namespace Bot.Tests.Timetable;

/// <summary>
/// The rules behind «Клас в укритті» (ADR 0044) without a host: its notice goes over Viber while the school's Viber alerts
/// are off, and not once the school switches urgent Viber messages off; it goes through the parent's quiet hours at the
/// urgent priority while an ordinary alert waits; the lesson under way is read from the bells.
/// </summary>
public sealed class ShelterRulesTests
{
    private static RecipientFacts Facts(bool viberUrgent, params Channel[] channels)
    {
        var rules = NotificationRules.Defaults(Guid.NewGuid(), new NotificationDefaults { ViberAlerts = false });
        rules.Set(true, MarkAlertRule.All, true, true, true, new TimeOnly(18, 0), new TimeOnly(9, 0), new TimeOnly(16, 0), viberAlerts: false, viberUrgent: viberUrgent);
        var links = channels.Select(c => new ChatLink(rules.SchoolId, c, "x", "x", PersonKind.Guardian, Guid.NewGuid(), Guid.NewGuid(), DateTime.UtcNow)).ToList();
        return new RecipientFacts(null, HasConsent: true, links, rules);
    }

    [Fact]
    public void TheShelterNotice_GoesOverViberUnlessUrgentViberIsOff_AndThroughQuietHours_AheadOfAlerts()
    {
        Assert.IsType<DeliveryPlan.Never>(DeliveryRules.Plan(NotificationKind.MarkAlert, RecipientKind.Guardian, Facts(true, Channel.Viber)));
        var viber = Assert.IsType<DeliveryPlan.To>(DeliveryRules.Plan(NotificationKind.ShelterNotice, RecipientKind.Guardian, Facts(true, Channel.Viber)));
        Assert.Equal(Channel.Viber, Assert.Single(viber.Chats).Channel);
        Assert.Equal(NotificationRules.ViberOff,
            Assert.IsType<DeliveryPlan.Never>(DeliveryRules.Plan(NotificationKind.ShelterNotice, RecipientKind.Guardian, Facts(false, Channel.Viber))).Reason);

        // 10:00 in Kyiv, inside the quiet hours 09:00–16:00: the shelter notice goes, a mark alert waits.
        var zone = SchoolTime.Resolve("Europe/Kyiv");
        var now = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);
        var facts = Facts(true, Channel.Telegram);
        var running = new HashSet<Channel> { Channel.Telegram };
        OutboxMessage Row(NotificationKind kind) => new(facts.Rules.SchoolId, $"{kind}:x", RecipientKind.Guardian, Guid.NewGuid(), kind, "{}", now, now);
        Assert.IsType<DeliveryDecision.Send>(DeliveryRules.Decide(Row(NotificationKind.ShelterNotice), facts, now, zone, running));
        Assert.Equal(DeliveryRules.QuietHours, Assert.IsType<DeliveryDecision.Hold>(DeliveryRules.Decide(Row(NotificationKind.MarkAlert), facts, now, zone, running)).Reason);
        Assert.Equal(OutboxPriority.Urgent, Row(NotificationKind.ShelterNotice).Priority);
        Assert.True(OutboxPriority.Urgent < OutboxPriority.Of(NotificationKind.DailyDiary));
    }

    [Fact]
    public void TheLessonUnderWay_IsTheBellsSlotFromItsStartToItsEnd_NoneInABreak()
    {
        var school = Guid.NewGuid();
        BellSlot[] bells = [new(school, 1, new TimeOnly(8, 30), new TimeOnly(9, 15)), new(school, 2, new TimeOnly(9, 25), new TimeOnly(10, 10))];
        Assert.Equal(1, ShelterService.BellNumber(bells, new TimeOnly(8, 30)));
        Assert.Equal(2, ShelterService.BellNumber(bells, new TimeOnly(10, 10)));
        Assert.Null(ShelterService.BellNumber(bells, new TimeOnly(9, 20)));
        Assert.Null(ShelterService.BellNumber(bells, new TimeOnly(7, 0)));
    }
}
