using Bot.Domain.Attendance;
using Bot.Domain.Grading;
using Bot.Domain.Roster;
using Bot.Domain.Schools;

namespace Bot.Tests.Attendance;

/// <summary>Worked examples of the attendance rules (docs/rules.md A-1..A-4) on the pure computations.</summary>
public class StudentAttendanceTests
{
    private static readonly DateOnly Monday = new(2026, 11, 16);

    /// <summary>A day of lessons: <paramref name="count"/> curriculum lessons (and optional ones), with fresh ids.</summary>
    private static List<ExpectedLesson> Day(DateOnly date, int count, int optional = 0) =>
        Enumerable.Range(0, count).Select(_ => new ExpectedLesson(Guid.NewGuid(), date, SubjectKind.Regular))
            .Concat(Enumerable.Range(0, optional).Select(_ => new ExpectedLesson(Guid.NewGuid(), date, SubjectKind.Optional)))
            .ToList();

    private static IEnumerable<MissedLesson> Miss(IEnumerable<ExpectedLesson> lessons, AbsenceKind kind = AbsenceKind.Absent) =>
        lessons.Select(l => new MissedLesson(l.LessonId, kind));

    [Fact]
    public void AllLessonsOfTheDayMissed_IsOneMissedDay_A2()
    {
        var monday = Day(Monday, 6);
        var a = StudentAttendance.Compute(monday, Miss(monday));
        Assert.Equal(new AttendanceTotals(LessonsAbsent: 6, LessonsIll: 0, DaysAbsent: 1, DaysIll: 0), a.Totals);
        Assert.Equal(6, a.Totals.Lessons);
        Assert.Equal(1, a.Totals.Days);
    }

    [Fact]
    public void OneLessonAttended_IsNotAMissedDay_OnlyMissedLessons_A2()
    {
        var monday = Day(Monday, 6);
        var a = StudentAttendance.Compute(monday, Miss(monday.Take(5)));
        Assert.Equal(new AttendanceTotals(5, 0, 0, 0), a.Totals);
        Assert.False(a.Days.Single().IsMissedDay);
    }

    [Fact]
    public void DayAllIll_IsAnIllDay_AndOneAbsentAmongIll_MakesItAnAbsentDay_A1_A2()
    {
        var monday = Day(Monday, 3);
        var tuesday = Day(Monday.AddDays(1), 3);
        var absences = Miss(monday, AbsenceKind.Ill)
            .Concat(Miss(tuesday.Take(2), AbsenceKind.Ill)).Concat(Miss(tuesday.Skip(2), AbsenceKind.Absent));
        var a = StudentAttendance.Compute(monday.Concat(tuesday), absences);
        // Monday: 3 хв → an "хв" day. Tuesday: 2 хв + 1 н → an "н" day.
        Assert.Equal(new AttendanceTotals(LessonsAbsent: 1, LessonsIll: 5, DaysAbsent: 1, DaysIll: 1), a.Totals);
        Assert.Equal([AbsenceKind.Ill, AbsenceKind.Absent], a.Days.Select(d => d.MissedDayKind!.Value));
    }

    [Fact]
    public void OptionalCourse_DoesNotCount_NeitherItsLessonNorItsAbsence_A3()
    {
        // Monday: 4 curriculum lessons missed, the optional chess course after them attended: still a missed day.
        var monday = Day(Monday, 4, optional: 1);
        var a = StudentAttendance.Compute(monday, Miss(monday.Where(l => l.Counts)));
        Assert.Equal(new AttendanceTotals(4, 0, 1, 0), a.Totals);
        Assert.Equal(4, a.Days.Single().Expected);

        // Tuesday: the optional course missed, every curriculum lesson attended: nothing counts.
        var tuesday = Day(Monday.AddDays(1), 4, optional: 1);
        var b = StudentAttendance.Compute(tuesday, Miss(tuesday.Where(l => !l.Counts)));
        Assert.Equal(AttendanceTotals.Zero, b.Totals);
    }

