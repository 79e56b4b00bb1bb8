using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation;

/// <summary>
/// The reads of one update through the <see cref="ConversationCache"/>: the roster's stamp is read once per update (and
/// again after this update's own save changed a roster row, e.g. a chat just linked), and each read is served from the
/// stamp's generation or loaded and kept there.
/// </summary>
public sealed class CachedReads(JournalDbContext db, InviteService invites, ConversationCache cache, TimeProvider clock)
{
    /// <summary>A persona is kept at most until the next quarter hour (UTC): every time zone's midnight falls on one, so
    /// "today", which decides a student's class and a teacher's school year, never changes under a kept persona.</summary>
    private static readonly long Quarter = TimeSpan.FromMinutes(15).Ticks;

    private ConversationCache.Generation? _generation;
    private int _stampSavesSeen;

    private sealed record PersonaKey(Channel Channel, string ChatId);

    private sealed record PersonaEntry(ChatPersona Persona, long Quarter);

    private sealed record TimeZoneKey(Guid SchoolId);

    private sealed record Kept<T>(T Value);

    private sealed record CalendarKey(Guid SchoolId);

    /// <summary>Who is talking in a chat (<see cref="InviteService.PersonaOfChatAsync"/>), kept under the stamp.</summary>
    public async Task<ChatPersona> PersonaAsync(Channel channel, string chatId, CancellationToken ct)
    {
        var quarter = clock.GetUtcNow().UtcTicks / Quarter;
        var generation = await GenerationAsync(ct);
        var key = new PersonaKey(channel, chatId);
        if (generation.Entries.TryGetValue(key, out var kept) && kept is PersonaEntry entry && entry.Quarter == quarter) return entry.Persona;
        var persona = await invites.PersonaOfChatAsync(channel, chatId, ct);
        Keep(generation, key, new PersonaEntry(persona, quarter));
        return persona;
    }

    /// <summary>A school's IANA time zone.</summary>
    public Task<string> TimeZoneAsync(Guid schoolId, CancellationToken ct) =>
        GetOrLoadAsync(new TimeZoneKey(schoolId), c => db.Schools.Where(s => s.Id == schoolId).Select(s => s.TimeZone).FirstAsync(c), ct);

    /// <summary>A school's calendar (its years with their holidays; both are roster rows, so the stamp keeps it true).</summary>
    public Task<Bot.Domain.Diary.SchoolDays> CalendarAsync(Guid schoolId, CancellationToken ct) =>
        GetOrLoadAsync(new CalendarKey(schoolId), async c => new Bot.Domain.Diary.SchoolDays(
            await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == schoolId).ToListAsync(c)), ct);

    /// <summary>
    /// The value kept under <paramref name="key"/> in this stamp's generation, or <paramref name="load"/>'s, kept. The key
    /// must hold everything the value depends on besides the roster's rows (a date, a class named in the command).
    /// </summary>
    public async Task<T> GetOrLoadAsync<T>(object key, Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        var generation = await GenerationAsync(ct);
        if (generation.Entries.TryGetValue(key, out var kept) && kept is Kept<T> hit) return hit.Value;
        var value = await load(ct);
        Keep(generation, key, new Kept<T>(value));
        return value;
    }

    private async ValueTask<ConversationCache.Generation> GenerationAsync(CancellationToken ct)
    {
        if (_generation is null || db.RosterStampsSaved != _stampSavesSeen)
        {
            _stampSavesSeen = db.RosterStampsSaved;
            _generation = cache.For(await db.RosterStampAsync(ct));
        }

        return _generation;
    }

    private static void Keep(ConversationCache.Generation generation, object key, object value)
    {
        if (generation.Entries.Count >= ConversationCache.MaxEntries) generation.Entries.Clear();
        generation.Entries[key] = value;
    }
}
