using System.Text;

namespace Bot.Host.Conversation;

/// <summary>
/// Button data: "verb|arg|arg..." in at most 64 bytes (Telegram's callback_data limit; Cyrillic is 2 bytes a
/// letter). Ids travel as 22 characters of base64url instead of 36.
/// </summary>
public static class ButtonData
{
    public static string Id(Guid id) => Convert.ToBase64String(id.ToByteArray()).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static bool TryId(string text, out Guid id)
    {
        id = Guid.Empty;
        if (text.Length != 22) return false;
        try
        {
            id = new Guid(Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + "=="));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string Make(string verb, params string[] args)
    {
        var data = args.Length == 0 ? verb : verb + "|" + string.Join("|", args);
        if (Encoding.UTF8.GetByteCount(data) > Button.MaxDataBytes) throw new ArgumentException($"Button data too long: {data}");
        return data;
    }

    public static (string Verb, string[] Args) Read(string data)
    {
        var parts = data.Split('|');
        return (parts[0], parts[1..]);
    }
}
