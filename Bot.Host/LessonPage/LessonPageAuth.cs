using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.Domain.Audit;
using Bot.Host.Files;
using Bot.Host.Telegram;
using Bot.Host.Viber;
using Microsoft.Extensions.Options;

namespace Bot.Host.LessonPage;

/// <summary>Settings of the lesson page (`LessonPage:*`, ADR 0046).</summary>
public sealed class LessonPageOptions
{
    public const string Section = "LessonPage";

    /// <summary>How old a Telegram Mini App's `initData` (its `auth_date`) may be when it is traded for a lesson session.</summary>
    public TimeSpan InitDataMaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a Viber button's signed link opens the page (a short while: it is sent in the chat, never reused).</summary>
    public TimeSpan LinkValidity { get; init; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Telegram's Mini App launch data, checked exactly as the Bot API documents ("Validating data received via the Mini
/// App"): the data-check-string is every received field but <c>hash</c>, sorted by key, as <c>key=value</c> lines
/// joined with "\n" (values URL-decoded); secret_key = HMAC-SHA256(key "WebAppData", message bot token); the hash is the
/// hex HMAC-SHA256 of the data-check-string keyed with secret_key. <c>auth_date</c> must be no older than the setting.
/// </summary>
public static class TelegramInitData
{
    public enum Check
    {
        Valid,
        Forged,
        Stale,
    }

    public sealed record Result(Check Check, long UserId = 0);

    public static Result Validate(string? initData, string? botToken, DateTimeOffset now, TimeSpan maxAge)
    {
        if (string.IsNullOrEmpty(initData) || string.IsNullOrEmpty(botToken) || initData.Length > 8192) return new(Check.Forged);
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in initData.Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) return new(Check.Forged);
            var key = Uri.UnescapeDataString(pair[..eq].Replace('+', ' '));
            var value = Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (!fields.TryAdd(key, value)) return new(Check.Forged); // every field once
        }

        if (!fields.Remove("hash", out var hash) || hash.Length != 64) return new(Check.Forged);
        var dataCheckString = string.Join("\n", fields.Select(f => $"{f.Key}={f.Value}"));
        var secret = HMACSHA256.HashData("WebAppData"u8, Encoding.UTF8.GetBytes(botToken));
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(dataCheckString))));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(hash.ToLowerInvariant()))) return new(Check.Forged);
        if (!fields.TryGetValue("auth_date", out var authDate) || !long.TryParse(authDate, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
            return new(Check.Forged);
        var age = now - DateTimeOffset.FromUnixTimeSeconds(unix);
        if (age > maxAge || age < TimeSpan.FromMinutes(-5)) return new(Check.Stale);
        if (!fields.TryGetValue("user", out var userJson)) return new(Check.Forged);
        try
        {
            using var user = JsonDocument.Parse(userJson);
            return user.RootElement.TryGetProperty("id", out var id) && id.TryGetInt64(out var userId) ? new(Check.Valid, userId) : new(Check.Forged);
        }
        catch (JsonException)
        {
            return new(Check.Forged);
        }
    }

    /// <summary>Launch data signed with <paramref name="botToken"/> as Telegram signs it (for tests and the bench).</summary>
    public static string Sign(string botToken, long userId, DateTimeOffset authDate, string firstName = "Вчитель")
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["auth_date"] = authDate.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["query_id"] = "AAE" + userId.ToString(CultureInfo.InvariantCulture),
            ["user"] = JsonSerializer.Serialize(new { id = userId, first_name = firstName, language_code = "uk" }),
        };
        var secret = HMACSHA256.HashData("WebAppData"u8, Encoding.UTF8.GetBytes(botToken));
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(string.Join("\n", fields.Select(f => $"{f.Key}={f.Value}")))));
        return string.Join("&", fields.Append(new("hash", hash)).Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
    }
}

