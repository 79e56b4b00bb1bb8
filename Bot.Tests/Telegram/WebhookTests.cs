using System.Net;
using System.Text;
using Bot.Host.Telegram;
using Bot.Fakes;

namespace Bot.Tests.Telegram;

/// <summary>Webhook mode: `setWebhook` after start, the secret header checked first, each update processed once.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private TelegramTestHost _host = null!;
    private FakeTelegramServer Telegram => _host.Telegram;

    public async Task InitializeAsync() => _host = await TelegramTestHost.StartAsync(webhook: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AfterStart_SetWebhookIsCalled_WithUrlSecretAndTheUpdatesWeHandle_AndNobodyPolls()
    {
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.Webhook is not null);

        var webhook = Telegram.Webhook!;
        Assert.Equal(_host.WebhookUrl, webhook.Url);
        Assert.Equal(TelegramTestHost.WebhookSecret, webhook.SecretToken);
        Assert.Equal(["message", "callback_query"], webhook.AllowedUpdates);
        Assert.False(webhook.DropPendingUpdates);
        Assert.Empty(Telegram.CallsOf("getUpdates"));
        Assert.Empty(Telegram.CallsOf("deleteWebhook"));
        Assert.Equal(HttpStatusCode.OK, (await _host.App.CreateClient().GetAsync("/readyz")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    [InlineData("s3cret_-Token-but-longer")]
    [InlineData("")]
    public async Task ForgedWebhook_WithoutTheRightSecret_Is401_AndNothingIsProcessed(string? secret)
    {
        var response = await PostAsync(Update(9001, 6001, "/start ABC"), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(100);
        Assert.Empty(await _host.ProcessedUpdatesAsync());
        Assert.Empty(_host.Conversation.Received);
        Assert.Empty(Telegram.Messages);
    }

    [Fact]
    public async Task DuplicateUpdate_PostedTwice_IsProcessedOnce()
    {
        var body = Update(9002, 6002, "/diary");

        var first = await PostAsync(body, TelegramTestHost.WebhookSecret);
        var second = await PostAsync(body, TelegramTestHost.WebhookSecret);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(_host.Conversation.Received);
        Assert.Equal("Ви написали: /diary", Assert.Single(Telegram.MessagesTo(6002)).PlainText);
        Assert.Equal("9002", Assert.Single(await _host.ProcessedUpdatesAsync()).UpdateId);
    }

    [Fact]
    public async Task DuplicateUpdate_PostedConcurrently_IsProcessedOnce()
    {
        var body = Update(9003, 6003, "/marks");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync(body, TelegramTestHost.WebhookSecret)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(_host.Conversation.Received);
        Assert.Single(Telegram.MessagesTo(6003));
    }

    [Fact]
    public async Task NotAnUpdate_WithTheRightSecret_Is400()
    {
        var response = await PostAsync("{not json", TelegramTestHost.WebhookSecret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Conversation.Received);
    }

    /// <summary>Hardening: a body over 1 MB is refused (413) and nothing is handled — with or without a Content-Length.</summary>
    [Fact]
    public async Task Body_OverTheLimit_Is413_AndNothingIsProcessed_AnUpdateJustUnderIsHandled()
    {
        // A real update padded with an unknown field (Telegram adds fields; they are ignored) just under the limit.
        var update = Update(9004, 6004, "/diary");
        var padding = TelegramWebhook.MaxBodyBytes - Encoding.UTF8.GetByteCount(update) - 20;
        var under = update.Insert(1, $"\"pad\":\"{new string('x', padding)}\",");
        Assert.True(Encoding.UTF8.GetByteCount(under) <= TelegramWebhook.MaxBodyBytes);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(under, TelegramTestHost.WebhookSecret)).StatusCode);
        Assert.Single(_host.Conversation.Received);

        var over = Update(9005, 6005, "/marks").Insert(1, $"\"pad\":\"{new string('x', TelegramWebhook.MaxBodyBytes)}\",");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(over, TelegramTestHost.WebhookSecret)).StatusCode);
        // Streamed without a length: found while reading.
        using var streamed = new HttpRequestMessage(HttpMethod.Post, "/tg/hook")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(over))),
        };
        streamed.Headers.TransferEncodingChunked = true;
        streamed.Headers.Add(TelegramWebhook.SecretHeader, TelegramTestHost.WebhookSecret);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await _host.App.CreateClient().SendAsync(streamed)).StatusCode);
        await Task.Delay(100);
        Assert.Single(_host.Conversation.Received);
        Assert.Empty(Telegram.MessagesTo(6005));
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tg/hook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null) request.Headers.Add(TelegramWebhook.SecretHeader, secret);
        return await _host.App.CreateClient().SendAsync(request);
    }

    private static string Update(int updateId, long chatId, string text) => $$$"""
        {"update_id":{{{updateId}}},"message":{"message_id":1,"date":1795000000,"chat":{"id":{{{chatId}}},"type":"private","first_name":"Ігор"},
         "from":{"id":{{{chatId}}},"is_bot":false,"first_name":"Ігор"},"text":"{{{text}}}"}}
        """;
}

/// <summary>Webhook mode over real HTTP: the fake Telegram posts a person's message to Bot.Host on its port.</summary>
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task UserMessage_PostedByTelegramToTheWebhook_IsAnswered()
    {
        await using var host = await TelegramTestHost.StartAsync(webhook: true, realPort: true);
        await FakeTelegramServer.WaitUntilAsync(() => host.Telegram.Webhook is not null);

        var updateId = host.Telegram.UserSends(6101, 6101, "добрий день");

        Assert.Equal("Ви написали: добрий день", Assert.Single(await host.Telegram.WaitForMessagesAsync(6101)).PlainText);
        await FakeTelegramServer.WaitUntilAsync(() => host.Telegram.WebhookDeliveries.Count > 0); // the reply goes out before the 200
        Assert.Equal(new WebhookDelivery(updateId, 200), Assert.Single(host.Telegram.WebhookDeliveries));
    }
}
