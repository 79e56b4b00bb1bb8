using System.Globalization;
using Bot.Host.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// The button of the end-of-day reminder (<see cref="LessonDayReminder"/>, ADR 0034): "ld|timetable entry|yyyyMMdd". On
/// the reminder's own day it opens the lesson flow as the day's lesson list does, in a new message (the reminder keeps
/// the day's other lessons); any later day it is refused with
/// nothing read or written (J-7: a lesson is recorded on the day it is held).
/// </summary>
public sealed partial class TeacherHandlers
{
    public async Task<HandlerResult> DayLessonButtonAsync(ChatContext ctx, string[] args, CancellationToken ct)
    {
        if (ctx.Staff is null || args.Length != 2 || !ButtonData.TryId(args[0], out var entryId)
            || !DateOnly.TryParseExact(args[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Replies.Text(Replies.Expired);
        var schoolId = await db.Timetable.AsNoTracking().Where(t => t.Id == entryId).Select(t => (Guid?)t.SchoolId).FirstOrDefaultAsync(ct);
        if (schoolId is null) return Replies.Text(Replies.Expired);
        if (ctx.Persona.Staff.All(s => s.SchoolId != schoolId)) return Replies.Text(NotYourLesson);
        if (date != ctx.ForSchool(schoolId.Value).Today) return Replies.Text(StaleDayLesson(date));
        // The flow opens in a message of its own: the reminder stays, with the day's other lessons on it.
        var opened = await ButtonAsync(ctx, "mw", [args[0]], ct);
        return opened.Reply.Replace is { } screen ? ConversationResult.Of(screen) : opened;
    }

    internal static string StaleDayLesson(DateOnly date) =>
        $"Це нагадування про уроки {date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}. Урок записують у день, коли його проведено, " +
        "тож у боті його вже не відкрити. Якщо запис потрібен, зверніться до заступника директора.";
}
