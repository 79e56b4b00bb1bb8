using Bot.Domain;
using Bot.Domain.Diary;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Diary;

/// <summary>
/// The diary's days and weeks (J-4..J-9) on the known weeks of <see cref="DiaryWeek"/>, on SQLite
/// (<see cref="DiaryDayOnSqlite"/>) and PostgreSQL (<see cref="DiaryDayOnPostgres"/>).
/// </summary>
public abstract class DiaryDayTests : IAsyncLifetime
{
    private static readonly DateOnly Mon = DiaryWeek.Monday;
    private static readonly DateOnly Tue = DiaryWeek.Day(DayOfWeek.Tuesday);
    private static readonly DateOnly Wed = DiaryWeek.Day(DayOfWeek.Wednesday);
    private static readonly DateOnly Thu = DiaryWeek.Day(DayOfWeek.Thursday);
    private static readonly DateOnly Fri = DiaryWeek.Day(DayOfWeek.Friday);

    protected TestDatabase Database = null!;
    private DiaryWeek _week = null!;
    private TestSchool S => _week.S;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await using (var db = Database.NewContext())
        {
            var s = await TestSchool.CreateAsync(db);
            _week = await DiaryWeek.CreateAsync(Database, s);
        }
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    private async Task<T> Query<T>(Func<DiaryQueries, Task<Result<T>>> query, TimeProvider? clock = null)
    {
        await using var db = Database.NewContext();
        return (await query(new DiaryQueries(db, clock ?? S.Clock))).GetValueOrThrow();
    }

    private Task<StudentDay> Day(Student student, DateOnly? date, TimeProvider? clock = null) =>
        Query(q => q.StudentDayAsync(student.Id, date), clock);

    private static string[] Titles(IEnumerable<DiaryLesson> lessons) => lessons.Select(l => $"{l.Slot} {l.PageTitle}").ToArray();

    private static string[] Titles(DayTimetable? timetable) => timetable!.Slots.Select(s => $"{s.Number} {s.PageTitle}").ToArray();

    // ---- One student's day ----

    [Fact]
    public async Task StudentDay_Monday_LessonsTopicsHomeworkMarks_OnlyOwnGroup_J5_J6()
    {
        var day = await Day(S.Ivanenko, Mon);

        Assert.Equal(("Іваненко Олег", "7-А", true), (day.StudentName, day.ClassName, day.IsSchoolDay));
        Assert.Equal(["1 Українська мова", "2 Алгебра", "3 Англійська мова (I група)"], Titles(day.Lessons));
        var algebra = day.Lessons[1];
        Assert.Equal(("Тема alg 16.11", "Лінійні рівняння", "№ 110, 111"), (algebra.Topic, algebra.ThemeTitle, algebra.Homework));
        Assert.Equal(["10"], algebra.Marks.Select(m => m.Text));
        Assert.Equal((new TimeOnly(9, 25), new TimeOnly(10, 10)), (algebra.Starts!.Value, algebra.Ends!.Value));
        Assert.Null(algebra.Absence);
        var english = day.Lessons[2];
        Assert.Equal("Заміна. Ткаченко А. М.", english.SubstituteNote);
        Assert.Equal("p. 24, ex. 3 Заміна. Ткаченко А. М.", english.HomeworkField); // J-9
    }

    [Fact]
    public async Task StudentDay_ParentsSeeOnlyTheirChildsGroupLessons_J5()
    {
        var group1 = await Day(S.Ivanenko, Mon);
        var group2 = await Day(S.Sydorenko, Mon);
        var noGroup = await Day(_week.Antonenko, Wed);

        Assert.DoesNotContain(group1.Lessons, l => l.GroupId == _week.EnglishGroup2.Id);
        Assert.Equal(["1 Українська мова", "2 Алгебра", "4 Англійська мова (II група)"], Titles(group2.Lessons));
        Assert.Equal("н", group2.Lessons[1].AbsenceText);
        Assert.DoesNotContain(group2.HomeworkDue, h => h.GroupId == S.EnglishGroup1.Id);
        Assert.DoesNotContain(group2.NextSchoolDay!.Slots, s => s.GroupId == S.EnglishGroup1.Id);
        Assert.Equal(["2 Алгебра", "6 Шахи"], Titles(noGroup.Lessons));
    }

    [Fact]
    public async Task StudentDay_HomeworkDue_IsWhatThePreviousLessonOfEachSubjectOfTheDaySet()
    {
        var monday = await Day(S.Ivanenko, Mon);
        Assert.Equal(
            [("Українська мова", "Вправа 50", new DateOnly(2026, 11, 12)), ("Алгебра", "№ 101", new DateOnly(2026, 11, 13)),
             ("Англійська мова (I група)", "p. 20, ex. 1", new DateOnly(2026, 11, 12))],
            monday.HomeworkDue.Select(h => (h.PageTitle, h.Homework, h.SetOn)));

        var tuesday = await Day(S.Petrenko, Tue);
        var english = Assert.Single(tuesday.HomeworkDue, h => h.GroupId == S.EnglishGroup1.Id);
        Assert.Equal(("p. 24, ex. 3", "Заміна. Ткаченко А. М."), (english.Homework, english.SubstituteNote));

        // Wednesday's algebra set nothing, so nothing is due for algebra on Friday, though Monday's lesson set some.
        Assert.Empty((await Day(S.Ivanenko, Fri)).HomeworkDue);
        // Tuesday's English II set nothing: on Thursday group II has only Ukrainian due.
        Assert.Equal(["Вправа 60"], (await Day(S.Sydorenko, Thu)).HomeworkDue.Select(h => h.Homework));
    }

