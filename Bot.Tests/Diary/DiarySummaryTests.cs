using Bot.Domain;
using Bot.Domain.Attendance;
using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Diary;

/// <summary>
/// Marks, attendance (A-2..A-4) and the class teacher's week on the known weeks of <see cref="DiaryWeek"/>, on SQLite
/// (<see cref="DiarySummaryOnSqlite"/>) and PostgreSQL (<see cref="DiarySummaryOnPostgres"/>).
/// </summary>
public abstract class DiarySummaryTests : IAsyncLifetime
{
    private static readonly DateOnly Mon = DiaryWeek.Monday;
    private static readonly DateOnly Fri = DiaryWeek.Day(DayOfWeek.Friday);

    protected TestDatabase Database = null!;
    private DiaryWeek _week = null!;
    private TestSchool S => _week.S;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await using var db = Database.NewContext();
        _week = await DiaryWeek.CreateAsync(Database, await TestSchool.CreateAsync(db));
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    private async Task<T> Query<T>(Func<DiaryQueries, Task<Result<T>>> query, TimeProvider? clock = null)
    {
        await using var db = Database.NewContext();
        return (await query(new DiaryQueries(db, clock ?? S.Clock))).GetValueOrThrow();
    }

    private async Task WithJournal(Func<JournalService, Task> work)
    {
        await using var db = Database.NewContext();
        await work(S.Journal(db));
    }

    private async Task<T> WithJournal<T>(Func<JournalService, Task<T>> work)
    {
        await using var db = Database.NewContext();
        return await work(S.Journal(db));
    }

    // ---- Marks ----

    [Fact]
    public async Task StudentMarks_ThisSemester_BySubjectWithAverageAndSuggestion_M5_M6()
    {
        var marks = await Query(q => q.StudentMarksAsync(S.Ivanenko.Id));
        Assert.Equal((1, "2026-2027"), (marks.Semester, marks.YearTitle));
        Assert.Equal(["Алгебра", "Англійська мова (I група)", "Українська мова"], marks.Subjects.Select(s => s.PageTitle));

        var algebra = marks.Subjects[0];
        Assert.Equal(["9", "10", "8"], algebra.Marks.Select(m => m.Text));   // 13, 16, 18 November
        Assert.Equal((9 + 10 + 8) / 3m, algebra.Average);
        Assert.Equal(["9"], algebra.Thematic.Select(m => m.Text));
        Assert.Equal(MarkValue.FromPoints(9), algebra.Suggested!.Value);
        Assert.Equal([("Зошит", "10")], marks.Subjects[2].Marks.Select(m => (m.ColumnTitle, m.Text)));
        Assert.Equal(10m, marks.Subjects[2].Average);
        Assert.Null(marks.Subjects[1].Suggested); // no thematic mark yet
    }

    [Fact]
    public async Task StudentMarks_AverageHasTwoDecimals()
    {
        var marks = await Query(q => q.StudentMarksAsync(S.Petrenko.Id, 1));
        var algebra = Assert.Single(marks.Subjects);
        Assert.Equal(["6", "7", "6"], algebra.Marks.Select(m => m.Text));
        Assert.Equal(Math.Round((6 + 7 + 6) / 3m, 2), algebra.Average);
        Assert.Equal(6.33m, algebra.Average);
    }

