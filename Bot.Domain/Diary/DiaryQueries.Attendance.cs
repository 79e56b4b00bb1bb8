using Bot.Domain.Attendance;
using Bot.Domain.Roster;
using Bot.Domain.Schools;

namespace Bot.Domain.Diary;

public sealed partial class DiaryQueries
{
    /// <summary>
    /// A class's attendance from <paramref name="from"/> to <paramref name="to"/> (A-2): per student, missed lessons
    /// and days, "н" and "хв", counting only curriculum lessons, in the order of the class list (J-4). Students
    /// who arrived or left during the period are on it, counted over the days they were in the class.
    /// </summary>
    public async Task<Result<ClassAttendance>> ClassAttendanceAsync(Guid classId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) return DiaryErrors.BadPeriod(from, to);
        var found = await ClassAsync(classId, ct);
        if (found is not { } c) return DiaryErrors.ClassNotFound;
        var data = await AttendanceDataAsync(c, from, to, ct);
        return AttendanceOf(data, c.Class, from, to);
    }

    /// <summary>
    /// the students of the class whom the class teacher must report to the administration: absent without a
    /// valid reason for <see cref="UnexcusedAbsence.ReportThreshold"/> consecutive school days, in a run with a day
    /// from <paramref name="from"/> to <paramref name="to"/>. A run is counted whole from the start of the school year.
    /// </summary>
    public async Task<Result<IReadOnlyList<AbsenceReport>>> AbsencesToReportAsync(Guid classId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) return DiaryErrors.BadPeriod(from, to);
        var found = await ClassAsync(classId, ct);
        if (found is not { } c) return DiaryErrors.ClassNotFound;
        var data = await AttendanceDataAsync(c, Min(c.Year.StartsOn, from), to, ct);
        return Result<IReadOnlyList<AbsenceReport>>.Ok(ReportsOf(data, c.Class, from, to));
    }

    private Task<DiaryData> AttendanceDataAsync((SchoolClass Class, School School, SchoolYear Year) c, DateOnly from, DateOnly to, CancellationToken ct) =>
        DiaryData.LoadAsync(db, c.School, [c.Class], new Dictionary<Guid, SchoolYear> { [c.Year.Id] = c.Year }, from, to,
            DiaryData.Parts.Absences, null, ct);

    /// <summary>Each student of the class in list order with their enrolments in it (a student who left and came back has two).</summary>
    private static IEnumerable<IReadOnlyList<ClassListEntry>> StudentsOf(DiaryData data, Guid classId, DateOnly from, DateOnly to) =>
        data.Roster[classId].Where(e => e.Overlaps(from, to)).GroupBy(e => e.StudentId).Select(g => (IReadOnlyList<ClassListEntry>)g.ToList());

    private static ClassAttendance AttendanceOf(DiaryData data, SchoolClass cls, DateOnly from, DateOnly to)
    {
        var rows = StudentsOf(data, cls.Id, from, to).Select((enrolments, i) =>
        {
            var student = enrolments[0];
            var attendance = data.AttendanceOf(enrolments);
            var days = attendance.Days.Where(d => d.Date >= from && d.Date <= to).ToList();
            return new StudentAttendanceRow(i + 1, student.StudentId, student.FullName, attendance.IndividualStudy,
                attendance.Between(from, to), days);
        }).ToList();
        return new ClassAttendance(cls.Id, cls.Name.ToString(), from, to, rows);
    }

    private static List<AbsenceReport> ReportsOf(DiaryData data, SchoolClass cls, DateOnly from, DateOnly to)
    {
        var students = StudentsOf(data, cls.Id, from, to).ToList();
        var names = students.ToDictionary(s => s[0].StudentId, s => s[0].FullName);
        return AbsenceReports.StudentsToReport(students.Select(s => (s[0].StudentId, data.AttendanceOf(s))), from, to)
            .Select(r => new AbsenceReport(r.StudentId, names[r.StudentId], r.Run))
            .ToList();
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
