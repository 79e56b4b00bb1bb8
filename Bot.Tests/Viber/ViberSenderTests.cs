using Bot.Fakes;
using Bot.Host.Conversation;
using Bot.Host.Delivery;
using Bot.Host.Telegram;
using Bot.Host.Viber;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Viber;

/// <summary>
/// The sender against the fake Viber's answers, on a fake clock shared by both: 5/6 close the person's links, 12
/// backs off from that person until they write or the time passes, 7 pauses everything and closes nothing, long
/// text is split, keyboards carry the neutral data, network failures are retried.
/// </summary>
public sealed class ViberSenderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
    private ViberTestHost _host = null!;
    private FakeViberServer Viber => _host.Viber;
    private ViberSender Sender => _host.Service<ViberSender>();

    public async Task InitializeAsync() => _host = await ViberTestHost.StartAsync(clock: _clock);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Subscribed_Person_GetsTheMessage()
    {
        Viber.AddUser("ok==", subscribed: true);

        var outcome = await SendAsync("ok==", Message.Text("Іваненко Олег: 10 з алгебри"), SendPace.Bulk);

        var sent = Assert.Single(Viber.MessagesTo("ok=="));
        // Viber's message_token comes back with the outcome: the outbox keeps it for the `seen` callback (ADR 0045).
        Assert.Equal(new SendOutcome.Sent("ok==", sent.MessageToken), outcome);
        Assert.Equal("Іваненко Олег: 10 з алгебри", sent.Text);
    }

    [Theory]
    [InlineData(5, "not registered")]
    [InlineData(6, "not subscribed")]
    public async Task PersonGone_ClosesTheirLinks_WithTheReason(int status, string reason)
    {
        var link = await _host.LinkAsync("gone==");
        Viber.AddUser("gone==", subscribed: true);
        if (status == 5) Viber.Unregister("gone==");
        else Viber.Unsubscribe("gone==");

        var outcome = await SendAsync("gone==", Message.Text("Пропуск: Іваненко Олег"), SendPace.Bulk);

        Assert.Equal(new SendOutcome.ChatGone(reason), outcome);
        var after = await _host.ReloadAsync(link);
        Assert.False(after.IsActive);
        Assert.Equal(reason, after.DeactivationReason);
        Assert.Equal(status, Assert.Single(Viber.CallsOf("send_message")).Status);
    }

    [Fact]
    public async Task Unsubscribed_ThenAReplyAttempt_TheLinkIsInactive_AndNothingGoes()
    {
        var link = await _host.LinkAsync("left==");
        Viber.AddUser("left==", subscribed: true);

        Assert.Equal(200, (await Viber.UserUnsubscribesAsync("left==")).HttpStatus);
        var afterCallback = await _host.ReloadAsync(link);
        var outcome = await SendAsync("left==", Message.Text("Ваш щоденник"));

        Assert.Equal((false, "unsubscribed"), (afterCallback.IsActive, afterCallback.DeactivationReason));
        Assert.IsType<SendOutcome.ChatGone>(outcome);
        Assert.Equal("unsubscribed", (await _host.ReloadAsync(link)).DeactivationReason);
        Assert.Empty(Viber.MessagesTo("left=="));
    }

    [Fact]
    public async Task TooManyRequests_BacksOffFromThatPerson_UntilTheyWrite()
    {
        Viber.Limits.MessagesPerUserPerHour = 3;
        Viber.AddUser("busy==", subscribed: true);
        Viber.AddUser("calm==", subscribed: true);
        for (var i = 0; i < 3; i++) Assert.IsType<SendOutcome.Sent>(await SendAsync("busy==", Message.Text($"№{i}"), SendPace.Bulk));

        var refused = await SendAsync("busy==", Message.Text("№3"), SendPace.Bulk);
        var meanwhile = await SendAsync("busy==", Message.Text("№4"), SendPace.Bulk);
        var other = await SendAsync("calm==", Message.Text("інша людина"), SendPace.Bulk);

        Assert.Contains("(12)", Assert.IsType<SendOutcome.Failed>(refused).Reason);
        Assert.Contains("waiting until", Assert.IsType<SendOutcome.Failed>(meanwhile).Reason);
        Assert.IsType<SendOutcome.Sent>(other);
        Assert.Equal([0, 0, 0, 12], Viber.CallsOf("send_message").Where(c => c.Receiver == "busy==").Select(c => c.Status));
        AssertAbout(Viber.CallsOf("send_message").Last(c => c.Receiver == "busy==").At + ViberSender.FirstTooManyBackoff, Sender.BackingOffUntil("busy=="));

        await MovingTheClockAsync(Viber.UserSendsAsync("busy==", "дякую")); // a reply: Viber counts afresh, and so does the bot
        Assert.Null(Sender.BackingOffUntil("busy=="));
        Assert.IsType<SendOutcome.Sent>(await SendAsync("busy==", Message.Text("№5"), SendPace.Bulk));
    }

    [Fact]
    public async Task TooManyRequests_AgainAfterTheBackoff_WaitsLonger_AndAnHourLaterSendingWorks()
    {
        Viber.Limits.MessagesPerUserPerHour = 1;
        Viber.AddUser("slow==", subscribed: true);
        await SendAsync("slow==", Message.Text("перше"), SendPace.Bulk);
        await SendAsync("slow==", Message.Text("друге"), SendPace.Bulk);

        _clock.Advance(ViberSender.FirstTooManyBackoff);
        await SendAsync("slow==", Message.Text("третє"), SendPace.Bulk);
        AssertAbout(Viber.CallsOf("send_message").Last().At + 2 * ViberSender.FirstTooManyBackoff, Sender.BackingOffUntil("slow=="));

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.IsType<SendOutcome.Sent>(await SendAsync("slow==", Message.Text("четверте"), SendPace.Bulk));
        Assert.Equal([0, 12, 12, 0], Viber.CallsOf("send_message").Select(c => c.Status));
    }

    [Fact]
    public async Task AccountBlocked_PausesAllSending_AlertsAndNeverClosesLinks()
    {
        var link = await _host.LinkAsync("fine==");
        Viber.AddUser("fine==", subscribed: true);
        Viber.AddUser("also==", subscribed: true);
        Viber.Account = FakeViberAccount.Blocked;

        var first = await SendAsync("fine==", Message.Text("оцінка"), SendPace.Bulk);
        var second = await SendAsync("also==", Message.Text("оцінка"), SendPace.Bulk);

        var reason = Assert.IsType<SendOutcome.Failed>(first).Reason;
        Assert.True(reason.Contains("(7 publicAccountBlocked)"), reason);
        Assert.Contains("paused", Assert.IsType<SendOutcome.Failed>(second).Reason);
        Assert.Single(Viber.CallsOf("send_message"));
        Assert.Equal(ViberStatus.PublicAccountBlocked, _host.Service<ViberAccountState>().DownStatus);
        var after = await _host.ReloadAsync(link);
        Assert.True(after.IsActive);

        Viber.Account = FakeViberAccount.Active;
        _clock.Advance(ViberAccountState.Pause);
        Assert.IsType<SendOutcome.Sent>(await SendAsync("also==", Message.Text("знову"), SendPace.Bulk));
        Assert.Null(_host.Service<ViberAccountState>().DownStatus);
    }

    [Fact]
    public async Task LongText_IsSplitOnLineBoundaries_KeyboardAndTrackingOnTheLastPartOnly()
    {
        Viber.AddUser("long==", subscribed: true);
        var lines = Enumerable.Range(1, 400).Select(i => $"{i:000}. Іваненко Олег — алгебра, 10, тема «Квадратні рівняння»").ToList();
        var message = new Message();
        foreach (var line in lines) message.Line(line);
        message.ButtonRow(new Button("Далі", "c|/diary тиждень"));

        Assert.IsType<SendOutcome.Sent>(await SendAsync("long==", message));

        var parts = Viber.MessagesTo("long==");
        Assert.True(parts.Count >= 3, $"{parts.Count} parts");
        Assert.All(parts, p => Assert.InRange(p.Text.Length, 1, ViberText.MaxLength));
        Assert.Equal(string.Join("\n", lines), string.Join("\n", parts.Select(p => p.Text)));
        Assert.All(parts.SkipLast(1), p => Assert.False(p.HasKeyboard || p.TrackingData is not null));
        Assert.Equal("c|/diary тиждень", Assert.Single(parts[^1].Buttons).ActionBody);
        Assert.All(parts, p => Assert.InRange(p.RequestBytes, 1, FakeViberServer.MaxRequestBytes));
    }

    [Fact]
    public async Task FullPartOfCyrillic_WithAFullKeyboard_StaysUnderViberRequestLimit()
    {
        Viber.AddUser("big==", subscribed: true);
        var message = Message.Text(new string('ж', ViberText.MaxLength));
        foreach (var row in Enumerable.Range(0, 72).Chunk(6))
            message.ButtonRow([.. row.Select(i => new Button($"Кнопка {i}", $"mv|{new string('Ю', 20)}|{i:00}"))]);

        Assert.IsType<SendOutcome.Sent>(await SendAsync("big==", message));

        var sent = Assert.Single(Viber.MessagesTo("big=="));
        Assert.Equal(72, sent.Buttons.Count);
        Assert.InRange(sent.RequestBytes, 1, FakeViberServer.MaxRequestBytes);
    }

    [Fact]
    public async Task ServerError_IsRetriedWithBackoff_ThenSent()
    {
        Viber.AddUser("retry==", subscribed: true);
        Viber.HttpFailureNext(503, method: "send_message"); // not the host's own get_account_info, which may run meanwhile

        var send = Sender.SendAsync("retry==", Message.Text("домашнє завдання"));
        await FakeViberServer.WaitUntilAsync(() => Viber.CallsOf("send_message").Count == 1);
        Assert.False(send.IsCompleted); // the backoff runs on the fake clock, which stands still until the test moves it
        var started = _clock.GetUtcNow();

        // The clock moves in steps until the send is done (a single step could come before the sender has read the 503
        // and set its backoff on a loaded machine); the retry came only after the backoff by the sender's clock.
        var retried = await MovingTheClockAsync(send, TimeSpan.FromMilliseconds(100));
        Assert.Equal(new SendOutcome.Sent("retry==", Assert.Single(Viber.MessagesTo("retry==")).MessageToken), retried);
        Assert.Equal([503, 0], Viber.CallsOf("send_message").Select(c => c.Status));
        Assert.True(_clock.GetUtcNow() - started >= TimeSpan.FromSeconds(1), $"retried {_clock.GetUtcNow() - started} after the failure");
    }

    [Fact]
    public async Task RefusedRequest_FailsWithoutRetry_AndKeepsTheLink()
    {
        var link = await _host.LinkAsync("nodevice==");
        Viber.AddUser("nodevice==", subscribed: true);
        var tooLong = new ViberMessage("nodevice==", new ViberMessageSender("Шкільний журнал"), new string('x', 7001));

        var outcome = await Sender.SendPartAsync(tooLong, SendPace.Reply, CancellationToken.None);

        var reason = Assert.IsType<SendOutcome.Failed>(outcome).Reason;
        Assert.True(reason.StartsWith("3 badData"), reason);
        Assert.Single(Viber.CallsOf("send_message"));
        Assert.True((await _host.ReloadAsync(link)).IsActive);
    }

    /// <summary>Sends, moving the shared fake clock a millisecond at a time: the pace to one person waits on it.</summary>
    private Task<SendOutcome> SendAsync(string userId, Message message, SendPace pace = SendPace.Reply) =>
        MovingTheClockAsync(Sender.SendAsync(userId, message, pace));

    private async Task<T> MovingTheClockAsync<T>(Task<T> task, TimeSpan? step = null)
    {
        for (var i = 0; i < 2000 && !task.IsCompleted; i++)
        {
            await Task.Delay(2);
            _clock.Advance(step ?? TimeSpan.FromMilliseconds(1));
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static void AssertAbout(DateTimeOffset expected, DateTimeOffset? actual)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual.Value, expected, expected + TimeSpan.FromSeconds(1));
    }
}
