using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Bot.Domain.Text;

namespace Bot.Domain.Notifications;

/// <summary>An announcement as the panel's form gives it: the audience (a class id, a grade, or the school), text, priority.</summary>
public sealed record AnnouncementInput(AnnouncementAudience Audience, Guid? ClassId, int? Grade, string? Text, bool Urgent, bool AskAcknowledgement = false);

/// <summary>How one announcement fared: rows sent, waiting (pending, held, in flight, failed for now) and not delivered (dead or cancelled).</summary>
public sealed record AnnouncementRow(Announcement Announcement, int Sent, int Waiting, int NotDelivered);

/// <summary>
/// Announcements: the administration (administrator, director, deputies) writes to any audience of its school,
/// a class teacher to the parents of their own class only. The announcement and one outbox row per guardian of the
/// audience's students (enrolled today, in the current year's classes) are saved in one transaction; the outbox sender
/// delivers them (urgent ones ahead of alerts, others at the digests' priority) and the list reads their states.
/// </summary>
public sealed class AnnouncementService(JournalDbContext db, TimeProvider clock)
{
    public async Task<Result<Announcement>> PostAsync(Actor actor, Guid schoolId, AnnouncementInput input, CancellationToken ct = default)
    {
        if (actor.StaffId is not { } authorId) return new DomainError("announcement.author", "Оголошення пише працівник школи: увійдіть під своїм обліковим записом.");
        var text = VisibleText.Normalize(input.Text);
        if (text.Length == 0) return new DomainError("announcement.Text", "Напишіть текст оголошення.");
        if (text.Length > Announcement.MaxTextLength)
            return new DomainError("announcement.Text", $"Оголошення — до {Announcement.MaxTextLength} символів (зараз {text.Length}).");

        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == schoolId, ct);
        if (school is null) return new DomainError("announcement.school", "Школу не знайдено.");
        var today = SchoolTime.Today(clock, school.TimeZone);
        var classes = await CurrentClassesAsync(schoolId, today, ct);
        var administration = actor.Roles.CanCorrectAnyJournal();

        List<SchoolClass> audience;
        string title;
        switch (input.Audience)
        {
            case AnnouncementAudience.Class:
                var cls = classes.FirstOrDefault(c => c.Id == input.ClassId);
                if (cls is null) return new DomainError("announcement.ClassId", "Оберіть клас.");
                if (!administration && cls.ClassTeacherId != authorId)
                    return new DomainError("announcement.forbidden", $"Класний керівник пише лише батькам свого класу, а {cls.Name} — не ваш клас.");
                (audience, title) = ([cls], cls.Name.ToString());
                break;
            case AnnouncementAudience.Grade:
                if (!administration) return new DomainError("announcement.forbidden", "Оголошення паралелі чи всій школі пише адміністрація.");
                audience = classes.Where(c => c.Grade == input.Grade).ToList();
                if (audience.Count == 0) return new DomainError("announcement.Grade", "Оберіть паралель, у якій є класи.");
                title = $"{input.Grade}-і класи";
                break;
            default:
                if (!administration) return new DomainError("announcement.forbidden", "Оголошення паралелі чи всій школі пише адміністрація.");
                (audience, title) = (classes, "уся школа");
                break;
        }

        var classIds = audience.Select(c => c.Id).ToList();
        var students = await db.Enrolments.AsNoTracking().Where(e => classIds.Contains(e.ClassId) && e.From <= today && (e.To == null || e.To >= today))
            .Select(e => e.StudentId).Distinct().ToListAsync(ct);
        var guardians = await db.GuardianStudents.AsNoTracking().Where(g => students.Contains(g.StudentId)).Select(g => g.GuardianId).Distinct().ToListAsync(ct);
        if (guardians.Count == 0) return new DomainError("announcement.empty", $"У «{title}» немає батьків, яким можна написати.");

