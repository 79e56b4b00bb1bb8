using Bot.Fakes;
using Bot.Host.Viber;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Viber;

/// <summary>The typed client against the fake Viber, which answers as the REST API reference says: statuses in HTTP 200, its checks, its limits.</summary>
public sealed class FakeViberServerTests : IAsyncLifetime
{
    private FakeViberServer _viber = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync() => _viber = await FakeViberServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await _viber.DisposeAsync();
    }

    private ViberClient Client(string token = FakeViberServer.Token, string? baseUrl = null)
    {
        var services = new ServiceCollection();
        services.AddHttpClient();
        services.AddSingleton(Options.Create(new ViberOptions { AuthToken = token, ApiBaseUrl = baseUrl ?? _viber.BaseUrl }));
        services.AddSingleton<ViberClient>();
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<ViberClient>();
    }

    private static ViberMessage Text(string receiver, string text, ViberKeyboard? keyboard = null) =>
        new(receiver, new ViberMessageSender("Шкільний журнал"), text, Keyboard: keyboard);

    [Fact]
    public async Task WrongToken_IsStatus2_OnEveryMethod()
    {
        var client = Client("aaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb");

        Assert.Equal(ViberStatus.InvalidAuthToken, (await client.GetAccountInfoAsync()).Status);
        Assert.Equal(ViberStatus.InvalidAuthToken, (await client.SendMessageAsync(Text("u==", "текст"))).Status);
        Assert.Equal(ViberStatus.InvalidAuthToken, (await client.SetWebhookAsync("https://school.example/viber")).Status);
        Assert.Equal(ViberStatus.InvalidAuthToken, (await client.GetUserDetailsAsync("u==")).Status);
    }

    [Fact]
    public async Task AccountInfo_NamesTheBotAndItsChatUri()
    {
        var info = await Client().GetAccountInfoAsync();

        Assert.True(info.IsOk);
        Assert.Equal((FakeViberServer.AccountName, FakeViberServer.ChatUri, FakeViberServer.AccountId), (info.Name, info.Uri, info.Id));
    }

    [Fact]
    public async Task SendMessage_BeforeAnyWebhook_IsStatus10_ThenToAStrangerIs5_ToANonSubscriberIs6()
    {
        var client = Client();
        Assert.Equal(ViberStatus.WebhookNotSet, (await client.SendMessageAsync(Text("u==", "текст"))).Status);

        _viber.SetWebhookForTest("https://school.example/viber");
        _viber.AddUser("reader==");
        Assert.Equal(ViberStatus.ReceiverNotRegistered, (await client.SendMessageAsync(Text("nobody==", "текст"))).Status);
        Assert.Equal(ViberStatus.ReceiverNotSubscribed, (await client.SendMessageAsync(Text("reader==", "текст"))).Status);

        _viber.AddUser("reader==", subscribed: true);
        var sent = await client.SendMessageAsync(Text("reader==", "текст"));
        Assert.True(sent.IsOk);
        Assert.True(long.Parse(sent.MessageToken!) > 1L << 53);
    }

    [Fact]
    public async Task SetWebhook_ToAUrlThatDoesNotAnswer_IsStatus1_AndNoWebhookIsSet()
    {
        var answer = await Client().SetWebhookAsync("http://127.0.0.1:9/viber/hook");

        Assert.Equal(ViberStatus.InvalidUrl, answer.Status);
        Assert.Null(_viber.Webhook);
    }

    [Fact]
    public async Task UserDetails_TwicePerPersonIn12Hours_ThenStatus12()
    {
        var client = Client();
        _viber.AddUser("asked==", "Марія");

        var first = await client.GetUserDetailsAsync("asked==");
        await client.GetUserDetailsAsync("asked==");
        var third = await client.GetUserDetailsAsync("asked==");

        Assert.Equal(("asked==", "Марія", "uk"), (first.User!.Id, first.User.Name, first.User.Language));
        Assert.Equal(ViberStatus.TooManyRequests, third.Status);
        Assert.Equal(ViberStatus.ReceiverNotRegistered, (await client.GetUserDetailsAsync("nobody==")).Status);
    }

    [Fact]
    public async Task Keyboards_AreCheckedAsViberShowsThem()
    {
        var client = Client();
        _viber.SetWebhookForTest("https://school.example/viber");
        _viber.AddUser("k==", subscribed: true);
        ViberButton B(int columns, string data = "x") => new(columns, 1, data, "кнопка");

        var thirteenRows = new ViberKeyboard([.. Enumerable.Range(0, 13).Select(i => B(6, $"r{i}"))]);
        var sevenColumns = new ViberKeyboard([B(7)]);
        var twelveRows = new ViberKeyboard([.. Enumerable.Range(0, 24).Select(i => B(3, $"r{i}"))]);

        Assert.Equal(ViberStatus.BadData, (await client.SendMessageAsync(Text("k==", "?", thirteenRows))).Status);
        Assert.Equal(ViberStatus.BadData, (await client.SendMessageAsync(Text("k==", "?", sevenColumns))).Status);
        Assert.True((await client.SendMessageAsync(Text("k==", "?", twelveRows))).IsOk);
        Assert.Equal(12, Assert.Single(_viber.MessagesTo("k==")).KeyboardRows.Count);
    }

    [Fact]
    public async Task NotAViberMethod_IsAnHttpError_WhichTheClientThrows()
    {
        var client = Client(baseUrl: _viber.BaseUrl.Replace("/pa/", "/"));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAccountInfoAsync());
    }
}