    [Fact]
    public async Task StudentDay_DatelessMarksPlacedThatDay_AreShown_M3()
    {
        var thursday = await Day(S.Ivanenko, Thu);
        var notebook = Assert.Single(thursday.DatelessMarks);
        Assert.Equal(("Зошит", "10", "Українська мова"), (notebook.ColumnTitle, notebook.Text, notebook.PageTitle));
        var friday = await Day(S.Ivanenko, Fri);
        Assert.Equal(["Тематична 9"], friday.DatelessMarks.Select(m => $"{m.ColumnTitle} {m.Text}"));
        // Friday's algebra lesson has no mark of Іваненко; the thematic mark stands beside it, not on it.
        Assert.Empty(friday.Lessons.Single().Marks);
        Assert.Equal(["Тематична 9"], friday.AllMarks.Select(m => $"{m.ColumnTitle} {m.Text}"));
    }

    [Fact]
    public async Task StudentDay_NextSchoolDay_AfterFriday_IsMonday()
    {
        var friday = await Day(S.Ivanenko, Fri);
        Assert.Equal(new DateOnly(2026, 11, 23), friday.NextSchoolDay!.Date);
        Assert.Equal(["1 Українська мова", "2 Алгебра", "3 Англійська мова (I група)"], Titles(friday.NextSchoolDay));
        Assert.Equal(new TimeOnly(8, 30), friday.NextSchoolDay.Slots[0].Starts);
    }

    [Fact]
    public async Task StudentDay_NextSchoolDay_SkipsTheHolidays()
    {
        // Autumn holiday 26 October – 1 November: after Friday 23 October comes Monday 2 November.
        var beforeAutumn = await Day(S.Ivanenko, new DateOnly(2026, 10, 23));
        Assert.Equal(new DateOnly(2026, 11, 2), beforeAutumn.NextSchoolDay!.Date);
        // Semester I ends on 26 December, semester II starts on Tuesday 12 January.
        var beforeWinter = await Day(S.Ivanenko, new DateOnly(2026, 12, 25));
        Assert.Equal(new DateOnly(2027, 1, 12), beforeWinter.NextSchoolDay!.Date);
        Assert.Equal(["1 Українська мова", "3 Англійська мова (I група)"], Titles(beforeWinter.NextSchoolDay));
        // After the last school day of the year there is none.
        Assert.Null((await Day(S.Ivanenko, new DateOnly(2027, 5, 28))).NextSchoolDay);
        // A day of the holiday itself: no timetable, not a school day.
        var holiday = await Day(S.Ivanenko, new DateOnly(2026, 10, 28));
        Assert.False(holiday.IsSchoolDay);
        Assert.Empty(holiday.Timetable.Slots);
        Assert.Empty(holiday.HomeworkDue);
    }

    [Fact]
    public async Task StudentDay_Today_IsTheSchoolsLocalDate()
    {
        // 22:30 UTC on Friday is 00:30 on Saturday in Kyiv (UTC+2 in November).
        var saturday = await Day(S.Ivanenko, null, new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 22, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 21), saturday.Date);
        Assert.False(saturday.IsSchoolDay);
        Assert.Equal(new DateOnly(2026, 11, 23), saturday.NextSchoolDay!.Date);

