using Bot.Domain.Audit;
using Bot.Domain.Demo;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Demo;

/// <summary>
/// The demo journal re-checked against the rules, entry by entry, independently of how it was generated: every
/// mark and absence is one the journal would have accepted from its teacher that day.
/// </summary>
[Collection(DemoSchoolCollection.Name)]
public sealed class DemoJournalTests(DemoSchoolFixture demo)
{
    private static readonly DateOnly Today = DemoSchoolFixture.Today;

    [Fact]
    public void EveryMark_ParsesForItsGradeColumnAndSubject_M1_M3_M11_J10()
    {
        Assert.NotEmpty(demo.Marks);
        foreach (var mark in demo.Marks)
        {
            var cls = demo.ClassOf(mark.ClassId);
            var subject = demo.SubjectOf(mark.SubjectId);
            var student = demo.StudentOf(mark.StudentId);
            var parsed = CellParser.Parse(mark.Value.Text, cls.Grade, mark.Column, subject.Traits, student.StudyMode == StudyMode.Individual);
            Assert.True(parsed.IsSuccess, $"{cls.Name} {subject.Name} {mark.Column} «{mark.Value.Text}»: {parsed.Error?.Message}");
            Assert.Equal(mark.Value, Assert.IsType<MarkCell>(parsed.Value).Value);
            Assert.NotEqual(SubjectKind.Optional, subject.Kind);
        }
    }

    [Fact]
    public void EveryMark_IsOnASchoolDayUpToToday_WhileTheStudentIsInTheClassAndGroup_J4_J5_J7()
    {
        foreach (var mark in demo.Marks)
        {
            var where = $"{demo.ClassOf(mark.ClassId).Name} {demo.SubjectOf(mark.SubjectId).Name} {mark.Column} {mark.Date}";
            Assert.True(demo.Year.IsSchoolDay(mark.Date) && mark.Date <= Today, where);
            Assert.True(demo.EnrolmentsOf(mark.StudentId).Any(e => e.ClassId == mark.ClassId && e.IsActiveOn(mark.Date)), where);
            if (mark.GroupId is { } group) Assert.True(demo.InGroup(group, mark.StudentId), where);
            if (mark.Column != MarkColumn.Current)
            {
                Assert.Null(mark.LessonId);
                continue;
            }

            var lesson = demo.LessonOf(mark.LessonId!.Value);
            Assert.NotNull(lesson);
            Assert.Equal((lesson.ClassId, lesson.SubjectId, lesson.GroupId, lesson.Date), (mark.ClassId, mark.SubjectId, mark.GroupId, mark.Date));
            if (lesson.GroupId is { } g) Assert.True(demo.InGroup(g, mark.StudentId), where);
        }
    }

