using System.Security.Cryptography;
using System.Text;

namespace Bot.Domain.Linking;

/// <summary>
/// The invite code a person can read off a slip and type (ADR 0042): 13 symbols of an alphabet without look-alikes,
/// printed in groups ("K7PQ-3XMZ-A9RTW"), read in any case, with spaces and dashes, and with the Cyrillic letters that
/// look like Latin ones (typed on a Ukrainian keyboard) taken as their Latin twins. Stored in its canonical form (13
/// upper-case symbols, no dashes), so a typed code is looked up by the same unique index as before.
/// <para>
/// Codes of the earlier format (16 case-sensitive base64url characters, <see cref="IsLegacy"/>) are never normalised:
/// a text of that shape is looked up exactly as typed and only so, and old codes keep working until they expire. A
/// canonical code has 13 characters, an old one 16, so no normalised text can equal an old code, and no old code —
/// nor a mistyped one — is read as another code.
/// </para>
/// </summary>
public static class InviteCode
{
    /// <summary>
    /// 31 symbols: the digits 2–9 and the Latin letters without I, L and O (0/O and 1/I/l look alike; as codes are
    /// read in any case, "l" takes its capital L with it).
    /// </summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>
    /// 13 symbols: log2(31) = 4.954 bits each, 13 × 4.954 = 64.40 bits. Every code has at least one digit (so a
    /// typed Ukrainian word is never mistaken for a code): 31^13 − 23^13 codes remain, log2 = 64.37 bits ≥ 64.
    /// </summary>
    public const int Length = 13;

    /// <summary>How the code is printed: groups of 4, 4 and 5.</summary>
    private static readonly int[] Groups = [4, 4, 5];

    /// <summary>The legacy format's length (16 base64url characters, 96 random bits).</summary>
    public const int LegacyLength = 16;

    /// <summary>
    /// A new code from the CSPRNG: each symbol drawn uniformly (<see cref="RandomNumberGenerator.GetString"/> rejects
    /// the bias of a modulus); a code without a digit is drawn again (about 2 in 100).
    /// </summary>
    public static string New()
    {
        while (true)
        {
            var code = RandomNumberGenerator.GetString(Alphabet, Length);
            if (code.Any(char.IsAsciiDigit)) return code;
        }
    }

    /// <summary>
    /// The canonical form of a typed new-format code, or null when the text is not one: whitespace, dashes and
    /// underscores dropped, Cyrillic look-alikes read as Latin, upper case; then exactly 13 symbols of the alphabet,
    /// at least one a digit.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 64) return null;
        var sb = new StringBuilder(Length);
        foreach (var ch in typed)
        {
            if (char.IsWhiteSpace(ch) || ch is '-' or '_' or '‐' or '‑' or '–' or '—' or '−' or '.') continue;
            var c = char.ToUpperInvariant(Latin(ch));
            if (c > 127 || Alphabet.IndexOf(c) < 0) return null;
            if (sb.Length == Length) return null;
            sb.Append(c);
        }

        return sb.Length == Length && sb.ToString().Any(char.IsAsciiDigit) ? sb.ToString() : null;
    }

    /// <summary>A Cyrillic letter that looks like a Latin one, as that Latin letter; any other character as it is.</summary>
    private static char Latin(char c) => c switch
    {
        'А' or 'а' => 'A',
        'В' or 'в' => 'B',
        'Е' or 'е' => 'E',
        'К' or 'к' => 'K',
        'М' or 'м' => 'M',
        'Н' or 'н' => 'H',
        'О' or 'о' => 'O', // not in the alphabet: read as Latin O, which no code has
        'Р' or 'р' => 'P',
        'С' or 'с' => 'C',
        'Т' or 'т' => 'T',
        'Х' or 'х' => 'X',
        'У' or 'у' => 'Y',
        _ => c,
    };

    /// <summary>Whether a (trimmed) text has the shape of an old code: 16 characters of base64url. Looked up exactly.</summary>
    public static bool IsLegacy(string text) =>
        text.Length == LegacyLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Whether a text typed in a chat could be a code at all, of either format (before any lookup).</summary>
    public static bool LooksLikeCode(string text)
    {
        var trimmed = text.Trim();
        return IsLegacy(trimmed) || Normalize(trimmed) is not null;
    }

    /// <summary>How a code is shown to people: a canonical code in groups ("K7PQ-3XMZ-A9RTW"), an old one as it is.</summary>
    public static string Display(string code)
    {
        if (code.Length != Length || Normalize(code) != code) return code;
        var sb = new StringBuilder(Length + Groups.Length - 1);
        var at = 0;
        foreach (var size in Groups)
        {
            if (at > 0) sb.Append('-');
            sb.Append(code, at, size);
            at += size;
        }

        return sb.ToString();
    }
}