        var now = clock.GetUtcNow().UtcDateTime;
        var signature = $"{actor.Name}, {RoleTitle(actor, audience)}";
        var announcement = new Announcement(schoolId, input.Audience, input.Audience == AnnouncementAudience.Class ? audience[0].Id : null,
            input.Audience == AnnouncementAudience.Grade ? input.Grade : null, title, text, input.Urgent, authorId, signature, now, input.AskAcknowledgement);
        announcement.SetRecipients(guardians.Count);
        db.Announcements.Add(announcement);
        var payload = OutboxPayloads.Serialize(new AnnouncementPayload(announcement.Id, title, text, signature, input.Urgent, input.AskAcknowledgement));
        var priority = input.Urgent ? OutboxPriority.Urgent : OutboxPriority.Digest;
        foreach (var guardian in guardians)
            db.Outbox.Add(new OutboxMessage(schoolId, $"{NotificationKind.Announcement}:{announcement.Id:N}:{guardian:N}", RecipientKind.Guardian, guardian,
                NotificationKind.Announcement, payload, now, now, announcement.Id, priority));
        await db.SaveChangesAsync(ct); // one transaction: the announcement with every row
        return announcement;
    }

    /// <summary>The school's announcements, newest first, each with its rows counted by state (one grouped query).</summary>
    public async Task<List<AnnouncementRow>> ListAsync(Guid schoolId, Guid? onlyClassTeacher, int take, CancellationToken ct = default)
    {
        var query = db.Announcements.AsNoTracking().Where(a => a.SchoolId == schoolId);
        if (onlyClassTeacher is { } teacher)
        {
            var own = db.Classes.Where(c => c.ClassTeacherId == teacher).Select(c => (Guid?)c.Id);
            query = query.Where(a => a.AuthorId == teacher || own.Contains(a.ClassId));
        }

        var list = await query.OrderByDescending(a => a.CreatedAtUtc).Take(take).ToListAsync(ct);
        var ids = list.Select(a => (Guid?)a.Id).ToList();
        var counts = (await db.Outbox.AsNoTracking().Where(o => o.Kind == NotificationKind.Announcement && ids.Contains(o.SourceId)
                    && !o.IdempotencyKey.EndsWith(AcknowledgementService.ReminderKey))
                .GroupBy(o => new { o.SourceId, o.State }).Select(g => new { g.Key.SourceId, g.Key.State, Count = g.Count() }).ToListAsync(ct))
            .ToLookup(c => c.SourceId!.Value);
        return list.Select(a =>
        {
            var c = counts[a.Id].ToList();
            int Of(params OutboxState[] states) => c.Where(x => states.Contains(x.State)).Sum(x => x.Count);
            return new AnnouncementRow(a, Of(OutboxState.Sent),
                Of(OutboxState.Pending, OutboxState.Held, OutboxState.Sending, OutboxState.Failed), Of(OutboxState.Dead, OutboxState.Cancelled));
        }).ToList();
    }

    /// <summary>The classes of the school year that includes today (else the latest year's), in the journal's order.</summary>
    public async Task<List<SchoolClass>> CurrentClassesAsync(Guid schoolId, DateOnly today, CancellationToken ct = default)
    {
        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == schoolId).ToListAsync(ct);
        var year = years.FirstOrDefault(y => y.Contains(today)) ?? years.OrderByDescending(y => y.Semester1Start).FirstOrDefault();
        if (year is null) return [];
        return (await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == year.Id).ToListAsync(ct))
            .OrderBy(c => c.Grade).ThenBy(c => c.Letter, StringComparer.Create(new System.Globalization.CultureInfo("uk-UA"), false)).ToList();
    }

    private static string RoleTitle(Actor actor, List<SchoolClass> audience) =>
        actor.Is(StaffRoles.Administrator) ? "адміністрація школи"
        : actor.Is(StaffRoles.Deputy) ? StaffRoles.Deputy.Title()
        : $"{StaffRoles.ClassTeacher.Title()} {audience[0].Name}";
}
