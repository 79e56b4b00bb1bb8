using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Tests.Builders;
using Bot.Tests.Conversation;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.Archive;

/// <summary>A person's chat in the archive's bot tests: linked with a fresh invite (/start code), and their replies as one text.</summary>
internal static class ArchiveChats
{
    public static async Task<string> LinkedAsync(IChatDriver bot, TestDatabase database, TestSchool s, string person, PersonKind kind, Guid personId)
    {
        string code;
        await using (var db = database.NewContext())
            code = (await new InviteService(db, s.Clock, new LinkingSettings()).CreateAsync(Actor.System(), kind, personId)).GetValueOrThrow().Code;
        var chat = bot.ChatOf(person);
        Assert.Contains("Вітаємо", await SayAsync(bot, chat, "/start " + code));
        return chat;
    }

    public static async Task<string> SayAsync(IChatDriver bot, string chat, string text) => string.Join("\n", (await bot.SayAsync(chat, text)).Select(r => r.Text));
}
