using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Bot.Domain.Text;

namespace Bot.Domain.Roster;

/// <summary>A guardian of a student as the school writes them: name, phone, relation ("мати", "батько", "опікун").</summary>
public sealed record GuardianDetails(string LastName, string FirstName, string? MiddleName, string? Phone, string Relation);

public sealed partial class RosterService
{
    private static readonly DomainError ConsentRights =
        new("auth.consent", "Згоду батьків записує класний керівник їхньої дитини або адміністрація школи.");

    /// <summary>Adds a guardian to a student (administration).</summary>
    public Task<Result<Guardian>> AddGuardianAsync(Actor actor, Guid studentId, GuardianDetails details, CancellationToken ct = default) =>
        db.WriteAsync<Result<Guardian>>(async c =>
        {
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return RosterRights;
            var student = await db.Students.FirstOrDefaultAsync(s => s.Id == studentId, c);
            if (student is null) return JournalErrors.NotFound("Учня");
            var checkedDetails = Check(details);
            if (!checkedDetails.IsSuccess) return checkedDetails.Error;
            var (phone, relation) = checkedDetails.Value;
            var guardian = new Guardian(student.SchoolId, details.LastName, details.FirstName, details.MiddleName, phone);
            db.Guardians.Add(guardian);
            db.GuardianStudents.Add(new GuardianStudent(guardian.Id, student.Id, relation));
            AuditGuardian(student.SchoolId, actor, guardian.Id, null, $"{relation}: {guardian.FullName}, {phone ?? "без телефону"}", student.FullName);
            await db.SaveChangesAsync(c);
            return guardian;
        }, ct);

    /// <summary>A guardian's phone and their relation to one of their children (administration).</summary>
    public Task<Result<Guardian>> UpdateGuardianAsync(Actor actor, Guid guardianId, Guid studentId, string? phone, string relation, CancellationToken ct = default) =>
        db.WriteAsync<Result<Guardian>>(async c =>
        {
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return RosterRights;
            var guardian = await db.Guardians.FirstOrDefaultAsync(g => g.Id == guardianId, c);
            var link = await db.GuardianStudents.FirstOrDefaultAsync(l => l.GuardianId == guardianId && l.StudentId == studentId, c);
            if (guardian is null || link is null) return JournalErrors.NotFound("Батьків");
            var checkedDetails = Check(new GuardianDetails(guardian.LastName, guardian.FirstName, guardian.MiddleName, phone, relation));
            if (!checkedDetails.IsSuccess) return checkedDetails.Error;
            var (newPhone, newRelation) = checkedDetails.Value;
            var before = $"{link.Relation}, {guardian.Phone ?? "без телефону"}";
            var after = $"{newRelation}, {newPhone ?? "без телефону"}";
            if (before == after) return guardian;
            guardian.ChangePhone(newPhone);
            link.ChangeRelation(newRelation);
            AuditGuardian(guardian.SchoolId, actor, guardian.Id, before, after, guardian.FullName);
            await db.SaveChangesAsync(c);
            return guardian;
        }, ct);

    /// <summary>
    /// The guardian withdraws their consent (seed 002, 3.2): from that day nothing more is sent to them — their chat
    /// links are closed and their notifications still waiting in the outbox are cancelled. The consent record and the
    /// history stay. A class teacher of one of their children or the administration records it.
    /// </summary>
    public Task<Result<Consent>> WithdrawConsentAsync(Actor actor, Guid guardianId, DateOnly on, CancellationToken ct = default) =>
        db.WriteAsync<Result<Consent>>(async c =>
        {
            var guardian = await db.Guardians.FirstOrDefaultAsync(g => g.Id == guardianId, c);
            if (guardian is null) return JournalErrors.NotFound("Батьків");
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal() && !await IsClassTeacherOfAChildAsync(actor, guardianId, c)) return ConsentRights;
            var school = await db.Schools.FirstAsync(s => s.Id == guardian.SchoolId, c);
            if (on > SchoolTime.Today(clock, school.TimeZone)) return JournalErrors.FutureDate(on);
            var consent = await db.Consents.Where(x => x.GuardianId == guardianId && x.WithdrawnOn == null).OrderByDescending(x => x.GivenOn).FirstOrDefaultAsync(c);
            if (consent is null) return new DomainError("consent.none", "Чинної згоди цих батьків немає: відкликати нічого.");
            if (on < consent.GivenOn) return new DomainError("consent.dates", "Згоду не можна відкликати раніше, ніж її дано.");

            var now = clock.GetUtcNow().UtcDateTime;
            consent.Withdraw(on);
            foreach (var link in await db.ChatLinks.Where(l => l.Kind == PersonKind.Guardian && l.PersonId == guardianId && l.IsActive).ToListAsync(c))
                link.Deactivate("consent withdrawn", now);
            foreach (var row in await db.Outbox.Where(o => o.RecipientKind == RecipientKind.Guardian && o.RecipientId == guardianId
                         && (o.State == OutboxState.Pending || o.State == OutboxState.Held || o.State == OutboxState.Failed)).ToListAsync(c))
                row.Cancel();
            db.Audit(new AuditRecord(school.Id, now, actor.StaffId, actor.Name, actor.Channel, nameof(Consent), consent.Id, AuditAction.Changed,
                $"згода від {consent.GivenOn:dd.MM.yyyy}", $"відкликано {on:dd.MM.yyyy}", null, guardian.FullName));
            await db.SaveChangesAsync(c);
            return consent;
        }, ct);

    /// <summary>Whether the actor is the class teacher of a class one of the guardian's children is (or was) in.</summary>
    public async Task<bool> IsClassTeacherOfAChildAsync(Actor actor, Guid guardianId, CancellationToken ct = default)
    {
        if (actor.StaffId is not { } staffId) return false;
        var children = db.GuardianStudents.Where(l => l.GuardianId == guardianId).Select(l => l.StudentId);
        return await db.Enrolments.Where(e => children.Contains(e.StudentId))
            .Join(db.Classes, e => e.ClassId, k => k.Id, (e, k) => k.ClassTeacherId).AnyAsync(t => t == staffId, ct);
    }

    /// <summary>The phone normalised (or none) and the relation lower-cased; Ukrainian errors otherwise.</summary>
    internal static Result<(string? Phone, string Relation)> Check(GuardianDetails details)
    {
        if (VisibleText.IsBlank(details.LastName) || VisibleText.IsBlank(details.FirstName))
            return new DomainError("person.name", "Потрібні прізвище та ім'я.");
        var relation = details.Relation.Trim().ToLowerInvariant();
        if (relation.Length == 0) return new DomainError("guardian.relation", "Вкажіть ступінь спорідненості: мати, батько, опікун…");
        if (relation.Length > 40) return new DomainError("guardian.relation", "Ступінь спорідненості — до 40 символів.");
        if (string.IsNullOrWhiteSpace(details.Phone)) return (null, relation);
        var phone = PhoneNumber.Parse(details.Phone);
        if (!phone.IsSuccess) return phone.Error;
        return (phone.Value, relation);
    }

    private void AuditGuardian(Guid schoolId, Actor actor, Guid guardianId, string? before, string after, string context) =>
        db.Audit(new AuditRecord(schoolId, clock.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, actor.Channel, nameof(Guardian), guardianId,
            before is null ? AuditAction.Created : AuditAction.Changed, before, after, null, context));
}
