using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Talk;

/// <summary>
/// A stand-in for an absent class teacher (ADR 0049): from <see cref="From"/> to <see cref="To"/> (school-local days,
/// inclusive) the families' new messages to the class teacher and their absence reports for the class go to
/// <see cref="StaffId"/>, who answers and excuses them as the class teacher would — for this class only, only during the
/// range. Named and ended by the director or a deputy, audited.
/// </summary>
public sealed class ClassTeacherStandIn : SchoolEntity
{
    private ClassTeacherStandIn() { }

    public ClassTeacherStandIn(Guid schoolId, Guid classId, Guid classTeacherId, Guid staffId, DateOnly from, DateOnly to, DateTime nowUtc)
    {
        SchoolId = schoolId;
        ClassId = classId;
        ClassTeacherId = classTeacherId;
        StaffId = staffId;
        From = from;
        To = to;
        CreatedAtUtc = nowUtc;
    }

    public Guid ClassId { get; private set; }

    /// <summary>The class teacher who is away (the class's class teacher when the stand-in was named).</summary>
    public Guid ClassTeacherId { get; private set; }

    /// <summary>The staff member standing in.</summary>
    public Guid StaffId { get; private set; }

    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Ended early by the administration: from then on nothing reaches the stand-in.</summary>
    public DateTime? EndedAtUtc { get; private set; }

    public bool ActiveOn(DateOnly day) => EndedAtUtc is null && From <= day && day <= To;

    internal void End(DateTime nowUtc) => EndedAtUtc ??= nowUtc;
}

/// <summary>A stand-in as the panel lists it.</summary>
public sealed record StandInRow(Guid Id, Guid ClassId, string ClassName, string ClassTeacher, string StandIn, DateOnly From, DateOnly To, bool Ended, bool Active);

/// <summary>
/// Naming and ending stand-ins for absent class teachers (ADR 0049), and the one question every route asks: who receives
/// the class teacher's messages today (<see cref="ActiveAsync"/>).
/// </summary>
public sealed class StandInService(JournalDbContext db, TimeProvider clock)
{
    /// <summary>At most this many days in one stand-in.</summary>
    public const int MaxDays = 120;

    public static readonly DomainError NotAdministration = new("standin.rights", "Заміну класного керівника призначає директор або заступник директора.");

