using System.Security.Cryptography;
using System.Text;

namespace Bot.Host.Viber;

/// <summary>
/// `X-Viber-Content-Signature`: the lowercase hex HMAC-SHA256 of the raw request body, keyed with the auth token.
/// Computed over the bytes as they came (before any JSON parsing) and compared in fixed time.
/// </summary>
public static class ViberSignature
{
    public const string Header = "X-Viber-Content-Signature";

    public static string Compute(ReadOnlySpan<byte> body, string authToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(authToken), body));

    public static bool Matches(ReadOnlySpan<byte> body, string? signature, string authToken) =>
        !string.IsNullOrEmpty(signature)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(body, authToken)), Encoding.ASCII.GetBytes(signature));
}
