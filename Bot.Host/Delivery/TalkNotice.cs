using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Talk;
using Bot.Host.Conversation;
using Bot.Host.Conversation.Handlers;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Delivery;

/// <summary>
/// A conversation's message as it reaches the other side (ADR 0038): who wrote — a name, "мама/тато/опікун" where the
/// school recorded it, otherwise "батьки" —, about which child and class, the text, and "Відповісти". Never a phone,
/// a username or a messenger id: the text is read from the conversation's table when the row goes.
/// </summary>
public static class TalkNotice
{
    private sealed record Row(Guid MessageId, string Text, bool FromStaff, Guid AuthorId, Guid ThreadId, Guid StudentId, PersonKind FamilyKind, Guid FamilyPersonId, Guid StaffId, Guid? StandInId);

    public static async Task<IReadOnlyDictionary<Guid, Message>> ComposeAsync(JournalDbContext db, IReadOnlyCollection<Guid> messageIds, CancellationToken ct)
    {
        if (messageIds.Count == 0) return new Dictionary<Guid, Message>();
        var ids = messageIds.ToList();
        var rows = await db.TalkMessages.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Join(db.TalkThreads, m => m.ThreadId, t => t.Id, (m, t) => new Row(m.Id, m.Text, m.FromStaff, m.AuthorId, t.Id, t.StudentId, t.FamilyKind, t.FamilyPersonId, t.StaffId, t.StandInId))
            .ToListAsync(ct);
        var students = rows.Select(r => r.StudentId).Distinct().ToList();
        var guardians = rows.Where(r => r.FamilyKind == PersonKind.Guardian).Select(r => r.FamilyPersonId).Distinct().ToList();
        var staffIds = rows.Select(r => r.StaffId).Distinct().ToList();
        var studentNames = await db.Students.AsNoTracking().Where(s => students.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.LastName + " " + s.FirstName, ct);
        var guardianNames = await db.Guardians.AsNoTracking().Where(g => guardians.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.LastName + " " + g.FirstName, ct);
        var relations = await db.GuardianStudents.AsNoTracking().Where(g => guardians.Contains(g.GuardianId) && students.Contains(g.StudentId))
            .Select(g => new { g.GuardianId, g.StudentId, g.Relation }).ToListAsync(ct);
        var staffNames = (await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToListAsync(ct)).ToDictionary(s => s.Id, s => s.ShortName);
        // A stand-in is told whom they receive it for (ADR 0049).
        var standInIds = rows.Where(r => r.StandInId is not null).Select(r => r.StandInId!.Value).Distinct().ToList();
        var standIns = await db.ClassTeacherStandIns.AsNoTracking().Where(s => standInIds.Contains(s.Id))
            .Join(db.Staff, s => s.ClassTeacherId, x => x.Id, (s, x) => new { s.Id, s.To, Teacher = x.LastName + " " + x.FirstName }).ToListAsync(ct);
        // The child's class: their latest enrolment's.
        var classes = (await db.Enrolments.AsNoTracking().Where(e => students.Contains(e.StudentId))
                .Join(db.Classes, e => e.ClassId, k => k.Id, (e, k) => new { e.StudentId, e.From, k.Grade, k.Letter }).ToListAsync(ct))
            .GroupBy(e => e.StudentId).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.From).Select(e => $"{e.Grade}-{e.Letter}").First());

        var messages = new Dictionary<Guid, Message>();
        foreach (var r in rows)
        {
            var child = studentNames.GetValueOrDefault(r.StudentId, "");
            var about = classes.TryGetValue(r.StudentId, out var klass) ? $"{child}, {klass}" : child;
            var m = new Message();
            if (r.FromStaff)
            {
                m.Bold($"✉️ Відповідь від {staffNames.GetValueOrDefault(r.StaffId, "вчителя")}").Line($"Про: {about}");
            }
            else if (r.FamilyKind == PersonKind.Guardian)
            {
                var relation = TalkService.Relation(relations.FirstOrDefault(x => x.GuardianId == r.FamilyPersonId && x.StudentId == r.StudentId)?.Relation);
                m.Bold("✉️ Нове повідомлення")
                    .Line($"Від: {guardianNames.GetValueOrDefault(r.FamilyPersonId, "")} ({relation})")
                    .Line($"Про: {about}");
            }
            else
            {
                m.Bold("✉️ Нове повідомлення").Line($"Від: {about} (учень)");
            }

            if (!r.FromStaff && standIns.FirstOrDefault(s => s.Id == r.StandInId) is { } standIn)
                m.Line($"Адресовано класному керівнику ({standIn.Teacher}): до {standIn.To:dd.MM} включно заміщуєте ви.");
            m.Blank();
            foreach (var line in r.Text.ReplaceLineEndings("\n").Split('\n')) m.Line(line);
            m.ButtonRow(TalkHandler.ReplyButton(r.ThreadId));
            m.ButtonRow(TalkHandler.PassButton(r.ThreadId));
            messages[r.MessageId] = m;
        }

        return messages;
    }
}
