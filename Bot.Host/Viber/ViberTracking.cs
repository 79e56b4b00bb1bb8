using System.Security.Cryptography;
using System.Text;

namespace Bot.Host.Viber;

/// <summary>
/// Tells a pressed button from typed text. Both arrive as a `message` of type text (a reply button sends its
/// ActionBody); Viber hands the `tracking_data` of the bot's last message back with the person's next one. The bot
/// puts there a short digest of each button's data on the keyboard it sent, so a text is button data only when it is
/// one of the buttons the person had in front of them — with no state kept by the bot, in any process.
/// </summary>
public static class ViberTracking
{
    private const string Prefix = "kb1:";
    private const char Separator = '.';

    /// <summary>Viber's limit of `tracking_data`.</summary>
    public const int MaxLength = 4000;

    /// <summary>The tracking data for a keyboard with these button data; null when there are none.</summary>
    public static string? For(IEnumerable<string> buttonData)
    {
        var digests = buttonData.Select(Digest).Distinct().ToList();
        if (digests.Count == 0) return null;
        var tracking = Prefix + string.Join(Separator, digests);
        return tracking.Length <= MaxLength ? tracking : throw new InvalidOperationException("Too many buttons for Viber's tracking_data.");
    }

    /// <summary>Whether <paramref name="text"/> is the data of a button on the keyboard that <paramref name="trackingData"/> describes.</summary>
    public static bool IsButton(string? trackingData, string text) =>
        trackingData is not null && trackingData.StartsWith(Prefix, StringComparison.Ordinal)
        && trackingData[Prefix.Length..].Split(Separator).Contains(Digest(text));

    /// <summary>48 bits of SHA-256, base64url: 8 characters, so 72 buttons stay far under 4000.</summary>
    private static string Digest(string data) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(data)).AsSpan(0, 6)).Replace('+', '-').Replace('/', '_');
}