    [Fact]
    public async Task StudentMarks_SemesterMarkAndOtherSemester()
    {
        S.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero)); // in the semester mark's window (M-6, ADR 0033)
        (await WithJournal(j => j.SetCellAsync(Actor.System(), new CellInput(S.Ivanenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Semester1, "9")))).GetValueOrThrow();
        var first = await Query(q => q.StudentMarksAsync(S.Ivanenko.Id, 1));
        Assert.Equal(["І семестр 9"], first.Subjects[0].Final.Select(m => $"{m.ColumnTitle} {m.Text}"));
        Assert.DoesNotContain(first.Subjects[0].Marks, m => m.Column == MarkColumn.Semester1);

        var second = await Query(q => q.StudentMarksAsync(S.Ivanenko.Id, 2));
        Assert.Equal((2, new DateOnly(2027, 1, 12)), (second.Semester, second.From));
        Assert.Empty(second.Subjects);

        // In February, "this semester" is the second one.
        var february = await Query(q => q.StudentMarksAsync(S.Ivanenko.Id), new FakeTimeProvider(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal(2, february.Semester);
    }

    // ---- Attendance ----

    [Fact]
    public async Task ClassAttendance_Week_MatchesTheHandCount_InClassListOrder_A2_A3_J4()
    {
        var week = await Query(q => q.ClassAttendanceAsync(S.Class7A.Id, Mon, Fri));
        Assert.Equal(["Іваненко Олег", "Петренко Марія", "Сидоренко Андрій", "Яковенко Софія", "Антоненко Вікторія"],
            week.Students.Select(s => s.StudentName));
        Assert.Equal([1, 2, 3, 4, 5], week.Students.Select(s => s.Number));

        // Петренко: all of Tuesday "н" (2 lessons, 1 day); Wednesday algebra "хв" and chess "н" — chess is optional, so
        // Wednesday is a whole day missed, "хв". Сидоренко: one lesson "н". Яковенко: one lesson "хв".
        Assert.Equal(
            [default, new AttendanceTotals(2, 1, 1, 1), new AttendanceTotals(1, 0, 0, 0), new AttendanceTotals(0, 1, 0, 0), default],
            week.Students.Select(s => s.Totals));

        var oracle = await DiaryOracle.LoadAsync(Database);
        Assert.All(week.Students, s => Assert.Equal(oracle.Attendance(s.StudentId, S.Class7A.Id, Mon, Fri), s.Totals));
        Assert.Equal(new AttendanceTotals(3, 2, 1, 1), week.Totals);
    }

    [Fact]
    public async Task ClassAttendance_TwoWeeks_NewcomersCountedFromArrival_LeaverOutside()
    {
        var from = DiaryWeek.PreviousMonday;
        var attendance = await Query(q => q.ClassAttendanceAsync(S.Class7A.Id, new DateOnly(2026, 10, 1), Fri));
        // Гнатюк left on 9 October: still on the list of a period he was in the class.
        Assert.Contains("Гнатюк Богдан", attendance.Students.Select(s => s.StudentName));
        var twoWeeks = await Query(q => q.ClassAttendanceAsync(S.Class7A.Id, from, Fri));
        Assert.DoesNotContain("Гнатюк Богдан", twoWeeks.Students.Select(s => s.StudentName));
        var oracle = await DiaryOracle.LoadAsync(Database);
        Assert.All(twoWeeks.Students, s => Assert.Equal(oracle.Attendance(s.StudentId, S.Class7A.Id, from, Fri), s.Totals));
        Assert.All(twoWeeks.Students.Single(s => s.StudentId == _week.Antonenko.Id).Days, d => Assert.True(d.Date >= DiaryWeek.Day(DayOfWeek.Wednesday)));
    }

    [Fact]
    public async Task ClassAttendance_StudentOnIndividualStudy_HasNone_A3()
    {
        await using (var db = Database.NewContext())
        {
            (await db.Students.SingleAsync(s => s.Id == S.Sydorenko.Id)).SetStudyMode(StudyMode.Individual);
            await db.SaveChangesAsync();
        }

        var week = await Query(q => q.ClassAttendanceAsync(S.Class7A.Id, Mon, Fri));
        var row = week.Students.Single(s => s.StudentId == S.Sydorenko.Id);
        Assert.True(row.IndividualStudy);
        Assert.Equal(AttendanceTotals.Zero, row.Totals);
    }

    [Fact]
    public async Task ClassAttendance_ToBeforeFrom_IsAFriendlyNo()
    {
        await using var db = Database.NewContext();
        var result = await new DiaryQueries(db, S.Clock).ClassAttendanceAsync(S.Class7A.Id, Fri, Mon);
        Assert.Equal("period.dates", result.Error!.Code);
    }

    /// <summary>
    /// Сидоренко misses every lesson of both weeks "н": ten school days, 9 – 20 November. The week's mark he has (English,
    /// Tuesday) is cleared first: "н" over a mark is refused (ADR 0029).
    /// </summary>
    private async Task SydorenkoAwayForTwoWeeksAsync()
    {
        var his = _week.Lessons.Where(l => l.GroupId is null || l.GroupId == _week.EnglishGroup2.Id).ToList();
        foreach (var lesson in his)
            foreach (var value in new[] { "", "н" })
            {
                var written = await WithJournal(j => j.SetCellAsync(Actor.System(), new CellInput(S.Sydorenko.Id, S.Class7A.Id, lesson.SubjectId, MarkColumn.Current, value,
                    LessonId: lesson.Id)));
                Assert.True(written.IsSuccess, written.Error?.Message);
            }
    }

    [Fact]
    public async Task AbsencesToReport_TenSchoolDaysInARowWithoutReason_A4()
    {
        await SydorenkoAwayForTwoWeeksAsync();
        var reports = await Query(q => q.AbsencesToReportAsync(S.Class7A.Id, Mon, Fri));
        var report = Assert.Single(reports);
        Assert.Equal(("Сидоренко Андрій", DiaryWeek.PreviousMonday, Fri, 10), (report.StudentName, report.Run.From, report.Run.To, report.Run.Days));

        // The class teacher learns that on Wednesday he was ill: the run breaks into 7 and 2 days, none to report.
        await WithJournal(j => j.SetDayAbsenceKindAsync(S.As(S.ClassTeacher), S.Sydorenko.Id, DiaryWeek.Day(DayOfWeek.Wednesday), AbsenceKind.Ill));
        Assert.Empty(await Query(q => q.AbsencesToReportAsync(S.Class7A.Id, Mon, Fri)));
    }

    // ---- The class teacher's week ----

    [Fact]
    public async Task ClassTeacherWeek_AttendanceMarksAndLessonsWithoutTopic()
    {
        var week = await Query(q => q.ClassTeacherWeekAsync(S.Class7A.Id, DiaryWeek.Day(DayOfWeek.Wednesday)));
        Assert.Equal((Mon, Fri, "7-А"), (week.Monday, week.Friday, week.ClassName));

        var attendance = await Query(q => q.ClassAttendanceAsync(S.Class7A.Id, Mon, Fri));
        Assert.Equal(attendance.Students.Select(s => (s.StudentId, s.Totals)), week.Attendance.Students.Select(s => (s.StudentId, s.Totals)));
        Assert.Empty(week.ToReport);

        // Marks of the week counted by hand from the table: current work only (no thematic or final marks).
        await using var db = Database.NewContext();
        var raw = await db.Marks.AsNoTracking().Where(m => m.ClassId == S.Class7A.Id && m.Date >= Mon && m.Date <= Fri).ToListAsync();
        var subjects = await db.Subjects.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var expected = raw.Where(m => m.Column is not MarkColumn.Thematic && !MarkColumns.IsFinal(m.Column))
            .GroupBy(m => subjects[m.SubjectId])
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), (decimal?)Math.Round((decimal)g.Average(m => m.Value.Points), 2)))
            .ToList();
        Assert.Equal(expected, week.Marks.Select(m => (m.SubjectName, m.Count, m.Average)));
        // Алгебра: 10, 7 (Mon), 8 (Wed), 6 (Fri) → 7.75; the thematic 9 is left out.
        Assert.Equal(("Алгебра", 4, 7.75m), (week.Marks[0].SubjectName, week.Marks[0].Count, week.Marks[0].Average!.Value));

        var untitled = Assert.Single(week.LessonsWithoutTopic);
        Assert.Equal((DiaryWeek.Day(DayOfWeek.Thursday), 1, "Українська мова", "Шевчук Н. О."), (untitled.Date, untitled.Slot, untitled.PageTitle, untitled.TeacherName));
    }

    [Fact]
    public async Task ClassTeacherWeek_ListsTheStudentToReport_A4()
    {
        await SydorenkoAwayForTwoWeeksAsync();
        var week = await Query(q => q.ClassTeacherWeekAsync(S.Class7A.Id, Fri));
        Assert.Equal([(S.Sydorenko.Id, 10)], week.ToReport.Select(r => (r.StudentId, r.Run.Days)));
        var row = week.Attendance.Students.Single(s => s.StudentId == S.Sydorenko.Id);
        Assert.Equal(5, row.Totals.DaysAbsent); // the week's own count: Monday to Friday
    }
}

public sealed class DiarySummaryOnSqlite : DiarySummaryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class DiarySummaryOnPostgres(PostgresServer server) : DiarySummaryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
