using Bot.Domain;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;

namespace Bot.Tests.Notifications;

public class RecipientPreferencesTests
{
    private static RecipientPreferences New() => new(Guid.NewGuid(), PersonKind.Guardian, Guid.NewGuid());

    private static NotificationRules School(TimeOnly diaryTime, TimeOnly? quietFrom, TimeOnly? quietTo)
    {
        var rules = NotificationRules.Defaults(Guid.NewGuid(), new NotificationDefaults());
        rules.Set(true, MarkAlertRule.All, true, true, true, diaryTime, quietFrom, quietTo, false);
        return rules;
    }

    private static readonly NotificationRules UsualSchool = School(new TimeOnly(18, 0), new TimeOnly(21, 0), new TimeOnly(7, 30));

    [Theory]
    [InlineData("20:59", false)]
    [InlineData("21:00", true)]
    [InlineData("23:30", true)]
    [InlineData("03:00", true)]
    [InlineData("07:29", true)]
    [InlineData("07:30", false)]
    [InlineData("12:00", false)]
    public void IsQuiet_DefaultHoursSpanMidnight(string time, bool quiet) =>
        Assert.Equal(quiet, New().IsQuiet(TimeOnly.Parse(time), UsualSchool));

    [Fact]
    public void IsQuiet_DaytimeWindow_AndNone()
    {
        var p = New();
        p.SetQuietHours(new TimeOnly(13, 0), new TimeOnly(15, 0));
        Assert.True(p.IsQuiet(new TimeOnly(14, 0), UsualSchool));
        Assert.False(p.IsQuiet(new TimeOnly(22, 0), UsualSchool));
        p.SetQuietHours(null, null);
        Assert.False(p.IsQuiet(new TimeOnly(3, 0), UsualSchool)); // none of their own, though the school has some
    }

    [Fact]
    public void Defaults_AllAlertsOn_TelegramOnly_DiaryAtSix()
    {
        var p = New();
        Assert.All(new[] { NotificationKind.MarkAlert, NotificationKind.AbsenceAlert, NotificationKind.HomeworkNotice, NotificationKind.DailyDiary },
            k => Assert.True(p.Wants(k)));
        Assert.True(p.WantsAlertsIn(Channel.Telegram));
        Assert.False(p.WantsAlertsIn(Channel.Viber));
        Assert.Equal(new TimeOnly(18, 0), p.DiaryTimeUnder(UsualSchool)); // the school default of the issue (18:00)
    }

    /// <summary>
    /// A school that moves its diary to 19:00 and its quiet hours to 22:00–07:00 moves everyone who has not chosen their
    /// own; a parent who picked 20:00 and no quiet hours keeps both, until they go back to the school's.
    /// </summary>
    [Fact]
    public void DiaryTimeAndQuietHours_FollowTheSchool_UntilThePersonChoosesTheirOwn()
    {
        var later = School(new TimeOnly(19, 0), new TimeOnly(22, 0), new TimeOnly(7, 0));
        var follows = New();
        follows.Set(NotificationKind.MarkAlert, false); // another choice stores the row, and still follows the school's times
        Assert.Equal(new TimeOnly(18, 0), follows.DiaryTimeUnder(UsualSchool));
        Assert.Equal(new TimeOnly(19, 0), follows.DiaryTimeUnder(later));
        Assert.True(follows.IsQuiet(new TimeOnly(21, 30), UsualSchool));
        Assert.False(follows.IsQuiet(new TimeOnly(21, 30), later));
        Assert.True(follows.IsQuiet(new TimeOnly(22, 30), later));

        var own = New();
        own.SetDiaryTime(new TimeOnly(20, 0));
        own.SetQuietHours(null, null);
        Assert.Equal(new TimeOnly(20, 0), own.DiaryTimeUnder(later));
        Assert.False(own.IsQuiet(new TimeOnly(23, 0), later));

        own.FollowSchool();
        Assert.Equal(new TimeOnly(19, 0), own.DiaryTimeUnder(later));
        Assert.True(own.IsQuiet(new TimeOnly(23, 0), later));
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
