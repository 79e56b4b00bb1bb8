using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Microsoft.EntityFrameworkCore;
using Bot.Domain.Text;

namespace Bot.Domain.Roster;

/// <summary>A new student's name and data as the school writes them.</summary>
public sealed record NewStudent(string LastName, string FirstName, string? MiddleName, DateOnly? BirthDate, Sex? Sex);

public sealed partial class RosterService
{
    /// <summary>
    /// A student who arrives: created and enrolled in one step (J-4: from the first day of the year they are on the
    /// alphabetical list, later they are added at the end).
    /// </summary>
    public Task<Result<Student>> AdmitAsync(Actor actor, Guid classId, NewStudent who, DateOnly from, CancellationToken ct = default) =>
        db.WriteAsync<Result<Student>>(async c =>
        {
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return RosterRights;
            var cls = await db.Classes.FirstOrDefaultAsync(k => k.Id == classId, c);
            if (cls is null) return JournalErrors.NotFound("Клас");
            if (VisibleText.IsBlank(who.LastName) || VisibleText.IsBlank(who.FirstName))
                return new DomainError("person.name", "Потрібні прізвище та ім'я.");
            var student = new Student(cls.SchoolId, who.LastName, who.FirstName, who.MiddleName, who.BirthDate, who.Sex);
            db.Students.Add(student);
            var enrolment = await EnrolCoreAsync(actor, student, cls, from, c);
            if (!enrolment.IsSuccess) return enrolment.Error;
            await db.SaveChangesAsync(c);
            return student;
        }, ct);

    /// <summary>Individual study (A-3: no absences recorded; M-12: final marks only) or back to regular study.</summary>
    public Task<Result<Student>> SetStudyModeAsync(Actor actor, Guid studentId, StudyMode mode, CancellationToken ct = default) =>
        db.WriteAsync<Result<Student>>(async c =>
        {
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return RosterRights;
            var student = await db.Students.FirstOrDefaultAsync(s => s.Id == studentId, c);
            if (student is null) return JournalErrors.NotFound("Учня");
            if (student.StudyMode == mode) return student;
            var before = StudyModeTitle(student.StudyMode);
            student.SetStudyMode(mode);
            db.Audit(new AuditRecord(student.SchoolId, clock.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, actor.Channel, nameof(Student), student.Id,
                AuditAction.Changed, before, StudyModeTitle(mode), null, student.FullName));
            await db.SaveChangesAsync(c);
            return student;
        }, ct);

    /// <summary>
    /// N-12: marks a student who arrived displaced without semester I's records (the day and a note), so the annual mark of
    /// that school year may come from semester II alone; null unmarks. The administration only; audited.
    /// </summary>
    public Task<Result<Student>> SetAnnualFromSemester2Async(Actor actor, Guid studentId, DateOnly? since, string? note, CancellationToken ct = default) =>
        db.WriteAsync<Result<Student>>(async c =>
        {
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return RosterRights;
            if (note?.Trim().Length > Student.MaxAnnualFromSemester2NoteLength)
                return new DomainError("student.annual_note", $"Примітка — до {Student.MaxAnnualFromSemester2NoteLength} символів.");
            var student = await db.Students.FirstOrDefaultAsync(s => s.Id == studentId, c);
            if (student is null) return JournalErrors.NotFound("Учня");
            var before = AnnualFromSemester2Title(student);
            student.SetAnnualFromSemester2(since, note);
            var after = AnnualFromSemester2Title(student);
            if (before == after) return student;
            db.Audit(new AuditRecord(student.SchoolId, clock.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, actor.Channel, nameof(Student), student.Id,
                AuditAction.Changed, before, after, "річна оцінка за ІІ семестр (внутрішньо переміщені, воєнний стан)", student.FullName));
            await db.SaveChangesAsync(c);
            return student;
        }, ct);

    /// <summary>"річна за ІІ семестр з 15.01.2027: …" or "звичайна річна оцінка".</summary>
    public static string AnnualFromSemester2Title(Student student) => student.AnnualFromSemester2Since is { } d
        ? $"річна за ІІ семестр з {d:dd.MM.yyyy}" + (student.AnnualFromSemester2Note is { } n ? $": {n}" : "")
        : "річна за обидва семестри";

    public static string StudyModeTitle(StudyMode mode) => mode == StudyMode.Individual ? "індивідуальне навчання" : "навчається в класі";
}
