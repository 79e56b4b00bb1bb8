using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Roster;

/// <summary>
/// Arrivals, departures and transfers of students (J-4): a student who arrives after the start of the year is
/// added at the end of the class list; leaving closes the enrolment on the last day. Administration only.
/// </summary>
public sealed partial class RosterService(JournalDbContext db, TimeProvider clock)
{
    private static readonly DomainError RosterRights =
        new("auth.roster", "Списки класів змінює адміністрація школи (директор або заступник).");

    private static readonly DomainError AlreadyEnrolled =
        new("enrolment.exists", "Учень уже в цьому класі.");

    /// <summary>Enrols a student from a date; a student in another class that day is transferred (that enrolment ends the day before).</summary>
    public Task<Result<Enrolment>> EnrolAsync(Actor actor, Guid studentId, Guid classId, DateOnly from, CancellationToken ct = default) =>
        db.WriteAsync<Result<Enrolment>>(async c =>
        {
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return RosterRights;
            var cls = await db.Classes.FirstOrDefaultAsync(k => k.Id == classId, c);
            var student = await db.Students.FirstOrDefaultAsync(s => s.Id == studentId, c);
            if (cls is null || student is null || student.SchoolId != cls.SchoolId) return JournalErrors.NotFound(cls is null ? "Клас" : "Учня");
            var enrolment = await EnrolCoreAsync(actor, student, cls, from, c);
            if (!enrolment.IsSuccess) return enrolment;
            await db.SaveChangesAsync(c);
            return enrolment;
        }, ct);

    /// <summary>The rules of an enrolment (J-4), without saving: the caller saves it with the rest of its unit of work.</summary>
    private async Task<Result<Enrolment>> EnrolCoreAsync(Actor actor, Student student, SchoolClass cls, DateOnly from, CancellationToken c)
    {
        var year = await db.SchoolYears.FirstAsync(y => y.Id == cls.SchoolYearId, c);
        var open = year.EnsureOpen();
        if (!open.IsSuccess) return open.Error;
        if (!year.Contains(from)) return JournalErrors.OutsideYear(from, year.Title);

        var current = await db.Enrolments.Where(e => e.StudentId == student.Id && e.From <= from && (e.To == null || e.To >= from)).ToListAsync(c);
        if (current.Any(e => e.ClassId == cls.Id)) return AlreadyEnrolled;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var previous in current)
        {
            previous.Leave(from.AddDays(-1));
            Audit(cls.SchoolId, actor, previous.Id, "навчається", $"{Text.UkrainianGrammar.BySex(student.Sex, "вибув", "вибула", "вибуття")} {from.AddDays(-1):dd.MM.yyyy}", student.FullName, now);
        }

        // J-4: the list at the start of the year is alphabetical (position 0); later arrivals go to the end in order.
        var midYear = from > year.Semester1Start;
        var position = midYear ? await db.Enrolments.Where(e => e.ClassId == cls.Id).MaxAsync(e => (int?)e.ListPosition, c) ?? 0 : 0;
        var enrolment = new Enrolment(cls.SchoolId, student.Id, cls.Id, from, midYear ? position + 1 : 0, midYear);
        db.Enrolments.Add(enrolment);
        Audit(cls.SchoolId, actor, enrolment.Id, null, $"зараховано до {cls.Name} з {from:dd.MM.yyyy}", student.FullName, now);
        return enrolment;
    }

    /// <summary>The student leaves the class; <paramref name="lastDay"/> is their last day in it.</summary>
    public Task<Result<Enrolment>> LeaveAsync(Actor actor, Guid studentId, Guid classId, DateOnly lastDay, CancellationToken ct = default) =>
        db.WriteAsync<Result<Enrolment>>(async c =>
        {
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return RosterRights;
            var enrolment = await db.Enrolments.Where(e => e.StudentId == studentId && e.ClassId == classId && e.To == null).FirstOrDefaultAsync(c);
            if (enrolment is null) return JournalErrors.NotFound("Зарахування");
            if (await db.EnsureClassYearOpenAsync(classId, c) is { IsSuccess: false } closed) return closed.Error!;
            if (lastDay < enrolment.From) return new DomainError("enrolment.dates", "Дата вибуття не може бути раніше дати зарахування.");
            var student = await db.Students.FirstAsync(s => s.Id == studentId, c);
            enrolment.Leave(lastDay);
            Audit(enrolment.SchoolId, actor, enrolment.Id, "навчається", $"{Text.UkrainianGrammar.BySex(student.Sex, "вибув", "вибула", "вибуття")} {lastDay:dd.MM.yyyy}", student.FullName, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(c);
            return enrolment;
        }, ct);

    private void Audit(Guid schoolId, Actor actor, Guid enrolmentId, string? oldValue, string newValue, string context, DateTime now) =>
        db.Audit(new AuditRecord(schoolId, now, actor.StaffId, actor.Name, actor.Channel, nameof(Enrolment), enrolmentId,
            oldValue is null ? AuditAction.Created : AuditAction.Changed, oldValue, newValue, null, context));
}
