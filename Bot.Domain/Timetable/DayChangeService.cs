using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Timetable;

/// <summary>
/// A day change as the administration enters it. A lesson is named by its class, date and number (and, where two
/// groups share the number, its subject and group). <see cref="Kind"/> decides which of the rest count.
/// </summary>
public sealed record DayChangeInput(
    DayChangeKind Kind,
    Guid? ClassId,
    DateOnly Date,
    int? LessonNumber = null,
    Guid? SubjectId = null,
    Guid? GroupId = null,
    Guid? SubstituteId = null,
    DateOnly? ToDate = null,
    int? ToNumber = null,
    int? Minutes = null,
    string? Note = null);

/// <summary>
/// Records and removes day changes to the timetable: a substitution (J-9: the substitute then records that lesson and
/// marks it), a cancelled or moved lesson, a remote-learning day, lessons cut short by an air-raid alert. A substitute
/// or a moved lesson's teacher must be free at that time. When the change alters the next school day's timetable of a
/// class whose families already got the evening diary (with that timetable in it), each such guardian gets a
/// timetable-change notice: an outbox row written in the same transaction as the change.
/// Refusals carry a code naming the field: "change.date", "change.lesson", "change.substitute", "change.to", "change.minutes".
/// </summary>
public sealed class DayChangeService(JournalDbContext db, TimeProvider clock)
{
    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public Task<Result<DayChange>> RecordAsync(Actor actor, Guid schoolId, DayChangeInput input, CancellationToken ct = default) =>
        db.WriteAsync<Result<DayChange>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == schoolId, c);
            if (school is null) return JournalErrors.NotFound("Школу");
            var made = await MakeAsync(actor, school, input, c);
            if (!made.IsSuccess) return made.Error;
            var change = made.Value!;
            db.DayChanges.Add(change);
            Audit(actor, change, AuditAction.Created, null, await DescribeAsync(change, c));
            await NotifyAsync(school, change, c);
            await db.SaveChangesAsync(c);
            return change;
        }, ct);

    public Task<Result<DayChange>> RemoveAsync(Actor actor, Guid schoolId, Guid changeId, CancellationToken ct = default) =>
        db.WriteAsync<Result<DayChange>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var change = await db.DayChanges.FirstOrDefaultAsync(x => x.Id == changeId && x.SchoolId == schoolId, c);
            if (change is null) return JournalErrors.NotFound("Зміну розкладу");
            var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, c);
            Audit(actor, change, AuditAction.Deleted, await DescribeAsync(change, c), null);
            db.DayChanges.Remove(change);
            await NotifyAsync(school, change, c);
            await db.SaveChangesAsync(c);
            return change;
        }, ct);

    private async Task<Result<DayChange>> MakeAsync(Actor actor, School school, DayChangeInput input, CancellationToken ct)
    {
        var note = input.Note?.Trim();
        if (note is { Length: > 500 }) return new DomainError("change.note", "Примітка — до 500 символів.");
        SchoolClass? cls = null;
        if (input.ClassId is { } classId)
        {
            cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(k => k.Id == classId && k.SchoolId == school.Id, ct);
            if (cls is null) return new DomainError("change.class", "Оберіть клас.");
        }
        else if (input.Kind is not (DayChangeKind.Remote or DayChangeKind.AirRaid))
        {
            return new DomainError("change.class", "Оберіть клас.");
        }

        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id).ToListAsync(ct);
        var year = cls is null ? years.FirstOrDefault(y => y.Contains(input.Date)) : years.First(y => y.Id == cls.SchoolYearId);
        if (year is null || !year.Contains(input.Date)) return new DomainError("change.date", $"{input.Date:dd.MM.yyyy} не належить до навчального року.");
        var open = year.EnsureOpen();
        if (!open.IsSuccess) return open.Error;
        if (!SchoolCalendar.IsSchoolDay(year, input.Date, saturdayLessons: true))
            return new DomainError("change.date", $"{input.Date:dd.MM.yyyy} — вихідний або канікули: уроків у цей день немає.");
        var by = actor.StaffId;

        switch (input.Kind)
        {
            case DayChangeKind.Remote:
            {
                var same = await db.DayChanges.AnyAsync(x => x.SchoolId == school.Id && x.Kind == DayChangeKind.Remote && x.Date == input.Date
                    && (x.ClassId == null || x.ClassId == input.ClassId), ct);
                if (same) return new DomainError("change.date", $"Дистанційне навчання на {input.Date:dd.MM.yyyy} уже записано.");
                return DayChange.Remote(school.Id, input.ClassId, input.Date, by, UtcNow, note);
            }
            case DayChangeKind.AirRaid:
                if (input.Minutes is { } m && m is < 5 or > 45) return new DomainError("change.minutes", "Тривалість скороченого уроку — від 5 до 45 хвилин.");
                if (input.LessonNumber is { } n && n is < 0 or > 12) return new DomainError("change.lesson", "Номер уроку має бути від 0 до 12.");
                return DayChange.AirRaid(school.Id, input.ClassId, input.Date, input.LessonNumber, input.Minutes, by, UtcNow, note);
        }

        // A change of one lesson: find it in the day's plan.
        if (input.LessonNumber is not { } number) return new DomainError("change.lesson", "Оберіть урок.");
        var plan = await TimetablePlans.DayAsync(db, school.Id, cls!.Id, input.Date, ct);
        var candidates = plan.Lessons.Where(l => l.Number == number && (input.SubjectId is null || (l.SubjectId == input.SubjectId && l.GroupId == input.GroupId))).ToList();
        if (candidates.Count == 0) return new DomainError("change.lesson", $"У {cls.Name} {input.Date:dd.MM.yyyy} за розкладом немає {number} уроку.");
        if (candidates.Count > 1) return new DomainError("change.lesson", $"На {number} уроці в {cls.Name} кілька груп: оберіть урок групи.");
        var lesson = candidates[0];
        if (lesson.Change is { Kind: not DayChangeKind.AirRaid } || lesson.EntryId is null)
            return new DomainError("change.lesson", "Для цього уроку на цю дату вже є зміна: спершу видаліть її.");

        switch (input.Kind)
        {
            case DayChangeKind.Substitution:
            {
                if (input.SubstituteId is not { } substituteId) return new DomainError("change.substitute", "Оберіть учителя, який замінює.");
                var substitute = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == substituteId && s.SchoolId == school.Id, ct);
                if (substitute is null) return new DomainError("change.substitute", "Оберіть учителя, який замінює.");
                if (!substitute.IsActive || !substitute.Has(StaffRoles.Teacher))
                    return new DomainError("change.substitute", $"{substitute.ShortName} не може замінювати: працівник не є чинним учителем.");
                if (substitute.Id == lesson.TeacherId) return new DomainError("change.substitute", "Це вчитель цього ж уроку: оберіть іншого.");
                var busy = await BusyTextAsync(school.Id, year.Id, substitute, input.Date, number, ct);
                if (busy is not null) return new DomainError("change.substitute", busy);
                return DayChange.Substitution(school.Id, cls.Id, input.Date, number, lesson.SubjectId, lesson.GroupId, substituteId, by, UtcNow, note);
            }
            case DayChangeKind.Cancellation:
                return DayChange.Cancellation(school.Id, cls.Id, input.Date, number, lesson.SubjectId, lesson.GroupId, by, UtcNow, note);
            case DayChangeKind.Move:
            {
                if (input.ToNumber is not { } toNumber || toNumber is < 0 or > 12) return new DomainError("change.to", "Вкажіть номер уроку, на який переносите (0–12).");
                var toDate = input.ToDate ?? input.Date;
                if (toDate == input.Date && toNumber == number) return new DomainError("change.to", "Урок і так на цьому місці: оберіть інший номер або день.");
                if (!year.Contains(toDate) || !SchoolCalendar.IsSchoolDay(year, toDate, saturdayLessons: true))
                    return new DomainError("change.to", $"{toDate:dd.MM.yyyy} — не навчальний день.");
                var target = toDate == input.Date ? plan : await TimetablePlans.DayAsync(db, school.Id, cls.Id, toDate, ct);
                if (target.Held.Any(l => l.Number == toNumber))
                    return new DomainError("change.to", $"У {cls.Name} {toDate:dd.MM.yyyy} на {toNumber} уроці вже є урок.");
                if (lesson.TeacherId is { } teacherId && await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == teacherId, ct) is { } teacher)
                {
                    var busy = await BusyTextAsync(school.Id, year.Id, teacher, toDate, toNumber, ct);
                    if (busy is not null) return new DomainError("change.to", busy);
                }

                return DayChange.Move(school.Id, cls.Id, input.Date, number, lesson.SubjectId, lesson.GroupId, lesson.TeacherId, toDate, toNumber, by, UtcNow, note);
            }
            default:
                return new DomainError("change.kind", "Оберіть вид зміни.");
        }
    }

    private async Task<string?> BusyTextAsync(Guid schoolId, Guid yearId, Staff teacher, DateOnly date, int number, CancellationToken ct)
    {
        var busy = await TimetablePlans.BusyAsync(db, schoolId, yearId, teacher.Id, date, number, null, ct);
        if (busy is not { } b) return null;
        var where = await db.Classes.AsNoTracking().FirstAsync(k => k.Id == b.ClassId, ct);
        var what = await db.Subjects.AsNoTracking().Where(s => s.Id == b.Lesson.SubjectId).Select(s => s.Name).FirstAsync(ct);
        return $"{teacher.ShortName} {date:dd.MM.yyyy} на {number} уроці веде «{what}» у {where.Name}: учитель не може бути у двох місцях одночасно.";
    }

    /// <summary>
    /// The families of the classes whose next school day the change alters, among those who already got today's evening
    /// diary (their diary row of today exists and was not cancelled as empty): one row per guardian and child with the
    /// day as it now stands.
    /// </summary>
    private async Task NotifyAsync(School school, DayChange change, CancellationToken ct)
    {
        var today = SchoolTime.Today(clock, school.TimeZone);
        var sentToday = $"{NotificationKind.DailyDiary}:";
        var suffix = $":{today:yyyyMMdd}";
        var diaries = await db.Outbox.AsNoTracking()
            .Where(o => o.SchoolId == school.Id && o.Kind == NotificationKind.DailyDiary && o.State != OutboxState.Cancelled
                && o.IdempotencyKey.StartsWith(sentToday) && o.IdempotencyKey.EndsWith(suffix))
            .Select(o => o.RecipientId).Distinct().ToListAsync(ct);
        if (diaries.Count == 0) return;
        var informed = diaries.ToHashSet();

        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id).ToListAsync(ct);
        var classes = change.ClassId is { } id
            ? await db.Classes.AsNoTracking().Where(k => k.Id == id).ToListAsync(ct)
            : await db.Classes.AsNoTracking().Where(k => k.SchoolId == school.Id).ToListAsync(ct);
        var changes = (await TimetablePlans.ChangesAsync(db, school.Id, change.Dates.Min(), change.Dates.Max(), ct))
            .Where(x => x.Id != change.Id).ToList();
        if (db.Entry(change).State != EntityState.Deleted) changes.Add(change);
        var now = UtcNow;

        foreach (var date in change.Dates)
        {
            var inYear = classes.Where(k => years.First(y => y.Id == k.SchoolYearId) is var y && y.Contains(date)
                && SchoolCalendar.NextSchoolDay(y, today, saturdayLessons: date.DayOfWeek == DayOfWeek.Saturday) == date).ToList();
            if (inYear.Count == 0) continue;
            var classIds = inYear.Select(k => k.Id).ToList();
            var weekday = date.DayOfWeek;
            var weekly = (await db.Timetable.AsNoTracking().Where(t => classIds.Contains(t.ClassId) && t.Day == weekday).ToListAsync(ct)).ToLookup(t => t.ClassId);
            var enrolled = (await db.Enrolments.AsNoTracking().Where(e => classIds.Contains(e.ClassId) && e.From <= date && (e.To == null || e.To >= date))
                .Select(e => new { e.ClassId, e.StudentId }).ToListAsync(ct)).ToLookup(e => e.ClassId, e => e.StudentId);
            var members = change.GroupId is { } g
                ? (await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == g).Select(m => m.StudentId).ToListAsync(ct)).ToHashSet()
                : null;
            var names = await NamesAsync(school.Id, ct);
            foreach (var cls in inYear)
            {
                var plan = DayPlan.Of(cls.Id, date, weekly[cls.Id], changes);
                var students = enrolled[cls.Id].Where(s => members is null || members.Contains(s)).ToList();
                if (students.Count == 0) continue;
                var lessons = plan.Lessons.Select(l => new TimetableChangeLesson(l.Number, names.Page(l.SubjectId, l.GroupId), l.IsHeld,
                    DayChangeText.Note(l, date, s => names.Staff.GetValueOrDefault(s)))).ToList();
                var dayNotes = plan.DayWide.Select(DayChangeText.DayNote).ToList();
                // Each child's row names the child: one payload per student.
                foreach (var student in students)
                {
                    var payload = new TimetableChangePayload(student, cls.Name.ToString(), date, DayChangeText.Title(change.Kind),
                        db.Entry(change).State == EntityState.Deleted, dayNotes, lessons);
                    await new OutboxWriter(db).ToGuardiansAsync(school.Id, [student], change.Id, now.Ticks.ToString(),
                        payload, now, now, ct, informed);
                }
            }
        }
    }

    private sealed record Names(Dictionary<Guid, string> Subjects, Dictionary<Guid, string> Groups, Dictionary<Guid, string> Staff)
    {
        public string Page(Guid subjectId, Guid? groupId) =>
            ClassGroup.PageTitle(Subjects.GetValueOrDefault(subjectId, "?"), groupId is { } g ? Groups.GetValueOrDefault(g) : null);
    }

    private async Task<Names> NamesAsync(Guid schoolId, CancellationToken ct)
    {
        var subjects = await db.Subjects.AsNoTracking().Where(s => s.SchoolId == schoolId).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var groups = await db.Groups.AsNoTracking().IgnoreAutoIncludes().Where(g => g.SchoolId == schoolId).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var staff = (await db.Staff.AsNoTracking().Where(s => s.SchoolId == schoolId).ToListAsync(ct)).ToDictionary(s => s.Id, s => s.ShortName);
        return new Names(subjects, groups, staff);
    }

    private async Task<string> DescribeAsync(DayChange c, CancellationToken ct)
    {
        var cls = c.ClassId is { } id ? (await db.Classes.AsNoTracking().FirstAsync(k => k.Id == id, ct)).Name.ToString() : "уся школа";
        var names = await NamesAsync(c.SchoolId, ct);
        var lesson = c.SubjectId is { } s ? $", {c.LessonNumber} урок, {names.Page(s, c.GroupId)}" : "";
        var detail = c.Kind switch
        {
            DayChangeKind.Substitution => $": замінює {names.Staff.GetValueOrDefault(c.TeacherId ?? Guid.Empty)}",
            DayChangeKind.Move => $": на {c.ToDate:dd.MM.yyyy}, {c.ToNumber} урок",
            DayChangeKind.AirRaid or DayChangeKind.Remote => $": {DayChangeText.DayNote(c)}",
            _ => "",
        };
        return $"{DayChangeText.Title(c.Kind)} · {cls} · {c.Date:dd.MM.yyyy}{lesson}{detail}";
    }

    private void Audit(Actor actor, DayChange c, AuditAction action, string? before, string? after) =>
        db.Audit(actor, c.SchoolId, UtcNow, nameof(DayChange), c.Id, action, before, after, $"зміни розкладу · {c.Date:dd.MM.yyyy}");
}