        var friday = await Day(S.Ivanenko, null, new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 21, 30, 0, TimeSpan.Zero)));
        Assert.Equal(Fri, friday.Date);
    }

    [Fact]
    public async Task StudentDay_StudentNotInAClassThatDay_IsAFriendlyNo_J4()
    {
        await using var db = Database.NewContext();
        var q = new DiaryQueries(db, S.Clock);
        var leaver = await q.StudentDayAsync(S.Leaver.Id, Mon);              // left on 9 October
        Assert.Equal("student.no_class", leaver.Error!.Code);
        Assert.Contains("Гнатюк Богдан", leaver.Error.Message);
        Assert.Equal("student.no_class", (await q.StudentDayAsync(S.Newcomer.Id, DiaryWeek.PreviousMonday)).Error!.Code);
        Assert.Equal("not_found", (await q.StudentDayAsync(Guid.NewGuid(), Mon)).Error!.Code);
    }

    // ---- A week ----

    [Fact]
    public async Task StudentWeek_MondayToFriday_NewcomerFromTheDayOfArrival_J4()
    {
        var week = await Query(q => q.StudentWeekAsync(S.Ivanenko.Id, Thu));
        Assert.Equal(Mon, week.Monday);
        Assert.Equal([Mon, Tue, Wed, Thu, Fri], week.Days.Select(d => d.Date));
        Assert.Equal([3, 2, 2, 2, 1], week.Days.Select(d => d.Lessons.Count));

        var newcomer = await Query(q => q.StudentWeekAsync(_week.Antonenko.Id, Mon));
        Assert.Equal([Wed, Thu, Fri], newcomer.Days.Select(d => d.Date));
    }

    [Fact]
    public async Task StudentWeek_EveryDayEqualsTheDayQuery()
    {
        var week = await Query(q => q.StudentWeekAsync(S.Petrenko.Id, Fri));
        foreach (var day in week.Days)
        {
            var single = await Day(S.Petrenko, day.Date);
            Assert.Equal(Describe(single), Describe(day));
        }
    }

    // ---- A class's and a school's day ----

    [Fact]
    public async Task ClassDay_StudentsInClassListOrder_LaterArrivalsAtTheEnd_J4()
    {
        var monday = await Query(q => q.ClassDayAsync(S.Class7A.Id, Mon));
        Assert.Equal(["Іваненко Олег", "Петренко Марія", "Сидоренко Андрій", "Яковенко Софія"], monday.Students.Select(s => s.StudentName));
        var wednesday = await Query(q => q.ClassDayAsync(S.Class7A.Id, Wed));
        Assert.Equal(["Іваненко Олег", "Петренко Марія", "Сидоренко Андрій", "Яковенко Софія", "Антоненко Вікторія"],
            wednesday.Students.Select(s => s.StudentName));
    }

    [Fact]
    public async Task ClassDay_EveryStudentsDay_MatchesTheHandComputation()
    {
        var oracle = await DiaryOracle.LoadAsync(Database);
        for (var date = DiaryWeek.PreviousMonday; date <= Fri; date = date.AddDays(1))
        {
            var day = await Query(q => q.ClassDayAsync(S.Class7A.Id, date));
            Assert.Equal(oracle.StudentsOn(S.Class7A.Id, date).Order(), day.Students.Select(s => s.StudentId).Order());
            foreach (var student in day.Students)
            {
                var expected = oracle.LessonsOf(student.StudentId, S.Class7A.Id, date);
                Assert.Equal(expected.Select(l => l.Id), student.Lessons.Select(l => l.LessonId));
                Assert.Equal(expected.Select(l => (oracle.AbsenceOn(student.StudentId, l.Id), string.Join(",", oracle.MarksOn(student.StudentId, l.Id)))),
                    student.Lessons.Select(l => (l.AbsenceText, string.Join(",", l.Marks.Select(m => m.Text)))));
                Assert.Equal(oracle.DatelessMarks(student.StudentId, date), student.DatelessMarks.Select(m => $"{m.Column}:{m.Text}").Order());
                Assert.Equal(oracle.HomeworkDue(student.StudentId, S.Class7A.Id, date), student.HomeworkDue.Select(h => h.SetOnLessonId).Order());
            }
        }
    }

    [Fact]
    public async Task ClassDay_EachStudentsDay_EqualsTheirOwnDay()
    {
        var day = await Query(q => q.ClassDayAsync(S.Class7A.Id, Tue));
        foreach (var student in day.Students)
            Assert.Equal(Describe(await Query(q => q.StudentDayAsync(student.StudentId, Tue))), Describe(student));
    }

    [Fact]
    public async Task SchoolDay_AllClassesByGrade_EachEqualsItsClassDay()
    {
        var school = await Query(q => q.SchoolDayAsync(S.School.Id, Mon));
        Assert.Equal(["1-А", "3-А", "7-А", "11-А"], school.Classes.Select(c => c.ClassName));
        Assert.Equal(7, school.StudentCount);
        foreach (var cls in school.Classes)
        {
            var single = await Query(q => q.ClassDayAsync(cls.ClassId, Mon));
            Assert.Equal(single.Students.Select(Describe), cls.Students.Select(Describe));
        }

        var summer = await Query(q => q.SchoolDayAsync(S.School.Id, new DateOnly(2027, 7, 1)));
        Assert.Empty(summer.Classes);
    }

    /// <summary>A day as text, to compare two records with lists inside.</summary>
    private static string Describe(StudentDay d) =>
        $"{d.StudentId} {d.Date} {d.IsSchoolDay} | " +
        string.Join("; ", d.Lessons.Select(l => $"{l.Slot} {l.PageTitle} {l.Topic} {l.HomeworkField} [{string.Join(",", l.Marks.Select(m => m.Text))}] {l.AbsenceText}")) +
        " | " + string.Join("; ", d.DatelessMarks.Select(m => $"{m.ColumnTitle} {m.Text}")) +
        " | " + string.Join("; ", d.HomeworkDue.Select(h => $"{h.PageTitle} {h.Homework}")) +
        " | " + string.Join("; ", d.Timetable.Slots.Select(s => $"{s.Number} {s.PageTitle}")) +
        " | " + d.NextSchoolDay?.Date + " " + string.Join("; ", d.NextSchoolDay?.Slots.Select(s => $"{s.Number} {s.PageTitle}") ?? []);
}

public sealed class DiaryDayOnSqlite : DiaryDayTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class DiaryDayOnPostgres(PostgresServer server) : DiaryDayTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
