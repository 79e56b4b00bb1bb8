using Bot.Domain.Attendance;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Bot.Domain.Text;

namespace Bot.Domain.Journal;

public sealed partial class JournalService
{
    /// <summary>
    /// the class teacher turns a student's "н" of a day into "хв" (or back) on every subject page at once,
    /// after the fact, as one write unit (<paramref name="batchId"/>, or a new one). Returns how many absences changed.
    /// </summary>
    public Task<Result<int>> SetDayAbsenceKindAsync(Actor actor, Guid studentId, DateOnly date, AbsenceKind kind, string? reason = null,
        CancellationToken ct = default, Guid? batchId = null) =>
        db.WriteAsync<Result<int>>(async c =>
        {
            var absences = await db.Absences.Where(a => a.StudentId == studentId && a.Date == date).ToListAsync(c);
            var student = await db.Students.FirstOrDefaultAsync(s => s.Id == studentId, c);
            if (student is null) return Result<int>.Fail(JournalErrors.NotFound("Учня"));
            if (absences.Count == 0) return Result<int>.Fail(JournalErrors.NoAbsence(student.FullName, date));

            var classId = absences[0].ClassId;
            var cls = await db.Classes.FirstAsync(x => x.Id == classId, c);
            var year = await db.SchoolYears.FirstAsync(y => y.Id == cls.SchoolYearId, c);
            var open = year.EnsureOpen();
            if (!open.IsSuccess) return Result<int>.Fail(open.Error!);
            var isClassTeacher = actor.Is(StaffRoles.ClassTeacher) && cls.ClassTeacherId == actor.StaffId;
            if (!actor.IsSystem && !isClassTeacher)
            {
                if (!actor.Roles.CanCorrectAnyJournal()) return Result<int>.Fail(JournalErrors.ExcuseOnlyClassTeacher);
                if (VisibleText.IsBlank(reason)) return Result<int>.Fail(JournalErrors.ReasonRequired);
            }

            var school = await db.Schools.FirstAsync(s => s.Id == cls.SchoolId, c);
            var unit = NewUnit(batchId);
            var now = unit.AtUtc;
            var changed = 0;
            foreach (var absence in absences.Where(a => a.Kind != kind))
            {
                var old = AbsenceKinds.Text(absence.Kind);
                absence.Change(kind, actor.StaffId ?? Guid.Empty, now);
                db.Audit(new AuditRecord(school.Id, now, actor.StaffId, actor.Name, actor.Channel, nameof(Absence), absence.Id,
                    AuditAction.Changed, old, AbsenceKinds.Text(kind), reason, $"{cls.Name} · {student.FullName} · {date:dd.MM.yyyy}",
                    new AuditPlace(cls.Id, absence.SubjectId, student.Id, absence.LessonId), unit.BatchId));
                changed++;
            }

            if (changed > 0) await db.SaveChangesAsync(c);
            return Result<int>.Ok(changed);
        }, ct);

    /// <summary>Today in the school of a class, by its time zone (J-7 compares with it).</summary>
    public async Task<DateOnly> TodayForSchoolAsync(Guid schoolId, CancellationToken ct = default)
    {
        var tz = await db.Schools.Where(s => s.Id == schoolId).Select(s => s.TimeZone).FirstAsync(ct);
        return SchoolTime.Today(clock, tz);
    }
}
