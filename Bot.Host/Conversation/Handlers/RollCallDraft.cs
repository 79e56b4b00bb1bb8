using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// The roll call's draft (ADR 0031, amended): who the teacher has marked absent so far, kept on the server in
/// the chat's session row (<c>ChatSessions.Pending</c>, "rc:lesson:student,student,…"), not in the buttons. The screen
/// opens with a draft of the lesson's recorded absences; a toggle flips one student in it; «Готово» takes it and writes it.
/// Toggles change the row by compare-and-swap (an UPDATE conditioned on the draft as read, tried again when another press
/// of the chat changed it first), so presses handled side by side — webhook deliveries, several bot processes on one
/// PostgreSQL — never lose one another. Toggles and «Готово» never touch the engine's loaded session object, so the
/// engine's own save of the session (only when a handler changed it) does not write an older draft back.
/// </summary>
public sealed partial class TeacherHandlers
{
    /// <summary>The session's pending value that holds a roll call draft; a typed text does not consume it.</summary>
    public const string RollCallDraftPrefix = "rc:";

    /// <summary>A draft lives no longer than a school day; a lesson is also only open in the bot on its day (J-7).</summary>
    private static readonly TimeSpan DraftLifetime = TimeSpan.FromHours(12);

    private const string OldRollCallButton =
        "Ця кнопка переклички — з повідомлення, надісланого до оновлення бота, тож нічого не записано. Відкрийте перекличку заново: /lesson";

    /// <summary>
    /// Opens the roll call on a fresh draft: the lesson's recorded absences, and before its first roll call the students
    /// the parents reported away that day (<see cref="FlowView.DraftStart"/>); any earlier draft of the chat is replaced.
    /// </summary>
    private ConversationResult OpenRollCall(ChatContext ctx, FlowView view, string? notice = null)
    {
        var draft = view.DraftStart;
        // Saved by the engine with the session, after this press.
        ctx.Session.Await(DraftText(view.Lesson.Id, draft), clock.GetUtcNow().UtcDateTime + DraftLifetime);
        return ConversationResult.Replacing(RollCallScreen(view, draft), notice);
    }

    /// <summary>No draft of this lesson (expired, replaced by another dialogue step): the roll call opens again from the journal; nothing is written.</summary>
    private ConversationResult DraftLost(ChatContext ctx, FlowView view) =>
        view.Lesson.RollCallAtUtc is not null
            ? new ConversationResult([], "Перекличку вже записано. Щоб змінити її, натисніть «Перекличка».")
            : OpenRollCall(ctx, view, "Позначки переклички не збереглися. Позначте відсутніх ще раз.");

    private async Task<HandlerResult> ToggleAsync(ChatContext ctx, Lesson lesson, Guid studentId, CancellationToken ct)
    {
        var view = await FlowViewAsync(lesson, MarkColumn.Current, ct);
        var student = view.RollCall.FirstOrDefault(s => s.Id == studentId);
        if (student is null) return Replies.Text(NotInLesson);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var (raw, draft) = await ReadDraftAsync(ctx, lesson.Id, ct);
            if (draft is null) return DraftLost(ctx, view);
            var absent = !draft.Remove(studentId);
            if (absent) draft.Add(studentId);
            if (await SwapDraftAsync(ctx, raw, DraftText(lesson.Id, draft), ct))
                return ConversationResult.Replacing(RollCallScreen(view, draft), ToggleNotice(student, absent));
        }

        return Replies.Text("Не вдалося позначити: натискань забагато одночасно. Натисніть ще раз.");
    }

    /// <summary>"Кулик Ярина — відсутня" where the school recorded the student's sex, else a form without gender.</summary>
    private static string ToggleNotice(FlowStudent student, bool absent)
    {
        var name = string.Join(' ', student.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));
        return absent
            ? UkrainianGrammar.BySex(student.Sex, $"{name} — відсутній", $"{name} — відсутня", $"{name}: н")
            : UkrainianGrammar.BySex(student.Sex, $"{name} — присутній", $"{name} — присутня", $"{name}: присутність");
    }

    /// <summary>The chat's draft for the lesson as stored now (not as the engine loaded the session), or null.</summary>
    private async Task<(string? Raw, HashSet<Guid>? Draft)> ReadDraftAsync(ChatContext ctx, Guid lessonId, CancellationToken ct)
    {
        var (channel, chatId) = (ctx.Incoming.Channel, ctx.Incoming.ChatId);
        var row = await db.ChatSessions.AsNoTracking().Where(s => s.Channel == channel && s.ChatId == chatId)
            .Select(s => new { s.Pending, s.PendingUntilUtc }).FirstOrDefaultAsync(ct);
        if (row?.Pending is not { } raw || row.PendingUntilUtc is not { } until || until <= clock.GetUtcNow().UtcDateTime) return (row?.Pending, null);
        return (raw, TryDraft(raw, lessonId));
    }

    /// <summary>Takes the draft (clears it by compare-and-swap), so only one «Готово» of a double tap writes it.</summary>
    private async Task<(string? Raw, HashSet<Guid>? Draft)> TakeDraftAsync(ChatContext ctx, Guid lessonId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var (raw, draft) = await ReadDraftAsync(ctx, lessonId, ct);
            if (draft is null) return (null, null);
            if (await SwapDraftAsync(ctx, raw, null, ct)) return (raw, draft);
        }

        return (null, null);
    }

    /// <summary>Sets the chat's pending value to <paramref name="next"/> only if it still is <paramref name="expected"/>.</summary>
    private async Task<bool> SwapDraftAsync(ChatContext ctx, string? expected, string? next, CancellationToken ct)
    {
        var (channel, chatId) = (ctx.Incoming.Channel, ctx.Incoming.ChatId);
        DateTime? until = next is null ? null : clock.GetUtcNow().UtcDateTime + DraftLifetime;
        var rows = db.ChatSessions.Where(s => s.Channel == channel && s.ChatId == chatId);
        rows = expected is null ? rows.Where(s => s.Pending == null) : rows.Where(s => s.Pending == expected);
        return await rows.ExecuteUpdateAsync(u => u.SetProperty(s => s.Pending, next).SetProperty(s => s.PendingUntilUtc, until), ct) == 1;
    }

    private static string DraftText(Guid lessonId, IEnumerable<Guid> absent) =>
        RollCallDraftPrefix + ButtonData.Id(lessonId) + ":" + string.Join(',', absent.Select(ButtonData.Id).Order(StringComparer.Ordinal));

    private static HashSet<Guid>? TryDraft(string raw, Guid lessonId)
    {
        var head = RollCallDraftPrefix + ButtonData.Id(lessonId) + ":";
        if (!raw.StartsWith(head, StringComparison.Ordinal)) return null;
        var draft = new HashSet<Guid>();
        foreach (var part in raw[head.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ButtonData.TryId(part, out var id)) return null;
            draft.Add(id);
        }

        return draft;
    }
}