    [Fact]
    public void StudentOnIndividualStudy_HasNoAbsences_A3()
    {
        var monday = Day(Monday, 5);
        var a = StudentAttendance.Compute(monday, Miss(monday), StudyMode.Individual);
        Assert.True(a.IndividualStudy);
        Assert.Equal(AttendanceTotals.Zero, a.Totals);
        Assert.Empty(a.Days);
    }

    [Fact]
    public void AbsenceFromALessonTheStudentWasNotExpectedAt_IsIgnored()
    {
        var monday = Day(Monday, 2);
        var a = StudentAttendance.Compute(monday, [new MissedLesson(Guid.NewGuid(), AbsenceKind.Absent)]);
        Assert.Equal(AttendanceTotals.Zero, a.Totals);
    }

    [Fact]
    public void MonthAndSemesterSums_A2()
    {
        var year = new SchoolYear(Guid.NewGuid(), new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30));
        var oct = Day(new DateOnly(2026, 10, 20), 5);         // whole day "н": 5 lessons, 1 day
        var nov1 = Day(new DateOnly(2026, 11, 3), 5);         // 2 lessons "хв"
        var nov2 = Day(new DateOnly(2026, 11, 4), 4);         // whole day "хв": 4 lessons, 1 day
        var feb = Day(new DateOnly(2027, 2, 10), 6);          // 1 lesson "н"
        var absences = Miss(oct).Concat(Miss(nov1.Take(2), AbsenceKind.Ill)).Concat(Miss(nov2, AbsenceKind.Ill)).Concat(Miss(feb.Take(1)));
        var a = StudentAttendance.Compute(oct.Concat(nov1).Concat(nov2).Concat(feb), absences);