/// <summary>
/// The lesson page's addresses and its two signed tokens (ADR 0046), keyed like the signed file links (`Files:SigningKey`,
/// else derived from the Viber or Telegram token — the same in every process of the installation):
/// a Viber button's link, <c>/lesson/{lesson}?staff=…&amp;expires=…&amp;sig=…</c>, short-lived and for one staff member
/// and lesson; and the lesson session (a cookie) the page gets for it or for Telegram's launch data — one teacher, one
/// school day, to the end of that day.
/// </summary>
public sealed class LessonPageLinks(IOptions<FileLinkOptions> files, IOptions<ViberOptions> viber, IOptions<TelegramOptions> telegram,
    IOptions<LessonPageOptions> options, TimeProvider clock)
{
    public const string Prefix = "/lesson/";
    public const string CookieName = "lesson_session";

    private byte[]? Key => files.Value.SigningKey is { Length: > 0 } key ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), "lesson-page"u8)
        : viber.Value.AuthToken is { Length: > 0 } v ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(v), "lesson-page"u8)
        : telegram.Value.Token is { Length: > 0 } t ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(t), "lesson-page"u8) : null;

    /// <summary>The installation's public address; only HTTPS (Telegram opens Mini Apps over HTTPS only, and the session is a secure cookie).</summary>
    public string? BaseUrl => files.Value.PublicBaseUrl is { Length: > 0 } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url.TrimEnd('/') : null;

    public bool Enabled => Key is not null && BaseUrl is not null;

    public TimeSpan InitDataMaxAge => options.Value.InitDataMaxAge;

    /// <summary>The Mini App's address (Telegram signs who opens it; the address itself grants nothing).</summary>
    public string? PageUrl(string page) => BaseUrl is { } b ? $"{b}{Prefix}{page}" : null;

    /// <summary>The page's name in its address: a lesson's id, or <see cref="Today"/> for the day's list.</summary>
    public static string PageOf(Guid lessonId) => lessonId.ToString("N");

    public const string Today = "today";

    /// <summary>A Viber button's link for <paramref name="staffId"/> and the lesson, valid for the setting (at most an hour).</summary>
    public string? ViberLink(string page, Guid staffId)
    {
        if (Key is not { } key || BaseUrl is not { } b) return null;
        var validity = options.Value.LinkValidity > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : options.Value.LinkValidity;
        var expires = clock.GetUtcNow().Add(validity).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{b}{Prefix}{page}?staff={staffId:N}&expires={expires}&sig={Sign(key, $"link\n{page}\n{staffId:N}\n{expires}")}";
    }

    public enum Check
    {
        Valid,
        Forged,
        Expired,
    }

    public Check VerifyLink(string page, string? staff, string? expires, string? sig, out Guid staffId)
    {
        staffId = Guid.Empty;
        if (Key is not { } key || staff is null || expires is null || sig is null || !Guid.TryParseExact(staff, "N", out staffId)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
            return Check.Forged;
        if (!Equal(Sign(key, $"link\n{page}\n{staffId:N}\n{expires}"), sig)) return Check.Forged;
        return DateTimeOffset.FromUnixTimeSeconds(unix) <= clock.GetUtcNow() ? Check.Expired : Check.Valid;
    }

    /// <summary>What a lesson session holds: the teacher, the messenger chat that speaks for them, and the school day it is for.</summary>
    public sealed record Session(Guid StaffId, Channel Channel, string ChatId, DateOnly Day, DateTimeOffset Expires);

    public string? SessionToken(Session s)
    {
        if (Key is not { } key) return null;
        var payload = string.Join("|", s.StaffId.ToString("N"), ((int)s.Channel).ToString(CultureInfo.InvariantCulture), s.ChatId,
            s.Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), s.Expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var encoded = Base64Url(Encoding.UTF8.GetBytes(payload));
        return $"{encoded}.{Sign(key, "session\n" + encoded)}";
    }

    /// <summary>The session of a cookie: null when it is forged or has expired.</summary>
    public Session? ReadSession(string? token)
    {
        if (Key is not { } key || token is null || token.Split('.') is not [var encoded, var sig] || !Equal(Sign(key, "session\n" + encoded), sig)) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(FromBase64Url(encoded))).Split('|');
            if (parts.Length != 5) return null;
            var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[4], CultureInfo.InvariantCulture));
            if (expires <= clock.GetUtcNow()) return null;
            return new Session(Guid.ParseExact(parts[0], "N"), (Channel)int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2],
                DateOnly.ParseExact(parts[3], "yyyyMMdd", CultureInfo.InvariantCulture), expires);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Sign(byte[] key, string text) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));

    private static bool Equal(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
