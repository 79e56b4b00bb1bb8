using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Timetable;

/// <summary>A cell of the weekly timetable as the administration fills it in.</summary>
public sealed record TimetableCellInput(Guid ClassId, DayOfWeek Day, int LessonNumber, Guid? SubjectId, Guid? TeacherId, Guid? GroupId);

/// <summary>
/// The weekly timetable, edited cell by cell. A cell's lesson needs a teaching assignment for its teacher, class,
/// subject (and group, J-5), and the teacher may not be in another class at the same time. A change applies from the
/// given day on: the entry it replaces ends the day before (its history stays for the days already past) or, if it had
/// not started yet, is removed.
/// </summary>
public sealed class TimetableService(JournalDbContext db, TimeProvider clock)
{
    public static readonly string[] DayNames = ["неділя", "понеділок", "вівторок", "середа", "четвер", "п'ятниця", "субота"];

    public Task<Result<TimetableEntry>> SetCellAsync(Actor actor, TimetableCellInput input, DateOnly from, CancellationToken ct = default) =>
        db.WriteAsync<Result<TimetableEntry>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(k => k.Id == input.ClassId, c);
            if (cls is null) return JournalErrors.NotFound("Клас");
            var year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == cls.SchoolYearId, c);
            var open = year.EnsureOpen();
            if (!open.IsSuccess) return open.Error;
            if (input.Day is DayOfWeek.Sunday) return new DomainError("timetable.day", "У неділю уроків немає.");
            if (input.LessonNumber is < 0 or > 12) return new DomainError("timetable.number", "Номер уроку має бути від 0 до 12.");
            if (input.SubjectId is not { } subjectId) return new DomainError("timetable.subject", "Оберіть предмет.");
            if (input.TeacherId is not { } teacherId) return new DomainError("timetable.teacher", "Оберіть учителя.");
            var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subjectId && s.SchoolId == cls.SchoolId, c);
            if (subject is null) return new DomainError("timetable.subject", "Оберіть предмет.");
            var teacher = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == teacherId && s.SchoolId == cls.SchoolId, c);
            if (teacher is null) return new DomainError("timetable.teacher", "Оберіть учителя.");
            string? groupName = null;
            if (input.GroupId is { } gid)
            {
                var group = await db.Groups.AsNoTracking().IgnoreAutoIncludes().FirstOrDefaultAsync(g => g.Id == gid, c);
                if (group is null || group.ClassId != cls.Id || group.SubjectId != subjectId)
                    return new DomainError("timetable.group", $"Ця група не є групою {cls.Name} з предмета «{subject.Name}».");
                groupName = group.Name;
            }

            var page = ClassGroup.PageTitle(subject.Name, groupName);
            var assignments = await db.TeachingAssignments.AsNoTracking().Where(a => a.ClassId == cls.Id && a.SubjectId == subjectId).ToListAsync(c);
            if (assignments.Count == 0)
                return new DomainError("timetable.subject",
                    $"У {cls.Name} ніхто не призначений вести «{subject.Name}»: спершу додайте призначення на сторінці «Призначення».");
            if (!assignments.Any(a => a.TeacherId == teacherId && a.Covers(cls.Id, subjectId, input.GroupId)))
                return new DomainError("timetable.teacher", $"{teacher.ShortName} не веде «{page}» у {cls.Name}: оберіть учителя з призначень або додайте призначення.");

            var starts = from < year.StartsOn ? year.StartsOn : from;
            var cell = await db.Timetable.Where(t => t.ClassId == cls.Id && t.Day == input.Day && t.LessonNumber == input.LessonNumber
                && (t.ValidTo == null || t.ValidTo >= starts)).ToListAsync(c);
            // A whole-class lesson takes the whole cell; a group's lesson replaces the whole-class one and that group's.
            var replaced = cell.Where(t => input.GroupId is null || t.GroupId is null || t.GroupId == input.GroupId).ToList();
            var replacedIds = replaced.Select(t => t.Id).ToHashSet();

            var clash = await db.Timetable.AsNoTracking()
                .Where(t => t.SchoolId == cls.SchoolId && t.TeacherId == teacherId && t.Day == input.Day && t.LessonNumber == input.LessonNumber
                    && (t.ValidTo == null || t.ValidTo >= starts))
                .ToListAsync(c);
            var classIdsOfYear = await db.Classes.AsNoTracking().Where(k => k.SchoolYearId == year.Id).Select(k => k.Id).ToListAsync(c);
            var other = clash.FirstOrDefault(t => !replacedIds.Contains(t.Id) && classIdsOfYear.Contains(t.ClassId));
            if (other is not null)
            {
                var where = await db.Classes.AsNoTracking().FirstAsync(k => k.Id == other.ClassId, c);
                var what = await db.Subjects.AsNoTracking().Where(s => s.Id == other.SubjectId).Select(s => s.Name).FirstAsync(c);
                return new DomainError("timetable.teacher",
                    $"{teacher.ShortName} у цей час ({DayNames[(int)input.Day]}, {input.LessonNumber} урок) уже веде «{what}» у {where.Name}: учитель не може бути у двох місцях одночасно.");
            }

            var before = await DescribeAsync(replaced, c);
            foreach (var old in replaced) Retire(old, starts);
            var entry = new TimetableEntry(cls.SchoolId, cls.Id, subjectId, input.Day, input.LessonNumber, teacherId, input.GroupId,
                starts > year.StartsOn ? starts : null);
            db.Timetable.Add(entry);
            Audit(actor, cls.SchoolId, entry.Id, replaced.Count == 0 ? AuditAction.Created : AuditAction.Changed, before.Length == 0 ? null : before,
                $"{page} · {teacher.ShortName}", $"{cls.Name} · розклад · {DayNames[(int)input.Day]}, {input.LessonNumber} урок · з {starts:dd.MM.yyyy}");
            await db.SaveChangesAsync(c);
            return entry;
        }, ct);

    /// <summary>Empties a lesson of a cell from a day on.</summary>
    public Task<Result<bool>> ClearAsync(Actor actor, Guid entryId, DateOnly from, CancellationToken ct = default) =>
        db.WriteAsync<Result<bool>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var entry = await db.Timetable.FirstOrDefaultAsync(t => t.Id == entryId, c);
            if (entry is null) return JournalErrors.NotFound("Урок розкладу");
            var cls = await db.Classes.AsNoTracking().FirstAsync(k => k.Id == entry.ClassId, c);
            var year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == cls.SchoolYearId, c);
            var open = year.EnsureOpen();
            if (!open.IsSuccess) return open.Error;
            var starts = from < year.StartsOn ? year.StartsOn : from;
            var before = await DescribeAsync([entry], c);
            Retire(entry, starts);
            Audit(actor, cls.SchoolId, entry.Id, AuditAction.Deleted, before, null,
                $"{cls.Name} · розклад · {DayNames[(int)entry.Day]}, {entry.LessonNumber} урок · з {starts:dd.MM.yyyy}");
            await db.SaveChangesAsync(c);
            return true;
        }, ct);

    /// <summary>An entry that was in force before <paramref name="starts"/> ends the day before; one that had not begun is removed.</summary>
    private void Retire(TimetableEntry entry, DateOnly starts)
    {
        if (entry.ValidFrom is { } f && f >= starts) db.Timetable.Remove(entry);
        else entry.End(starts.AddDays(-1));
    }

    private async Task<string> DescribeAsync(IReadOnlyCollection<TimetableEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return "";
        var subjectIds = entries.Select(e => e.SubjectId).ToList();
        var names = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return string.Join("; ", entries.Select(e => names.GetValueOrDefault(e.SubjectId, "?")));
    }

    private void Audit(Actor actor, Guid schoolId, Guid id, AuditAction action, string? before, string? after, string context) =>
        db.Audit(actor, schoolId, clock.GetUtcNow().UtcDateTime, nameof(TimetableEntry), id, action, before, after, context);
}
