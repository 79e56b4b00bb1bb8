namespace Bot.Domain.Roster;

/// <summary>
/// A guardian's phone as the school writes it ("+380 67 123 45 67", "067-123-45-67", "(067) 1234567"), kept as
/// +380XXXXXXXXX for Ukrainian numbers and as +digits for a foreign one given with its country code.
/// </summary>
public static class PhoneNumber
{
    public static Result<string> Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return new DomainError("phone.empty", "Вкажіть номер телефону.");
        var plus = trimmed.StartsWith('+');
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        var allowed = trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+' or '.');
        if (!allowed || trimmed.LastIndexOf('+') > 0) return Bad(trimmed);
        if (digits.StartsWith("380", StringComparison.Ordinal) && digits.Length == 12) return "+" + digits;
        if (!plus && digits.StartsWith('0') && digits.Length == 10) return "+38" + digits;
        if (plus && !digits.StartsWith("380", StringComparison.Ordinal) && digits.Length is >= 8 and <= 15) return "+" + digits;
        return Bad(trimmed);
    }

    private static DomainError Bad(string text) =>
        new("phone.invalid", $"«{text}» не схоже на номер телефону: напишіть, наприклад, +380671234567 або 0671234567.");
}