    [Fact]
    public void EveryMarkAndAbsence_WasWrittenOnTheLessonsDay_NeverAhead_J7_M2()
    {
        var zone = SchoolTime.Resolve(demo.School.TimeZone);
        DateOnly Local(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));
        Assert.All(demo.Marks.Where(m => m.Column == MarkColumn.Current), m => Assert.Equal(m.Date, Local(m.CreatedAtUtc)));
        Assert.All(demo.Marks.Where(m => m.Column != MarkColumn.Current), m => Assert.InRange(Local(m.CreatedAtUtc).DayNumber - m.Date.DayNumber, 0, 10));
        Assert.All(demo.Absences, a => Assert.Equal(a.Date, Local(a.CreatedAtUtc)));
    }

    [Fact]
    public void EveryAbsence_IsOnALessonOfTheStudent_AndNeverOfAStudentOnIndividualStudy_A1_A3()
    {
        Assert.NotEmpty(demo.Absences);
        foreach (var absence in demo.Absences)
        {
            var lesson = demo.LessonOf(absence.LessonId);
            Assert.NotNull(lesson);
            Assert.Equal((lesson.ClassId, lesson.SubjectId, lesson.Date), (absence.ClassId, absence.SubjectId, absence.Date));
            var student = demo.StudentOf(absence.StudentId);
            var parsed = CellParser.Parse(AbsenceKinds.Text(absence.Kind), demo.ClassOf(absence.ClassId).Grade, MarkColumn.Current,
                demo.SubjectOf(absence.SubjectId).Traits, student.StudyMode == StudyMode.Individual);
            Assert.True(parsed.IsSuccess, parsed.Error?.Message);
            Assert.Contains(student, demo.StudentsOf(lesson));
        }
    }

    [Fact]
    public void Lessons_AreNumberedInDateOrder_OnSchoolDays_WithTopics_AndThemeTitles_J6_J7()
    {
        foreach (var page in demo.Lessons.GroupBy(l => (l.ClassId, l.SubjectId, l.GroupId)))
        {
            var ordered = page.OrderBy(l => l.Date).ThenBy(l => l.Slot).ToList();
            Assert.Equal(Enumerable.Range(1, ordered.Count), ordered.Select(l => l.Number));
            Assert.NotNull(ordered[0].ThemeTitle);
        }

        Assert.All(demo.Lessons, l => Assert.True(demo.Year.IsSchoolDay(l.Date) && l.Date <= Today && l.Topic.Length > 3, $"{l.Date} {l.Topic}"));
        Assert.Contains(demo.Lessons, l => l.Topic.StartsWith("Контрольна робота", StringComparison.Ordinal));
        Assert.Contains(demo.Lessons, l => l.Topic.Contains("Інструктаж з БЖД", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTimetableLesson_OfEverySchoolDay_IsRecorded()
    {
        var days = Enumerable.Range(0, Today.DayNumber - demo.Year.Semester1Start.DayNumber + 1)
            .Select(i => demo.Year.Semester1Start.AddDays(i)).Where(demo.Year.IsSchoolDay).ToList();
        var expected = days.Sum(d => demo.Timetable.Count(t => t.AppliesOn(d)));
        Assert.Equal(expected, demo.Lessons.Count);
    }

    [Fact]
    public void Homework_NoneInGrade1_CreativeOnlyInGrade2_NoneForTheOptionalCourse_J8_J10()
    {
        Assert.All(demo.Lessons.Where(l => demo.ClassOf(l.ClassId).Grade == 1), l => Assert.Null(l.Homework));
        Assert.All(demo.Lessons.Where(l => demo.SubjectOf(l.SubjectId).Kind == SubjectKind.Optional), l => Assert.Null(l.Homework));
        Assert.All(demo.Lessons.Where(l => demo.ClassOf(l.ClassId).Grade == 2 && l.Homework is not null),
            l => Assert.StartsWith("За бажанням", l.Homework));
        Assert.True(demo.Lessons.Count(l => l.Homework is not null) > demo.Lessons.Count / 3);
    }

    [Fact]
    public void Substitutions_AreHeldByAnotherTeacher_WithTheNote_J9()
    {
        var substituted = demo.Lessons.Where(l => l.SubstituteNote is not null).ToList();
        Assert.NotEmpty(substituted);
        foreach (var lesson in substituted)
        {
            var substitute = demo.Staff.Single(s => s.Id == lesson.TeacherId);
            Assert.Equal($"Заміна. {substitute.ShortName}", lesson.SubstituteNote);
            Assert.DoesNotContain(demo.Assignments, a => a.TeacherId == substitute.Id && a.Covers(lesson.ClassId, lesson.SubjectId, lesson.GroupId));
        }
    }

    [Fact]
    public void Marks_AboutAQuarterToTwoFifthsOfStudentLessons_OnEachScale_WithKindsOfWork_M1_M5()
    {
        var studentLessons = demo.Lessons.Where(l => demo.SubjectOf(l.SubjectId).Kind != SubjectKind.Optional).Sum(l => demo.StudentsOf(l).Count());
        var current = demo.Marks.Where(m => m.Column == MarkColumn.Current).ToList();
        Assert.InRange(current.Count / (double)studentLessons, 0.25, 0.45);
        Assert.Contains(current, m => m.Value.Kind == MarkKind.Formed);
        Assert.Contains(current, m => m.Value.Kind == MarkKind.Level);
        Assert.Contains(current, m => m.Value.Kind == MarkKind.Credited);
        var points = current.Where(m => m.Value.IsNumeric).Select(m => m.Value.Points).ToList();
        Assert.InRange(points.Average(), 6.0, 9.0);
        Assert.Equal(12, points.Distinct().Count());
        Assert.Superset(new HashSet<string?> { "контрольна", "самостійна", "практична", "лабораторна" }, current.Select(m => m.WorkKind).ToHashSet());
    }

    [Fact]
    public void ThematicMarks_AreTheSuggestedOnes_AtTheThemesLastLesson_AndNotebooksAtMonthEnd_M3_M5()
    {
        var thematic = demo.Marks.Where(m => m.Column == MarkColumn.Thematic).ToList();
        Assert.NotEmpty(thematic);
        Assert.All(thematic, m => Assert.True(demo.ClassOf(m.ClassId).Grade >= 5));
        var lastLessons = demo.Lessons.Select(l => (l.ClassId, l.SubjectId, l.GroupId, l.Date)).ToHashSet();
        Assert.All(thematic, m => Assert.Contains((m.ClassId, m.SubjectId, m.GroupId, m.Date), lastLessons));

        var notebooks = demo.Marks.Where(m => m.Column == MarkColumn.Notebook).ToList();
        Assert.NotEmpty(notebooks);
        Assert.Equal([9, 10], notebooks.Select(m => m.Date.Month).Distinct().Order());
        Assert.All(notebooks, m => Assert.NotEqual(NotebookPolicy.NotApplicable, demo.SubjectOf(m.SubjectId).Notebook));
        Assert.DoesNotContain(demo.Marks, m => MarkColumns.IsFinal(m.Column)); // 20 November: no semester has ended
    }

    [Fact]
    public void Absences_AboutOneInTwenty_WithWholeDaysMissed_AndATruantForTheAdministration_A2_A4()
    {
        var studentLessons = demo.Lessons.Sum(l => demo.StudentsOf(l).Count());
        Assert.InRange(demo.Absences.Count / (double)studentLessons, 0.03, 0.07);
        Assert.Contains(demo.Absences, a => a.Kind == AbsenceKind.Ill);
        Assert.Contains(demo.Absences, a => a.Kind == AbsenceKind.Absent);

        // a missed day is one on which the student missed every lesson they had.
        var absent = demo.Absences.ToLookup(a => (a.StudentId, a.Date));
        var days = demo.Lessons.SelectMany(l => demo.StudentsOf(l).Select(s => (Student: s.Id, l.Date)))
            .GroupBy(x => (x.Student, x.Date))
            .Select(g => (g.Key.Student, g.Key.Date, Absences: absent[(g.Key.Student, g.Key.Date)].ToList(), Lessons: g.Count()))
            .ToList();
        var missed = days.Where(d => d.Absences.Count == d.Lessons).ToList();
        Assert.True(missed.Count > 100, $"{missed.Count} missed days");

        // A-4 (ADR 0005): ten school days in a row missed without a valid reason ("н") are reported to the administration.
        var longestRun = days.GroupBy(d => d.Student).Max(student =>
        {
            int run = 0, longest = 0;
            foreach (var day in student.OrderBy(d => d.Date))
            {
                run = day.Absences.Count == day.Lessons && day.Absences.Any(a => a.Kind == AbsenceKind.Absent) ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }

            return longest;
        });
        Assert.True(longestRun >= 10, $"the longest run of unexcused missed days: {longestRun}");
    }

    [Fact]
    public void ClassTeachers_TurnedSomeAbsencesIntoIllness_A1()
    {
        var changed = demo.Absences.Where(a => a.UpdatedById != a.CreatedById).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, a =>
        {
            Assert.Equal(AbsenceKind.Ill, a.Kind);
            Assert.Equal(demo.ClassOf(a.ClassId).ClassTeacherId, a.UpdatedById);
        });
    }

    [Fact]
    public async Task AuditChain_IsIntact_AndHasEveryEntry_InTimeOrder()
    {
        await demo.Database.SealAsync(); // the seeding writes them unsealed; the sealer chains them (ADR 0037)
        await using var db = demo.Database.NewContext();
        var verdict = await new AuditVerifier(db).VerifyAsync(demo.School.Id);
        Assert.True(verdict.IsIntact, verdict.Problem);
        Assert.Equal(demo.Summary.AuditRecords, verdict.Checked);
        Assert.True(verdict.Checked > demo.Lessons.Count + demo.Marks.Count + demo.Absences.Count);
        var times = await db.AuditRecords.InWrittenOrder().Select(r => r.AtUtc).ToListAsync();
        Assert.Equal(times.Order(), times);
        Assert.All(await db.AuditRecords.Where(r => r.EntityType == "Mark").Select(r => r.Channel).Distinct().ToListAsync(), c => Assert.Equal(Channel.System, c));
    }

    [Fact]
    public async Task Outbox_IsEmpty_SeedingHistoryAlertsNobody()
    {
        await using var db = demo.Database.NewContext();
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [Fact]
    public async Task SeedingAgain_DoesNothing_AndSaysSo()
    {
        await using var db = demo.Database.NewContext();
        var again = await DemoSchool.SeedAsync(db, new DemoSchoolOptions { Today = Today });
        Assert.True(again.AlreadySeeded);
        Assert.Equal(demo.Summary with { AlreadySeeded = true, Elapsed = TimeSpan.Zero }, again);
        Assert.Contains("уже є", again.Describe());
        Assert.Equal(1, await db.Schools.CountAsync());
    }
}
