using Bot.Domain;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;

namespace Bot.Tests.Notifications;

public class RecipientPreferencesTests
{
    private static RecipientPreferences New() => new(Guid.NewGuid(), PersonKind.Guardian, Guid.NewGuid());

    [Theory]
    [InlineData("20:59", false)]
    [InlineData("21:00", true)]
    [InlineData("23:30", true)]
    [InlineData("03:00", true)]
    [InlineData("07:29", true)]
    [InlineData("07:30", false)]
    [InlineData("12:00", false)]
    public void IsQuiet_DefaultHoursSpanMidnight(string time, bool quiet) =>
        Assert.Equal(quiet, New().IsQuiet(TimeOnly.Parse(time)));

    [Fact]
    public void IsQuiet_DaytimeWindow_AndNone()
    {
        var p = New();
        p.SetQuietHours(new TimeOnly(13, 0), new TimeOnly(15, 0));
        Assert.True(p.IsQuiet(new TimeOnly(14, 0)));
        Assert.False(p.IsQuiet(new TimeOnly(22, 0)));
        p.SetQuietHours(null, null);
        Assert.False(p.IsQuiet(new TimeOnly(3, 0)));
    }

    [Fact]
    public void Defaults_AllAlertsOn_TelegramOnly_DiaryAtSix()
    {
        var p = New();
        Assert.All(new[] { NotificationKind.MarkAlert, NotificationKind.AbsenceAlert, NotificationKind.HomeworkNotice, NotificationKind.DailyDiary },
            k => Assert.True(p.Wants(k)));
        Assert.True(p.WantsAlertsIn(Channel.Telegram));
        Assert.False(p.WantsAlertsIn(Channel.Viber));
        Assert.Equal(new TimeOnly(18, 0), p.DailyDiaryTime); // the school default of the issue (18:00)
    }

    [Fact]
    public void SwitchingOffAKind_AndNoChannelAtAll_IsRefused()
    {
        var p = New();
        p.Set(NotificationKind.MarkAlert, false);
        Assert.False(p.Wants(NotificationKind.MarkAlert));
        Assert.True(p.Wants(NotificationKind.AbsenceAlert));
        var ex = Assert.Throws<DomainException>(() => p.SetChannels(AlertChannels.None));
        Assert.Contains("месенджер", ex.Message);
    }
}

public class PreferenceAndRuleValidationTests
{
    [Fact]
    public void QuietHours_WithEqualEnds_AreRefusedInUkrainian()
    {
        var p = new RecipientPreferences(Guid.NewGuid(), PersonKind.Guardian, Guid.NewGuid());
        var ex = Assert.Throws<DomainException>(() => p.SetQuietHours(new TimeOnly(22, 0), new TimeOnly(22, 0)));
        Assert.Contains("Тихі години", ex.Message);
        Assert.Throws<DomainException>(() => p.SetQuietHours(new TimeOnly(22, 0), null));
    }

    [Theory]
    [InlineData("all", "3", true)]
    [InlineData("none", "3", false)]
    [InlineData("6", "6", true)]
    [InlineData("6", "7", false)]
    [InlineData("6", "н/а", true)]
    public void MarkAlertRule_AllNoneOrAtOrBelow(string rule, string mark, bool alerted) =>
        Assert.Equal(alerted, MarkAlertRule.Parse(rule).Allows(mark));

    [Fact]
    public void MarkAlertRule_OutsideTheScale_IsRefused() => Assert.Throws<ArgumentException>(() => MarkAlertRule.Parse("13"));
}