    /// <summary>The stand-in of a class on a school-local day, or null.</summary>
    public static Task<ClassTeacherStandIn?> ActiveAsync(JournalDbContext db, Guid classId, DateOnly day, CancellationToken ct = default) =>
        db.Set<ClassTeacherStandIn>().AsNoTracking()
            .Where(s => s.ClassId == classId && s.EndedAtUtc == null && s.From <= day && s.To >= day)
            .OrderByDescending(s => s.CreatedAtUtc).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The director or a deputy names <paramref name="staffId"/> to receive the class teacher's messages of a class from
    /// <paramref name="from"/> to <paramref name="to"/>; audited. Refused: another school's class or person, a class without
    /// a class teacher, the class teacher themself, a range in the past, longer than <see cref="MaxDays"/> or overlapping another.
    /// </summary>
    public Task<Result<ClassTeacherStandIn>> NameAsync(Actor actor, Guid schoolId, Guid classId, Guid staffId, DateOnly? from, DateOnly? to,
        CancellationToken ct = default) =>
        db.WriteAsync<Result<ClassTeacherStandIn>>(async c =>
        {
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return NotAdministration;
            var cls = await db.Classes.FirstOrDefaultAsync(k => k.Id == classId && k.SchoolId == schoolId, c);
            if (cls is null) return JournalErrors.NotFound("Клас");
            if (cls.ClassTeacherId is not { } teacherId) return new DomainError("standin.no_teacher", "У класу немає класного керівника: спершу призначте його.");
            var staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId && s.SchoolId == schoolId && s.DeactivatedOn == null, c);
            if (staff is null) return new DomainError("standin.staff", "Оберіть працівника цієї школи, який зараз працює.");
            if (staffId == teacherId) return new DomainError("standin.self", "Класний керівник не може замінювати сам себе: оберіть іншого працівника.");
            if (from is null || to is null) return new DomainError("standin.dates", "Вкажіть перший і останній день заміни.");
            var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, c);
            var today = SchoolTime.Today(clock, school.TimeZone);
            if (to < from) return new DomainError("standin.dates", "Останній день заміни не може бути раніше за перший.");
            if (to < today) return new DomainError("standin.past", "Заміна вже минула: останній день — у минулому.");
            if (to.Value.DayNumber - from.Value.DayNumber + 1 > MaxDays) return new DomainError("standin.long", $"Заміна — щонайбільше {MaxDays} днів поспіль.");
            if (await db.Set<ClassTeacherStandIn>().AnyAsync(s => s.ClassId == classId && s.EndedAtUtc == null && s.From <= to && s.To >= from, c))
                return new DomainError("standin.overlap", "На ці дні в класу вже є заміна класного керівника: спершу завершіть її.");
            var now = clock.GetUtcNow().UtcDateTime;
            var standIn = new ClassTeacherStandIn(schoolId, classId, teacherId, staffId, from.Value, to.Value, now);
            db.Add(standIn);
            var teacher = await db.Staff.AsNoTracking().FirstAsync(s => s.Id == teacherId, c);
            db.Audit(actor, schoolId, now, nameof(ClassTeacherStandIn), standIn.Id, AuditAction.Created, null,
                $"{staff.FullName}, {from:dd.MM.yyyy}–{to:dd.MM.yyyy}", $"{cls.Name} · заміна класного керівника ({teacher.FullName})");
            await db.SaveChangesAsync(c);
            return standIn;
        }, ct);

    /// <summary>Ends a stand-in now: nothing more reaches the stand-in and their rights over the class end; audited.</summary>
    public Task<Result<bool>> EndAsync(Actor actor, Guid schoolId, Guid standInId, CancellationToken ct = default) =>
        db.WriteAsync<Result<bool>>(async c =>
        {
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return NotAdministration;
            var standIn = await db.Set<ClassTeacherStandIn>().FirstOrDefaultAsync(s => s.Id == standInId && s.SchoolId == schoolId, c);
            if (standIn is null) return JournalErrors.NotFound("Заміну");
            if (standIn.EndedAtUtc is not null) return false;
            var now = clock.GetUtcNow().UtcDateTime;
            standIn.End(now);
            var cls = await db.Classes.AsNoTracking().FirstAsync(k => k.Id == standIn.ClassId, c);
            var staff = await db.Staff.AsNoTracking().FirstAsync(s => s.Id == standIn.StaffId, c);
            db.Audit(actor, schoolId, now, nameof(ClassTeacherStandIn), standIn.Id, AuditAction.Changed,
                $"{staff.FullName}, {standIn.From:dd.MM.yyyy}–{standIn.To:dd.MM.yyyy}", "завершено", $"{cls.Name} · заміна класного керівника");
            await db.SaveChangesAsync(c);
            return true;
        }, ct);

    /// <summary>The school's stand-ins that have not ended yet (current and planned), and those of the last 30 days.</summary>
    public async Task<List<StandInRow>> ListAsync(Guid schoolId, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);
        var today = SchoolTime.Today(clock, school.TimeZone);
        var since = today.AddDays(-30);
        var rows = await db.Set<ClassTeacherStandIn>().AsNoTracking().Where(s => s.SchoolId == schoolId && s.To >= since).ToListAsync(ct);
        var classIds = rows.Select(r => r.ClassId).Distinct().ToList();
        var classes = (await db.Classes.AsNoTracking().Where(k => classIds.Contains(k.Id)).ToListAsync(ct)).ToDictionary(k => k.Id, k => k.Name.ToString());
        var staffIds = rows.SelectMany(r => new[] { r.StaffId, r.ClassTeacherId }).Distinct().ToList();
        var staff = (await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToListAsync(ct)).ToDictionary(s => s.Id, s => s.FullName);
        return rows.OrderBy(r => classes.GetValueOrDefault(r.ClassId), StringComparer.Ordinal).ThenBy(r => r.From)
            .Select(r => new StandInRow(r.Id, r.ClassId, classes.GetValueOrDefault(r.ClassId, ""), staff.GetValueOrDefault(r.ClassTeacherId, ""),
                staff.GetValueOrDefault(r.StaffId, ""), r.From, r.To, r.EndedAtUtc is not null, r.ActiveOn(today)))
            .ToList();
    }
}
