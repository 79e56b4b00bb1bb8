using System.Text.RegularExpressions;
using Bot.Fakes;
using Bot.Host.Conversation;

namespace Bot.Tests.Fuzz;

/// <summary>
/// What every reply of the bot must be, whatever it was sent: Telegram HTML that Telegram accepts (rendered with the host's
/// own <see cref="TelegramHtml"/> and read back with the fake server's parser, which refuses unbalanced or unknown tags and
/// unescaped entities), within Telegram's limits, and Ukrainian: Cyrillic words, no English exception text, no stack trace,
/// no rule id (M-6) or setting name (Section:Key). What the person typed is taken out first — the bot may quote it.
/// </summary>
public static partial class ReplyChecks
{
    /// <summary>Telegram's limit on a callback answer's text (the toast).</summary>
    public const int MaxNoticeLength = 200;

    /// <summary>Null when the reply is fine, else what is wrong with it.</summary>
    public static string? Problem(ConversationResult result, string input)
    {
        foreach (var message in result.AllMessages)
        {
            if (HtmlProblem(message) is { } html) return html;
            if (LanguageProblem(message.PlainText, input) is { } language) return language;
            foreach (var button in message.Buttons.SelectMany(r => r))
                if (string.IsNullOrWhiteSpace(button.Label)) return $"a button without a label: '{button.Data}'";
        }

        if (result.Notice is { } notice)
        {
            if (notice.Length > MaxNoticeLength) return $"the toast is {notice.Length} characters: {notice}";
            if (LanguageProblem(notice, input) is { } language) return "toast: " + language;
        }

        return null;
    }

    public static string? HtmlProblem(Message message)
    {
        IReadOnlyList<string> parts;
        try
        {
            parts = TelegramHtml.RenderParts(message);
        }
        catch (Exception e)
        {
            return $"rendering threw {e.GetType().Name}: {e.Message}";
        }

        foreach (var part in parts)
        {
            string plain;
            try
            {
                plain = FakeTelegramHtml.ToPlain(part);
            }
            catch (FakeApiError e)
            {
                return $"Telegram would refuse the HTML ({e.Description}): {Cut(part)}";
            }

            if (plain.Length > TelegramHtml.MaxLength) return $"a part of {plain.Length} characters: {Cut(plain)}";
            if (plain.Trim().Length == 0) return "an empty message";
        }

        return null;
    }

    /// <summary>Null when <paramref name="text"/> reads as Ukrainian, not as a developer's message.</summary>
    public static string? LanguageProblem(string text, string input)
    {
        var own = WithoutEcho(text, input);
        if (Forbidden().Match(own) is { Success: true } bad) return $"'{bad.Value}' in a reply: {Cut(text)}";
        if (!CyrillicWord().IsMatch(own)) return $"no Ukrainian in a reply: {Cut(text)}";
        var latin = LatinWord().Count(own);
        var cyrillic = CyrillicWord().Count(own);
        if (latin > 3 && latin > cyrillic) return $"more English than Ukrainian in a reply: {Cut(text)}";
        return null;
    }

    /// <summary>The reply without what the person typed (the bot may quote a name, a mark, a topic).</summary>
    private static string WithoutEcho(string text, string input)
    {
        if (input.Length == 0) return text;
        var result = text.Replace(input, " ", StringComparison.Ordinal);
        foreach (var token in input.Split([' ', '|', '\n', '\t', ',', ';', '.', ':'], StringSplitOptions.RemoveEmptyEntries).OrderByDescending(t => t.Length))
            if (token.Length >= 2) result = result.Replace(token, " ", StringComparison.OrdinalIgnoreCase);
        return result;
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";

    // A rule id (J-7, M-6), a setting name (Delivery:GlobalPerSecond), an exception's words or a stack frame.
    [GeneratedRegex(@"\b[JMANS]-\d{1,2}\b|\b[A-Z][A-Za-z]+:[A-Z][A-Za-z]+\b|Exception|[Ss]tack ?trace|\bat [A-Z][\w.]+\(|\bSystem\.[A-Z]|[Oo]bject reference|[Ss]equence contains|\bnull\b|\bNaN\b|\b[Ee]rror\b|\b[Ii]nvalid\b|\b[Ff]ailed\b")]
    private static partial Regex Forbidden();

    [GeneratedRegex(@"\p{IsCyrillic}{3,}")]
    private static partial Regex CyrillicWord();

    [GeneratedRegex(@"\b[A-Za-z]{4,}\b")]
    private static partial Regex LatinWord();
}
