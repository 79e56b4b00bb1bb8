using Bot.Host.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Telegram;

public sealed class SendPacerTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task OneChat_GetsOneSlotASecond()
    {
        var pacer = new SendPacer(perChatPerSecond: 1, globalPerSecond: 1000, _clock);

        var first = pacer.WaitAsync("42", bulk: false, CancellationToken.None).AsTask();
        var second = pacer.WaitAsync("42", bulk: false, CancellationToken.None).AsTask();
        var third = pacer.WaitAsync("42", bulk: false, CancellationToken.None).AsTask();

        Assert.True(first.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await second;
        Assert.False(third.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await third;
    }

    [Fact]
    public void Replies_ToDifferentChats_DoNotWaitForEachOther()
    {
        var pacer = new SendPacer(perChatPerSecond: 1, globalPerSecond: 1, _clock);

        Assert.All(Enumerable.Range(1, 50), i => Assert.True(pacer.WaitAsync(i.ToString(), bulk: false, CancellationToken.None).IsCompleted));
    }

    [Fact]
    public async Task BulkSends_KeepTheOverallRate()
    {
        var pacer = new SendPacer(perChatPerSecond: 1, globalPerSecond: 4, _clock);

        var sends = Enumerable.Range(1, 5).Select(i => pacer.WaitAsync(i.ToString(), bulk: true, CancellationToken.None).AsTask()).ToList();

        Assert.Equal(1, sends.Count(s => s.IsCompleted));
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(3, sends.Count(s => s.IsCompleted));
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        await Task.WhenAll(sends);
    }

    [Fact]
    public async Task Waiting_IsCancellable()
    {
        var pacer = new SendPacer(1, 1000, _clock);
        await pacer.WaitAsync("7", false, CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = pacer.WaitAsync("7", false, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
