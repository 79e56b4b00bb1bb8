using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Bot.Domain.Text;

namespace Bot.Domain.Roster;

/// <summary>
/// The school's staff as users: their roles, and a member who leaves — deactivated, not deleted, so every lesson,
/// mark and audit record they wrote keeps its author. Users and settings are the administrator's (docs/architecture.md "Roles").
/// </summary>
public sealed class StaffService(JournalDbContext db, TimeProvider clock)
{
    private static readonly DomainError UsersRights =
        new("auth.users", "Працівників і їхні ролі змінює директор або адміністратор школи.");

    /// <summary>A new member of staff of the school, with their roles; an account for the panel is made separately.</summary>
    public Task<Result<Staff>> AddAsync(Actor actor, Guid schoolId, string lastName, string firstName, string? middleName, StaffRoles roles,
        CancellationToken ct = default) =>
        db.WriteAsync<Result<Staff>>(async c =>
        {
            if (!actor.IsSystem && !actor.Is(StaffRoles.Administrator)) return UsersRights;
            if (VisibleText.IsBlank(lastName) || VisibleText.IsBlank(firstName)) return new DomainError("person.name", "Потрібні прізвище та ім'я.");
            if (roles == StaffRoles.None) return new DomainError("staff.roles", "Працівник має мати хоча б одну роль.");
            if (!await db.Schools.AnyAsync(s => s.Id == schoolId, c)) return JournalErrors.NotFound("Школу");
            var staff = new Staff(schoolId, lastName, firstName, middleName, roles);
            db.Staff.Add(staff);
            db.Audit(new AuditRecord(schoolId, clock.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, actor.Channel, nameof(Staff), staff.Id,
                AuditAction.Created, null, roles.Title(), null, staff.FullName));
            await db.SaveChangesAsync(c);
            return staff;
        }, ct);

    /// <summary>
    /// The class teacher of a class (or none); the administration sets it. The person gets the ClassTeacher role if
    /// they lacked it, so their rights over the class follow at once.
    /// </summary>
    public Task<Result<SchoolClass>> AssignClassTeacherAsync(Actor actor, Guid classId, Guid? staffId, CancellationToken ct = default) =>
        db.WriteAsync<Result<SchoolClass>>(async c =>
        {
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return new DomainError("auth.roster", "Класного керівника призначає адміністрація школи.");
            var cls = await db.Classes.FirstOrDefaultAsync(k => k.Id == classId, c);
            if (cls is null) return JournalErrors.NotFound("Клас");
            if (await db.EnsureClassYearOpenAsync(classId, c) is { IsSuccess: false } closed) return closed.Error!;
            Staff? staff = null;
            if (staffId is { } id)
            {
                staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == id && s.SchoolId == cls.SchoolId, c);
                if (staff is null) return JournalErrors.NotFound("Працівника");
                if (!staff.IsActive) return new DomainError("staff.inactive", "Працівника деактивовано: класним керівником його не призначити.");
            }

            if (cls.ClassTeacherId == staffId) return cls;
            var before = cls.ClassTeacherId is { } old ? (await db.Staff.FirstAsync(s => s.Id == old, c)).FullName : "не призначено";
            cls.AssignClassTeacher(staffId);
            if (staff is not null && !staff.Has(StaffRoles.ClassTeacher)) staff.Grant(StaffRoles.ClassTeacher);
            db.Audit(new AuditRecord(cls.SchoolId, clock.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, actor.Channel, nameof(SchoolClass), cls.Id,
                AuditAction.Changed, before, staff?.FullName ?? "не призначено", null, $"{cls.Name} · класний керівник"));
            await db.SaveChangesAsync(c);
            return cls;
        }, ct);

    public Task<Result<Staff>> SetRolesAsync(Actor actor, Guid staffId, StaffRoles roles, CancellationToken ct = default) =>
        db.WriteAsync<Result<Staff>>(async c =>
        {
            if (!actor.IsSystem && !actor.Is(StaffRoles.Administrator)) return UsersRights;
            var staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId, c);
            if (staff is null) return JournalErrors.NotFound("Працівника");
            if (roles == StaffRoles.None) return new DomainError("staff.roles", "Працівник має мати хоча б одну роль.");
            if (staff.Id == actor.StaffId && !roles.HasFlag(StaffRoles.Administrator))
                return new DomainError("staff.own_admin", "Не можна зняти роль адміністратора із себе: попросіть іншого адміністратора.");
            if (staff.Roles == roles) return staff;
            var before = staff.Roles.Title();
            staff.SetRoles(roles);
            Audit(staff, actor, before, roles.Title());
            await db.SaveChangesAsync(c);
            return staff;
        }, ct);

    /// <summary>
    /// A staff member leaves: from <paramref name="on"/> they cannot sign in (the account is closed by the caller's
    /// <c>PanelAccounts.CloseForStaffAsync</c>), their chat links are closed and unused invites revoked; nothing they
    /// wrote is removed. Their class, if any, is left without a class teacher until one is assigned.
    /// </summary>
    public Task<Result<Staff>> DeactivateAsync(Actor actor, Guid staffId, DateOnly on, CancellationToken ct = default) =>
        db.WriteAsync<Result<Staff>>(async c =>
        {
            if (!actor.IsSystem && !actor.Is(StaffRoles.Administrator)) return UsersRights;
            var staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId, c);
            if (staff is null) return JournalErrors.NotFound("Працівника");
            if (staff.Id == actor.StaffId) return new DomainError("staff.self", "Не можна деактивувати самого себе.");
            if (!staff.IsActive) return new DomainError("staff.inactive", "Працівника вже деактивовано.");
            var school = await db.Schools.FirstAsync(s => s.Id == staff.SchoolId, c);
            if (on > SchoolTime.Today(clock, school.TimeZone).AddDays(31)) return new DomainError("staff.date", "Дата звільнення — не пізніше, ніж за місяць від сьогодні.");

            var now = clock.GetUtcNow().UtcDateTime;
            staff.Deactivate(on);
            foreach (var link in await db.ChatLinks.Where(l => l.Kind == PersonKind.Staff && l.PersonId == staffId && l.IsActive).ToListAsync(c))
                link.Deactivate("deactivated", now);
            foreach (var invite in await db.Invites.Where(i => i.Kind == PersonKind.Staff && i.PersonId == staffId && i.RevokedAtUtc == null).ToListAsync(c))
                invite.Revoke(now);
            foreach (var cls in await db.Classes.Where(k => k.ClassTeacherId == staffId).ToListAsync(c))
                cls.AssignClassTeacher(null);
            Audit(staff, actor, "працює", $"деактивовано з {on:dd.MM.yyyy}");
            await db.SaveChangesAsync(c);
            return staff;
        }, ct);

    public Task<Result<Staff>> ReactivateAsync(Actor actor, Guid staffId, CancellationToken ct = default) =>
        db.WriteAsync<Result<Staff>>(async c =>
        {
            if (!actor.IsSystem && !actor.Is(StaffRoles.Administrator)) return UsersRights;
            var staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId, c);
            if (staff is null) return JournalErrors.NotFound("Працівника");
            if (staff.IsActive) return staff;
            var before = $"деактивовано з {staff.DeactivatedOn:dd.MM.yyyy}";
            staff.Reactivate();
            Audit(staff, actor, before, "працює");
            await db.SaveChangesAsync(c);
            return staff;
        }, ct);

    private void Audit(Staff staff, Actor actor, string before, string after) =>
        db.Audit(new AuditRecord(staff.SchoolId, clock.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, actor.Channel, nameof(Staff), staff.Id,
            AuditAction.Changed, before, after, null, staff.FullName));
}
