using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Linking;

/// <summary>
/// Invites and chat links ("Linking people to their records"): codes bound to a guardian (all of their
/// children), a student or a staff member; sheets of them for a class or the staff; redeeming a code in a chat,
/// unlinking, and who is talking in a chat. Invites are the administration's (docs/architecture.md "Roles"); a class teacher
/// may invite the students of their class and their guardians. Every change is audited with the change itself.
/// </summary>
/// <param name="brake">The installation's brake on wrong codes (a singleton); none: wrong codes are answered at once.</param>
public sealed partial class InviteService(JournalDbContext db, TimeProvider clock, LinkingSettings settings, WrongCodeBrake? brake = null)
{
    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A new invite for one person, valid for <paramref name="validity"/> (default <see cref="LinkingSettings.InviteValidity"/>).
    /// Always a fresh code (a lost slip, a second phone); earlier invites of the person stay as they are.
    /// </summary>
    public Task<Result<Invite>> CreateAsync(Actor actor, PersonKind kind, Guid personId, TimeSpan? validity = null, CancellationToken ct = default) =>
        db.WriteAsync<Result<Invite>>(async c =>
        {
            var span = validity ?? settings.InviteValidity;
            if (span <= TimeSpan.Zero) return LinkingTexts.Validity;
            var person = await PersonAsync(kind, personId, c);
            if (person is null) return JournalErrors.NotFound("Особу");
            var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == person.SchoolId, c);
            if (await RightsForPersonAsync(actor, kind, person, school, c) is { } denied) return denied;

            var invite = Mint(actor, school, kind, person, span);
            await db.SaveChangesAsync(c);
            return invite;
        }, ct);

    /// <summary>Revokes an invite: its code no longer links anything. Chats it already linked stay linked (that is <see cref="UnlinkAsync"/>).</summary>
    public Task<Result<Invite>> RevokeAsync(Actor actor, Guid inviteId, CancellationToken ct = default) =>
        db.WriteAsync<Result<Invite>>(async c =>
        {
            var invite = await db.Invites.FirstOrDefaultAsync(i => i.Id == inviteId, c);
            if (invite is null) return JournalErrors.NotFound("Запрошення");
            var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == invite.SchoolId, c);
            var person = await PersonAsync(invite.Kind, invite.PersonId, c);
            if (person is null)
            {
                if (!await IsOfSchoolAsync(actor, school.Id, c) || !IsAdministration(actor)) return LinkingTexts.NoRights;
            }
            else if (await RightsForPersonAsync(actor, invite.Kind, person, school, c) is { } denied)
            {
                return denied;
            }

            if (invite.RevokedAtUtc is not null) return invite;
            invite.Revoke(UtcNow);
            db.Audit(new AuditRecord(school.Id, UtcNow, actor.StaffId, actor.Name, actor.Channel, nameof(Invite), invite.Id, AuditAction.Changed,
                "діє", "відкликано", null, person is null ? LinkingTexts.Title(invite.Kind) : $"{person.FullName} ({LinkingTexts.Title(invite.Kind)})"));
            await db.SaveChangesAsync(c);
            return invite;
        }, ct);

    private Invite Mint(Actor actor, School school, PersonKind kind, Person person, TimeSpan validity)
    {
        var now = UtcNow;
        var invite = new Invite(person.SchoolId, kind, person.Id, now, validity, actor.StaffId);
        db.Invites.Add(invite);
        var expires = TimeZoneInfo.ConvertTimeFromUtc(invite.ExpiresAtUtc, SchoolTime.Resolve(school.TimeZone));
        // The code itself is a secret: the trail says that an invite was made, for whom and until when.
        db.Audit(new AuditRecord(person.SchoolId, now, actor.StaffId, actor.Name, actor.Channel, nameof(Invite), invite.Id, AuditAction.Created,
            null, $"запрошення ({LinkingTexts.Title(kind)}) дійсне до {expires:dd.MM.yyyy HH:mm}", null, person.FullName));
        return invite;
    }

    private async Task<Person?> PersonAsync(PersonKind kind, Guid personId, CancellationToken ct) => kind switch
    {
        PersonKind.Guardian => await db.Guardians.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct),
        PersonKind.Student => await db.Students.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct),
        _ => await db.Staff.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct),
    };

    private static bool IsAdministration(Actor actor) => actor.IsSystem || actor.Roles.CanCorrectAnyJournal();

    /// <summary>
    /// Administration (director, deputy, the system or an operator's verb) may invite anyone of their school; a class
    /// teacher may invite a student of their class, or a guardian of one; staff invites are the administration's.
    /// </summary>
    private async Task<DomainError?> RightsForPersonAsync(Actor actor, PersonKind kind, Person person, School school, CancellationToken ct)
    {
        if (!await IsOfSchoolAsync(actor, school.Id, ct)) return kind == PersonKind.Staff ? LinkingTexts.StaffInvitesRights : LinkingTexts.NoRights;
        if (IsAdministration(actor)) return null;
        if (kind == PersonKind.Staff) return LinkingTexts.StaffInvitesRights;
        if (!actor.Is(StaffRoles.ClassTeacher)) return LinkingTexts.NoRights;

        var today = SchoolTime.Today(clock, school.TimeZone);
        List<Guid> students = kind == PersonKind.Student
            ? [person.Id]
            : await db.GuardianStudents.Where(g => g.GuardianId == person.Id).Select(g => g.StudentId).ToListAsync(ct);
        var inMyClass = await db.Enrolments.Where(e => students.Contains(e.StudentId) && (e.To == null || e.To >= today))
            .Join(db.Classes, e => e.ClassId, k => k.Id, (e, k) => k.ClassTeacherId)
            .AnyAsync(teacher => teacher == actor.StaffId, ct);
        return inMyClass ? null : LinkingTexts.NoRights;
    }

    /// <summary>A staff member acts in their own school only; the system and an operator's verb act for the installation.</summary>
    private async Task<bool> IsOfSchoolAsync(Actor actor, Guid schoolId, CancellationToken ct)
    {
        if (actor.StaffId is not { } staffId) return true;
        return await db.Staff.AnyAsync(s => s.Id == staffId && s.SchoolId == schoolId, ct);
    }
}