        Assert.Equal(
            [
                new MonthAttendance(2026, 10, new AttendanceTotals(5, 0, 1, 0)),
                new MonthAttendance(2026, 11, new AttendanceTotals(0, 6, 0, 1)),
                new MonthAttendance(2027, 2, new AttendanceTotals(1, 0, 0, 0)),
            ],
            a.ByMonth());
        Assert.Equal(new AttendanceTotals(5, 6, 1, 1), a.Semester(year, 1));
        Assert.Equal(new AttendanceTotals(1, 0, 0, 0), a.Semester(year, 2));
        Assert.Equal(a.Totals, a.Semester(year, 1) + a.Semester(year, 2));
        Assert.Equal(new AttendanceTotals(0, 6, 0, 1), a.Between(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
    }

    // ---- ten consecutive school days without a valid reason ----

    /// <summary>School days from <paramref name="first"/>: weekdays, skipping the dates in <paramref name="skip"/>.</summary>
    private static List<DateOnly> SchoolDays(DateOnly first, int count, params DateOnly[] skip)
    {
        var days = new List<DateOnly>();
        for (var d = first; days.Count < count; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !skip.Contains(d)) days.Add(d);
        return days;
    }

    /// <summary>
    /// A student's lessons on <paramref name="days"/> (3 a day); <paramref name="missed"/> says, per day, "н", "хв",
    /// "" (came) or "½" (missed one lesson of three, "н").
    /// </summary>
    private static StudentAttendance Pattern(IReadOnlyList<DateOnly> days, params string[] missed)
    {
        var lessons = new List<ExpectedLesson>();
        var absences = new List<MissedLesson>();
        for (var i = 0; i < days.Count; i++)
        {
            var day = Day(days[i], 3);
            lessons.AddRange(day);
            var kind = i < missed.Length ? missed[i] : "";
            absences.AddRange(kind switch
            {
                "н" => Miss(day),
                "хв" => Miss(day, AbsenceKind.Ill),
                "½" => Miss(day.Take(1)),
                _ => [],
            });
        }

        return StudentAttendance.Compute(lessons, absences);
    }

    private static string[] Repeat(string kind, int n) => Enumerable.Repeat(kind, n).ToArray();

    [Fact]
    public void TenConsecutiveAbsentDays_OverWeekendsAndAHoliday_MustBeReported_A4()
    {
        // From Thursday 22 October 2026: the autumn holiday (26 October – 1 November) and three weekends in between
        // neither break nor extend the run: ten school days, 22 October to 11 November.
        var holiday = Enumerable.Range(0, 5).Select(i => new DateOnly(2026, 10, 26).AddDays(i)).ToArray();
        var days = SchoolDays(new DateOnly(2026, 10, 22), 12, holiday);
        var a = Pattern(days, Repeat("н", 10));

        var run = Assert.Single(a.UnexcusedRuns());
        Assert.Equal((new DateOnly(2026, 10, 22), new DateOnly(2026, 11, 11), 10), (run.From, run.To, run.Days));
        Assert.True(run.MustBeReported);
        Assert.False(run.EndsTheRecord); // the student came back on 12 November
    }

    [Fact]
    public void NineConsecutiveAbsentDays_AreNotReported_A4()
    {
        var a = Pattern(SchoolDays(Monday, 10), Repeat("н", 9));
        Assert.Equal(9, a.LongestUnexcusedRun()!.Days);
        Assert.False(a.LongestUnexcusedRun()!.MustBeReported);
    }

    [Fact]
    public void TenAbsentDaysInAPeriod_ButNotInARow_AreNotReported_A4()
    {
        // Five days away, one day at school, five days away: ten "н" days in the month, but no ten in a row.
        var a = Pattern(SchoolDays(Monday, 11), [.. Repeat("н", 5), "", .. Repeat("н", 5)]);
        Assert.Equal(10, a.Totals.DaysAbsent);
        Assert.Equal([5, 5], a.UnexcusedRuns().Select(r => r.Days));
        Assert.Empty(AbsenceReports.StudentsToReport([(Guid.NewGuid(), a)], Monday, Monday.AddDays(30)));
    }

    [Fact]
    public void PartDayAtSchool_OrAnIllDay_BreaksTheRun_A4()
    {
        var partDay = Pattern(SchoolDays(Monday, 11), [.. Repeat("н", 5), "½", .. Repeat("н", 5)]);
        Assert.Equal([5, 5], partDay.UnexcusedRuns().Select(r => r.Days));
        var illDay = Pattern(SchoolDays(Monday, 11), [.. Repeat("н", 5), "хв", .. Repeat("н", 5)]);
        Assert.Equal([5, 5], illDay.UnexcusedRuns().Select(r => r.Days));
    }

    [Fact]
    public void TenIllDays_AreNotReported_TheyHaveAValidReason_A4()
    {
        var a = Pattern(SchoolDays(Monday, 10), Repeat("хв", 10));
        Assert.Equal(10, a.Totals.DaysIll);
        Assert.Empty(a.UnexcusedRuns());
    }

    [Fact]
    public void StudentsToReport_ListsOnlyRunsOfTenThatTouchThePeriod_LongestFirst_A4()
    {
        var days = SchoolDays(new DateOnly(2026, 11, 2), 20); // 2 – 27 November
        var twelve = Guid.NewGuid();
        var ten = Guid.NewGuid();
        var nine = Guid.NewGuid();
        var earlier = Guid.NewGuid();
        var students = new[]
        {
            (ten, Pattern(days, [.. Repeat("", 10), .. Repeat("н", 10)])),          // 16 – 27 November, still away
            (nine, Pattern(days, [.. Repeat("", 11), .. Repeat("н", 9)])),
            (twelve, Pattern(days, [.. Repeat("", 8), .. Repeat("н", 12)])),        // 12 – 27 November
            (earlier, Pattern(days, [.. Repeat("н", 10), .. Repeat("", 10)])),      // 2 – 13 November, back since
        };

        var week = AbsenceReports.StudentsToReport(students, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 27));
        Assert.Equal([(twelve, 12), (ten, 10)], week.Select(r => (r.StudentId, r.Run.Days)));
        Assert.All(week, r => Assert.True(r.Run.EndsTheRecord));

        var month = AbsenceReports.StudentsToReport(students, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        Assert.Equal(new[] { twelve, ten, earlier }.Order(), month.Select(r => r.StudentId).Order());
    }
}
