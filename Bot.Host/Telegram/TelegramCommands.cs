using System.Text.RegularExpressions;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Host.Telegram;

/// <summary>
/// The command menu (`setMyCommands`): the defaults for every private chat, and a person's own list per chat (the
/// conversation sets it from the person's roles). Checked here against Telegram's rules before any call.
/// </summary>
public sealed partial class TelegramCommands(TelegramClients clients)
{
    public const int MaxCommands = 100;

    public static readonly IReadOnlyList<(string Command, string Description)> Defaults =
    [
        ("start", "Почати або привʼязати код запрошення"),
        ("help", "Що вміє бот"),
    ];

    /// <summary>
    /// A person's menu in one chat (scope Chat). No language code: the menu then shows whatever language the person's
    /// Telegram app is set to (a chat-and-language list would be seen only by people whose app is in that language).
    /// </summary>
    public Task SetForChatAsync(long chatId, IReadOnlyList<(string command, string description)> commands, string? languageCode = null, CancellationToken ct = default) =>
        clients.Create().SetMyCommands(Validate(commands), BotCommandScope.Chat(chatId), languageCode, ct);

    /// <summary>`/start` and `/help` for every private chat, set at start.</summary>
    public Task SetDefaultsAsync(CancellationToken ct = default) =>
        clients.Create().SetMyCommands(Validate(Defaults), BotCommandScope.AllPrivateChats(), cancellationToken: ct);

    /// <summary>Names 1–32 of a-z, 0-9 and _ (a leading / is dropped); descriptions 1–256 characters; at most 100.</summary>
    public static IReadOnlyList<BotCommand> Validate(IReadOnlyList<(string command, string description)> commands)
    {
        if (commands.Count > MaxCommands) throw new ArgumentException($"Telegram takes at most {MaxCommands} commands; got {commands.Count}.", nameof(commands));
        return commands.Select(c =>
        {
            var name = c.command.TrimStart('/');
            if (!NameShape().IsMatch(name)) throw new ArgumentException($"Command '{c.command}': 1–32 characters of a-z, 0-9 and _.", nameof(commands));
            if (c.description.Trim().Length is < 1 or > 256) throw new ArgumentException($"Command '{name}': the description must be 1–256 characters.", nameof(commands));
            return new BotCommand(name, c.description.Trim());
        }).ToList();
    }

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex NameShape();
}
