using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Fakes;
using Bot.Tests.Builders;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Notifications;

/// <summary>
/// Many digests at once through the fake Telegram server with its limits: nothing dropped, nothing twice, every 429
/// waited out; a process stopped in the middle and another started on the same database finish the fan-out.
/// </summary>
public sealed class FanOutTests : IAsyncLifetime
{
    private DeliveryHost _h = null!;

    public async Task InitializeAsync() => _h = await DeliveryHost.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ThousandGuardians_EachGetTheirDiaryOnce_AndEvery429IsWaitedOut()
    {
        await _h.StartAsync(new Dictionary<string, string?> { ["Delivery:GlobalPerSecond"] = "300", ["Delivery:MaxInFlight"] = "8" });
        _h.Telegram.Limits.GlobalPerSecond = 400;
        // The 429s are scripted before the rows exist: the sender is already running and may reach these chats at once.
        foreach (var chat in new long[] { 800000, 800001, 800002 }) _h.Telegram.TooManyRequestsNext(chat, retryAfter: 1);
        var chats = await _h.DiariesAsync(1000, 800000);

        await FakeTelegramServer.WaitUntilAsync(() => _h.Telegram.Messages.Count >= 1000, TimeSpan.FromSeconds(60), "a thousand diaries");
        await _h.SettledAsync();
        Assert.All(await _h.RowsAsync(), x => Assert.Equal(OutboxState.Sent, x.State));

        var byChat = _h.Telegram.Messages.GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1000, byChat.Count);
        Assert.All(chats, c => Assert.Equal(1, byChat[c]));
        var calls = _h.Telegram.CallsOf("sendMessage");
        var refused = calls.Where(c => c.Status == 429).ToList();
        // The scripted ones at least (a stalled machine may bunch a few sends into one of the server's seconds): all waited out.
        Assert.True(refused.Count >= 3, $"{refused.Count} refusals");
        foreach (var r in refused)
        {
            var next = calls.Where(c => c.ChatId == r.ChatId && c.At > r.At).Min(c => c.At);
            Assert.True(next - r.At >= TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20), $"chat {r.ChatId} was written to again {next - r.At} after its 429");
        }
    }

    [Fact]
    public async Task StoppedMidFanOut_AnotherProcessFinishes_EachMessageOnce()
    {
        var settings = new Dictionary<string, string?> { ["Delivery:GlobalPerSecond"] = "60", ["Delivery:MaxInFlight"] = "1" };
        await _h.StartAsync(settings);
        var first = _h.Telegram;
        var chats = await _h.DiariesAsync(200, 810000);
        await FakeTelegramServer.WaitUntilAsync(() => first.Messages.Count >= 40, TimeSpan.FromSeconds(20), "the fan-out to be under way");
        await _h.StopAsync(); // the process goes away in the middle; its in-flight sends finish within the stop's grace
        var before = first.Messages.ToList();
        Assert.InRange(before.Count, 40, 199);

        await _h.StartAsync(settings);
        await _h.WaitForRowsAsync(r => r.All(x => x.State == OutboxState.Sent), "every row to be sent", TimeSpan.FromSeconds(30));
        var all = before.Concat(_h.Telegram.Messages).GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(200, all.Count);
        Assert.True(all.Values.Count(n => n > 1) <= 1, "at most the row in flight at the stop may go twice");
        Assert.All(chats, c => Assert.InRange(all[c], 1, 2));
    }
}
