using System.Security.Cryptography;
using System.Text;
using Bot.Host.Conversation;
using Bot.Host.LessonPage;
using Bot.Host.Telegram;
using Bot.Host.Viber;

namespace Bot.Tests.LessonPage;

/// <summary>
/// Telegram's Mini App launch data checked as the Bot API documents it (ADR 0046), against a hash computed here step by
/// step from the documentation (not by the code under test); and the page button as each messenger renders it.
/// </summary>
public sealed class LessonPageAuthTests
{
    private const string Token = "123456:TEST-token";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The documented recipe, written out: fields but hash, sorted, "k=v" joined by "\n"; key = HMAC("WebAppData", token).</summary>
    private static string Launch(params (string Key, string Value)[] fields)
    {
        var check = string.Join("\n", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        using var outer = new HMACSHA256(Encoding.UTF8.GetBytes("WebAppData"));
        var secret = outer.ComputeHash(Encoding.UTF8.GetBytes(Token));
        using var inner = new HMACSHA256(secret);
        var hash = Convert.ToHexString(inner.ComputeHash(Encoding.UTF8.GetBytes(check))).ToLowerInvariant();
        return string.Join("&", fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}").Append($"hash={hash}"));
    }

    private static readonly (string, string) User = ("user", "{\"id\":830001,\"first_name\":\"Ірина\",\"language_code\":\"uk\"}");

    private static (string, string) AuthDate(DateTimeOffset at) => ("auth_date", at.ToUnixTimeSeconds().ToString());

    [Fact]
    public void Valid_LaunchData_NamesTheUser()
    {
        var data = Launch(("query_id", "AAHdF6IQAAAAAN0XohDhrOrc"), User, AuthDate(Now.AddMinutes(-59)), ("signature", "abc"));
        Assert.Equal(new TelegramInitData.Result(TelegramInitData.Check.Valid, 830001), TelegramInitData.Validate(data, Token, Now, TimeSpan.FromHours(1)));
        // The helper the tests sign with makes the same thing.
        Assert.Equal(TelegramInitData.Check.Valid, TelegramInitData.Validate(TelegramInitData.Sign(Token, 5, Now), Token, Now, TimeSpan.FromHours(1)).Check);
    }

    [Fact]
    public void Forged_Stale_AndMalformed_AreRefused()
    {
        var valid = Launch(User, AuthDate(Now));
        Assert.Equal(TelegramInitData.Check.Forged, TelegramInitData.Validate(valid, "654321:OTHER", Now, TimeSpan.FromHours(1)).Check);
        Assert.Equal(TelegramInitData.Check.Forged, TelegramInitData.Validate(valid.Replace("830001", "830002", StringComparison.Ordinal), Token, Now, TimeSpan.FromHours(1)).Check);
        Assert.Equal(TelegramInitData.Check.Forged, TelegramInitData.Validate(valid + "&user=x", Token, Now, TimeSpan.FromHours(1)).Check); // a field twice
        Assert.Equal(TelegramInitData.Check.Forged, TelegramInitData.Validate(valid[..valid.IndexOf("&hash=", StringComparison.Ordinal)], Token, Now, TimeSpan.FromHours(1)).Check);
        Assert.Equal(TelegramInitData.Check.Forged, TelegramInitData.Validate("", Token, Now, TimeSpan.FromHours(1)).Check);
        Assert.Equal(TelegramInitData.Check.Stale, TelegramInitData.Validate(Launch(User, AuthDate(Now.AddMinutes(-61))), Token, Now, TimeSpan.FromHours(1)).Check);
        Assert.Equal(TelegramInitData.Check.Valid, TelegramInitData.Validate(Launch(User, AuthDate(Now.AddMinutes(-61))), Token, Now, TimeSpan.FromHours(2)).Check);
    }

    [Fact]
    public void PageButton_IsAMiniAppInTelegram_AndOpenUrlInViber()
    {
        var message = new Message().Line("Урок").ButtonRow(new Button("Перекличка", "lf|a|x"), Button.Page("📱 Відкрити сторінку уроку", "https://school.example/lesson/abc"));
        var telegram = TelegramSender.Keyboard(message)!.InlineKeyboard.SelectMany(r => r).ToList();
        Assert.Equal("lf|a|x", telegram[0].CallbackData);
        Assert.Equal("https://school.example/lesson/abc", telegram[1].WebApp!.Url);
        Assert.Null(telegram[1].CallbackData);
        var viber = ViberKeyboards.For(message).Keyboard!.Buttons;
        Assert.Equal(("reply", "lf|a|x"), (viber[0].ActionType, viber[0].ActionBody));
        Assert.Equal(("open-url", "internal", "https://school.example/lesson/abc"), (viber[1].ActionType, viber[1].OpenUrlType, viber[1].ActionBody));
    }
}
