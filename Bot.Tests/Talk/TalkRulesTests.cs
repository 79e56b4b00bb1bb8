using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Talk;
using Bot.Host.Conversation.Parsing;

namespace Bot.Tests.Talk;

/// <summary>
/// The rules behind the conversations (ADR 0038) without a host: when a message written outside working hours is due,
/// how the outbox treats a conversation's rows (Viber whatever the alerts switch, the answer held no later than the
/// morning, a teacher without a chat waited for), and which plain words are commands.
/// </summary>
public sealed class TalkRulesTests
{
    private static readonly TimeOnly Eight = new(8, 0), Five = new(17, 0);

    private static bool? Weekdays(DateOnly d) => d == new DateOnly(2026, 12, 25) ? false : null; // a holiday; the rest: Monday–Friday

    [Theory]
    [InlineData("2026-11-20 10:00", "2026-11-20 10:00")] // Friday, inside: now
    [InlineData("2026-11-20 07:59", "2026-11-20 08:00")] // before the start: today's start
    [InlineData("2026-11-20 17:00", "2026-11-23 08:00")] // Friday's end: Monday
    [InlineData("2026-11-21 12:00", "2026-11-23 08:00")] // Saturday
    [InlineData("2026-12-24 21:00", "2026-12-28 08:00")] // Thursday night before a holiday Friday: Monday
    public void OutsideWorkingHours_TheMessageIsDueAtTheNextStart(string written, string due)
    {
        var at = DateTime.Parse(written, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTime.Parse(due, System.Globalization.CultureInfo.InvariantCulture), WorkingHours.NextDeliveryLocal(at, Eight, Five, Weekdays));
    }

    private static RecipientFacts Facts(bool viberAlerts, params Channel[] channels)
    {
        var rules = NotificationRules.Defaults(Guid.NewGuid(), new NotificationDefaults { ViberAlerts = viberAlerts });
        var links = channels.Select(c => new ChatLink(rules.SchoolId, c, "x", "x", PersonKind.Guardian, Guid.NewGuid(), Guid.NewGuid(), DateTime.UtcNow)).ToList();
        return new RecipientFacts(null, HasConsent: true, links, rules);
    }

    [Fact]
    public void AnAnswer_GoesOverViber_WithTheSchoolsViberAlertsOff_AndToTheMessengerTheParentWroteFrom()
    {
        Assert.IsType<DeliveryPlan.Never>(DeliveryRules.Plan(NotificationKind.MarkAlert, RecipientKind.Guardian, Facts(false, Channel.Viber)));
        var viber = Assert.IsType<DeliveryPlan.To>(DeliveryRules.Plan(NotificationKind.StaffAnswer, RecipientKind.Guardian, Facts(false, Channel.Viber)));
        Assert.Equal(Channel.Viber, Assert.Single(viber.Chats).Channel);
        var both = Facts(false, Channel.Telegram, Channel.Viber);
        Assert.Equal(Channel.Viber, Assert.Single(((DeliveryPlan.To)DeliveryRules.Plan(NotificationKind.StaffAnswer, RecipientKind.Guardian, both, Channel.Viber)).Chats).Channel);
        Assert.Equal(Channel.Telegram, Assert.Single(((DeliveryPlan.To)DeliveryRules.Plan(NotificationKind.StaffAnswer, RecipientKind.Guardian, both, Channel.Telegram)).Chats).Channel);
        Assert.Equal(DeliveryRules.NoConsent, Assert.IsType<DeliveryPlan.Never>(
            DeliveryRules.Plan(NotificationKind.StaffAnswer, RecipientKind.Guardian, Facts(false, Channel.Viber) with { HasConsent = false })).Reason);
    }

    [Fact]
    public void AnAnswerAtNight_WaitsForTheMorningAtTheLatest_AndAFamilysMessageToATeacherWithoutAChatWaitsForOne()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");
        var night = new DateTime(2026, 11, 20, 20, 0, 0, DateTimeKind.Utc); // 22:00 in Kyiv
        var facts = Facts(false, Channel.Telegram);
        var prefs = new RecipientPreferences(facts.Rules.SchoolId, PersonKind.Guardian, Guid.NewGuid());
        prefs.SetQuietHours(new TimeOnly(21, 0), new TimeOnly(10, 0)); // the parent sleeps late
        var answer = new OutboxMessage(facts.Rules.SchoolId, "a", RecipientKind.Guardian, Guid.NewGuid(), NotificationKind.StaffAnswer,
            OutboxPayloads.Serialize(new StaffAnswerPayload(Guid.NewGuid(), Guid.NewGuid(), Channel.Telegram)), night, night);
        var held = Assert.IsType<DeliveryDecision.Hold>(DeliveryRules.Decide(answer, facts with { Preferences = prefs }, night, zone, new HashSet<Channel> { Channel.Telegram }));
        Assert.Equal(new DateTime(2026, 11, 21, 6, 0, 0), held.UntilUtc); // 8:00 in Kyiv, not 10:00

        var toStaff = new OutboxMessage(facts.Rules.SchoolId, "b", RecipientKind.Staff, Guid.NewGuid(), NotificationKind.FamilyMessage,
            OutboxPayloads.Serialize(new FamilyMessagePayload(Guid.NewGuid(), Guid.NewGuid())), night, night);
        var noChat = facts with { Links = [] };
        Assert.Equal(DeliveryRules.WaitingForChat, Assert.IsType<DeliveryDecision.Hold>(DeliveryRules.Decide(toStaff, noChat, night, zone, new HashSet<Channel> { Channel.Telegram })).Reason);
        // Timed by working hours when written: the teacher's own quiet hours do not hold it again.
        Assert.IsType<DeliveryDecision.Send>(DeliveryRules.Decide(toStaff, facts, night, zone, new HashSet<Channel> { Channel.Telegram }));
    }

    [Theory]
    [InlineData("щоденник", "/diary")]
    [InlineData("Оцінки", "/marks")]
    [InlineData("розклад завтра", "/timetable завтра")]
    [InlineData("Домашнє завдання на пʼятницю", "/homework на пʼятницю")]
    [InlineData("дз", "/homework")]
    [InlineData("пропуски", "/attendance")]
    [InlineData("завтра", "/diary завтра")]
    [InlineData("тиждень?", "/diary тиждень")]
    [InlineData("Написати вчителю", "/write")]
    [InlineData("Коли батьківські збори?", null)]
    [InlineData("оцінки в сина погіршились, що робити з цим?", null)]
    [InlineData("Привіт", null)]
    public void PlainWords_AreReadAsTheirCommands_AndSentencesAreNot(string text, string? command) => Assert.Equal(command, PlainWords.Command(text));
}
