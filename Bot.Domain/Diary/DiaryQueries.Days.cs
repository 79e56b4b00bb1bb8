using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Diary;

public sealed partial class DiaryQueries
{
    /// <summary>
    /// A student's diary for a day (today in the school's time zone by default): the lessons of the class and of the
    /// student's own groups (J-5) with topics, homework and the student's marks and absences; dateless marks placed
    /// that day; homework due; the day's and the next school day's timetable.
    /// </summary>
    public async Task<Result<StudentDay>> StudentDayAsync(Guid studentId, DateOnly? date = null, CancellationToken ct = default)
    {
        var student = await StudentAsync(studentId, ct);
        if (student is null) return DiaryErrors.StudentNotFound;
        var school = await SchoolAsync(student.Value.SchoolId, ct);
        var day = date ?? TodayIn(school);
        var days = await StudentDaysAsync(school, studentId, day, day, ct);
        return days.Count == 0 ? DiaryErrors.NotInClassOn(student.Value.Name, day) : days[0];
    }

    /// <summary>A student's diary for the school week (Monday to Friday) that holds the date (this week by default).</summary>
    public async Task<Result<StudentWeek>> StudentWeekAsync(Guid studentId, DateOnly? anyDateInWeek = null, CancellationToken ct = default)
    {
        var student = await StudentAsync(studentId, ct);
        if (student is null) return DiaryErrors.StudentNotFound;
        var school = await SchoolAsync(student.Value.SchoolId, ct);
        var monday = SchoolCalendar.MondayOf(anyDateInWeek ?? TodayIn(school));
        var days = await StudentDaysAsync(school, studentId, monday, monday.AddDays(4), ct);
        return days.Count == 0
            ? DiaryErrors.NotInClassInWeek(student.Value.Name, monday)
            : new StudentWeek(studentId, student.Value.Name, monday, days);
    }

    /// <summary>A student's days from <paramref name="from"/> to <paramref name="to"/> (those on which they were in a class), in one load.</summary>
    public async Task<Result<IReadOnlyList<StudentDay>>> StudentDaysAsync(Guid studentId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) return DiaryErrors.BadPeriod(from, to);
        var student = await StudentAsync(studentId, ct);
        if (student is null) return DiaryErrors.StudentNotFound;
        var school = await SchoolAsync(student.Value.SchoolId, ct);
        return Result<IReadOnlyList<StudentDay>>.Ok(await StudentDaysAsync(school, studentId, from, to, ct));
    }

    /// <summary>
    /// Every enrolled student's day in a class (today by default), in the order of the class list (J-4): the input of
    /// the evening digest for the families of the class. A fixed number of queries whatever the size of the class.
    /// </summary>
    public async Task<Result<ClassDay>> ClassDayAsync(Guid classId, DateOnly? date = null, CancellationToken ct = default)
    {
        var found = await ClassAsync(classId, ct);
        if (found is not { } c) return DiaryErrors.ClassNotFound;
        var day = date ?? TodayIn(c.School);
        var data = await DiaryData.LoadAsync(db, c.School, [c.Class], new Dictionary<Guid, SchoolYear> { [c.Year.Id] = c.Year }, day, day,
            DiaryData.Parts.Diary, null, ct);
        return BuildClassDay(data, new DayBuilder(data), c.Class, day);
    }

    /// <summary>
    /// Every class's day in a school (today by default): the classes of the school year that holds the date, by grade
    /// and letter. A fixed number of queries whatever the size of the school.
    /// </summary>
    public Task<Result<SchoolDay>> SchoolDayAsync(Guid schoolId, DateOnly? date = null, CancellationToken ct = default) =>
        SchoolDayAsync(schoolId, date, null, ct);

    /// <summary>
    /// The day of some of a school's classes (<paramref name="onlyClasses"/>; null: all): a big school's evening is
    /// composed a part at a time, so that its whole day (every student's lessons, marks, homework) is never held at once.
    /// </summary>
    public async Task<Result<SchoolDay>> SchoolDayAsync(Guid schoolId, DateOnly? date, IReadOnlySet<Guid>? onlyClasses, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == schoolId, ct);
        if (school is null) return DiaryErrors.SchoolNotFound;
        var day = date ?? TodayIn(school);
        var years = await db.SchoolYears.AsNoTracking()
            .Where(y => y.SchoolId == schoolId && y.Semester1Start <= day && y.Semester2End >= day)
            .ToDictionaryAsync(y => y.Id, ct);
        var yearIds = years.Keys.ToList();
        var classes = (await db.Classes.AsNoTracking().Where(c => yearIds.Contains(c.SchoolYearId)).ToListAsync(ct))
            .Where(c => onlyClasses is null || onlyClasses.Contains(c.Id))
            .OrderBy(c => c.Name.SortKey, StringComparer.Ordinal).ToList();
        if (classes.Count == 0) return new SchoolDay(schoolId, day, []);

        var data = await DiaryData.LoadAsync(db, school, classes, years, day, day, DiaryData.Parts.Diary, null, ct);
        var builder = new DayBuilder(data);
        return new SchoolDay(schoolId, day, classes.Select(c => BuildClassDay(data, builder, c, day)).ToList());
    }

    private static ClassDay BuildClassDay(DiaryData data, DayBuilder builder, SchoolClass cls, DateOnly day)
    {
        var students = data.Roster[cls.Id].Where(e => e.IsActiveOn(day)).DistinctBy(e => e.StudentId)
            .Select(e => builder.Build(e, day)).ToList();
        return new ClassDay(cls.Id, builder.ClassName(cls.Id), day, builder.IsSchoolDay(cls.Id, day), students);
    }

    private async Task<(Guid SchoolId, string Name)?> StudentAsync(Guid studentId, CancellationToken ct)
    {
        var s = await db.Students.AsNoTracking().Where(x => x.Id == studentId)
            .Select(x => new { x.SchoolId, x.LastName, x.FirstName }).FirstOrDefaultAsync(ct);
        return s is null ? null : (s.SchoolId, $"{s.LastName} {s.FirstName}");
    }

    /// <summary>The student's days from <paramref name="from"/> to <paramref name="to"/> on which they were in a class.</summary>
    private async Task<List<StudentDay>> StudentDaysAsync(School school, Guid studentId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var classIds = await db.Enrolments.AsNoTracking()
            .Where(e => e.StudentId == studentId && e.From <= to && (e.To == null || e.To >= from))
            .Select(e => e.ClassId).Distinct().ToListAsync(ct);
        if (classIds.Count == 0) return [];
        var classes = await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id)).ToListAsync(ct);
        var years = await YearsAsync(classes.Select(c => c.SchoolYearId), ct);
        var data = await DiaryData.LoadAsync(db, school, classes, years, from, to, DiaryData.Parts.Diary, studentId, ct);
        var builder = new DayBuilder(data);
        var enrolments = classes.SelectMany(c => data.Roster[c.Id]).ToList();

        var days = new List<StudentDay>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            // On a day of transfer the later enrolment is the class the student is in.
            var entry = enrolments.Where(e => e.IsActiveOn(d)).OrderByDescending(e => e.From).FirstOrDefault();
            if (entry is not null) days.Add(builder.Build(entry, d));
        }

        return days;
    }
}
