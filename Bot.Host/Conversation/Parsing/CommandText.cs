namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// A line split into the command's name and its arguments: "/mark@school_bot 7-А ..." gives
/// <see cref="Name"/> "mark", <see cref="BotName"/> "school_bot"; "mark 7-А ..." (Viber: no slash) gives
/// <see cref="Slashed"/> false. The name is lower-cased; whether it is a known command is the router's question.
/// </summary>
public sealed record CommandText(string Name, string Typed, bool Slashed, string? BotName, CommandArgs Args)
{
    /// <summary>Null for empty text.</summary>
    public static CommandText? Read(string? text)
    {
        var line = text?.Trim() ?? "";
        if (line.Length == 0)
            return null;
        var end = 0;
        while (end < line.Length && !char.IsWhiteSpace(line[end]))
            end++;
        var typed = line[..end];
        var slashed = typed.StartsWith('/');
        var word = slashed ? typed[1..] : typed;
        string? botName = null;
        var at = word.IndexOf('@');
        if (at >= 0)
        {
            botName = word[(at + 1)..];
            word = word[..at];
        }
        return new CommandText(word.ToLowerInvariant(), typed, slashed, botName, CommandArgs.Parse(line[end..]));
    }
}
