using Bot.Domain.Notifications;

namespace Bot.Tests.Notifications;

/// <summary>The operations page tells an administrator in Ukrainian why a row waits, was cancelled or was given up.</summary>
public sealed class OutboxReasonsTests
{
    [Theory]
    [InlineData(DeliveryRules.KindOff, "одержувач вимкнув цей вид сповіщень у /settings")]
    [InlineData(DeliveryRules.NoConsent, "немає чинної згоди батьків на сповіщення")]
    [InlineData(DeliveryRules.QuietHours, "тихі години одержувача: надійде після них")]
    [InlineData(OutboxReasons.NothingToday, "за день у дітей нічого не записано: щоденник не надсилався")]
    [InlineData(OutboxReasons.Undone, "запис скасовано протягом вікна виправлення (/undo)")]
    [InlineData("chat gone: 403 Forbidden: bot was blocked by the user", "чат недоступний, посилання закрито: користувач заблокував бота")]
    [InlineData("chat gone: 400 Bad Request: chat not found", "чат недоступний, посилання закрито: чат не знайдено")]
    [InlineData("chat gone: something new", "чат недоступний, посилання закрито")]
    [InlineData("gave up after 3 attempts", "месенджер не відповів після кількох спроб")]
    [InlineData("too many messages to this person without a reply; waiting until 09:00 UTC", "Viber: забагато повідомлень без відповіді людини, надсилання відкладено")]
    [InlineData("no messenger running for Viber", "месенджер у цій інсталяції зараз не запущений: повідомлення чекає")]
    [InlineData("HTTP 502 Bad Gateway", "помилка надсилання")]
    [InlineData("тихі години до 07:00", "тихі години до 07:00")]
    [InlineData("school rule: homework goes in the evening diary only", "правило школи: домашні завдання — лише у вечірньому щоденнику")]
    [InlineData("school rule: no alerts over Viber", "школа не надсилає сповіщень у Viber")]
    public void Describe_SaysItInUkrainian(string technical, string ukrainian) => Assert.Equal(ukrainian, OutboxReasons.Describe(technical));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void NoReason_IsNothing(string? reason) => Assert.Null(OutboxReasons.Describe(reason));

    [Fact]
    public void EveryKindAndState_HasAUkrainianTitle()
    {
        Assert.All(Enum.GetValues<NotificationKind>(), k => Assert.Matches("[а-яіїєґ]{4}", OutboxReasons.Title(k)));
        Assert.All(Enum.GetValues<OutboxState>(), s => Assert.Matches("^[а-яіїєґ ()]+$", OutboxReasons.Title(s)));
        Assert.Equal("зміна розкладу на завтра", OutboxReasons.Title(NotificationKind.TimetableChange));
    }
}
