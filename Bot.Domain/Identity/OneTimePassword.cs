using System.Security.Cryptography;

namespace Bot.Domain.Identity;

/// <summary>
/// Generated passwords for first sign-in and resets: three groups of four from an alphabet without look-alikes
/// (no 0/O, 1/l/I), e.g. "k7pq-3xmz-a9rt" — about 65 bits, easy to read aloud or copy from a log.
/// </summary>
public static class OneTimePassword
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string New()
    {
        Span<char> chars = stackalloc char[14];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = i is 4 or 9 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }
}
