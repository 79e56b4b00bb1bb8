using Bot.Domain.Grading;
using Bot.Domain.Roster;

namespace Bot.Tests.Demo;

/// <summary>The demo school's people, classes, subjects and timetable (seeded once, see <see cref="DemoSchoolFixture"/>).</summary>
[Collection(DemoSchoolCollection.Name)]
public sealed class DemoRosterTests(DemoSchoolFixture demo)
{
    [Fact]
    public void Summary_CountsAreThoseOfARealisticSchool()
    {
        var s = demo.Summary;
        Assert.False(s.AlreadySeeded);
        Assert.Equal("2026-2027", s.Year);
        Assert.Equal(33, s.Classes);
        Assert.InRange(s.Students, 500, 700);
        Assert.InRange(s.Guardians, s.Students, 2 * s.Students);
        Assert.InRange(s.Staff, 45, 60);
        Assert.InRange(s.Lessons, 9_000, 14_000);
        Assert.Equal(demo.Lessons.Count, s.Lessons);
        Assert.Equal(demo.Marks.Count, s.Marks);
        Assert.Equal(demo.Absences.Count, s.Absences);
    }

    [Fact]
    public void Classes_AreTheThirtyThreeNamedOnes()
    {
        string[] expected =
        [
            "1-А", "1-Б", "1-В", "1-Г", "2-А", "2-Б", "2-В", "2-Г", "3-А", "3-Б", "3-В", "4-А", "4-Б", "4-В",
            "5-А", "5-Б", "5-В", "6-А", "6-Б", "6-В", "7-А", "7-Б", "7-В", "8-А", "8-Б", "8-В", "9-А", "9-Б", "9-В",
            "10-А", "10-Б", "11-А", "11-Б",
        ];
        var names = demo.Classes.Select(c => c.Name.ToString()).ToList();
        Assert.Equal(expected.Order(), names.Order());
        Assert.Contains("5-В", names);
        Assert.DoesNotContain("10-В", names);
        Assert.All(demo.Classes.Where(c => c.Grade is 5), c => Assert.True(c.IsNus));
    }

    [Fact]
    public void EveryClass_HasAClassTeacher_SixteenToTwentyStudents_AndATimetable()
    {
        foreach (var cls in demo.Classes)
        {
            var teacher = demo.Staff.Single(s => s.Id == cls.ClassTeacherId);
            Assert.True(teacher.Has(StaffRoles.ClassTeacher | StaffRoles.Teacher), $"{cls.Name}: {teacher.FullName}");
            var atStart = demo.Enrolments.Count(e => e.ClassId == cls.Id && !e.ArrivedMidYear);
            Assert.InRange(atStart, 16, 20);
            var perDay = demo.Timetable.Where(t => t.ClassId == cls.Id).GroupBy(t => t.Day).ToList();
            Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], perDay.Select(d => d.Key).Order());
            var (min, max) = cls.Grade <= 4 ? (4, 5) : (6, 7);
            Assert.All(perDay, d => Assert.InRange(d.Max(t => t.LessonNumber), min, max));
        }

        Assert.Equal(demo.Classes.Count, demo.Classes.Select(c => c.ClassTeacherId).Distinct().Count());
    }

    [Fact]
    public void Timetable_NoTeacherIsInTwoPlacesAtOnce_AndGroupsShareTheirSlot_J5()
    {
        Assert.All(demo.Timetable.GroupBy(t => (t.TeacherId, t.Day, t.LessonNumber)), g => Assert.Single(g));
        var grouped = demo.Timetable.Where(t => t.GroupId is not null).GroupBy(t => (t.ClassId, t.SubjectId, t.Day, t.LessonNumber)).ToList();
        Assert.NotEmpty(grouped);
        Assert.All(grouped, g => Assert.Equal(2, g.Select(t => t.GroupId).Distinct().Count()));
        Assert.All(grouped, g => Assert.Equal(2, g.Select(t => t.TeacherId).Distinct().Count()));
    }

    [Fact]
    public void Staff_HasADirector_TwoDeputiesWhoTeach_AndATeacherWhoIsAlsoAGuardian()
    {
        Assert.Single(demo.Staff, s => s.Roles == StaffRoles.Administrator);
        Assert.Equal(2, demo.Staff.Count(s => s.Roles == (StaffRoles.Deputy | StaffRoles.Teacher)));
        Assert.All(demo.Staff, s => Assert.NotNull(s.MiddleName));
        Assert.Equal(demo.Staff.Count, demo.Staff.Select(s => s.FullName).Distinct().Count());
        var parents = demo.Staff.Where(s => s.Has(StaffRoles.Teacher))
            .Where(s => demo.Guardians.Any(g => g.FullName == s.FullName && demo.Links.Any(l => l.GuardianId == g.Id)))
            .ToList();
        Assert.NotEmpty(parents);
    }

    [Fact]
    public void Subjects_HaveTheirTraitsAndTheAliasesTeachersType()
    {
        Subject S(string name) => demo.Subjects.Single(s => s.Name == name);
        Assert.Equal(NotebookPolicy.CountsAsCurrent, S("Українська мова").Notebook);
        Assert.Equal(NotebookPolicy.CountsAsCurrent, S("Зарубіжна література").Notebook);
        Assert.Equal(NotebookPolicy.SeparateColumn, S("Алгебра").Notebook);
        Assert.True(S("Англійська мова").IsForeignLanguage);
        Assert.True(S("Фізична культура").IsPhysicalEducation);
        Assert.True(S("Захист України").IsDefenceOfUkraine);
        Assert.Equal(SubjectKind.Optional, S("Шахи").Kind);
        Assert.Equal(SubjectKind.Elective, S("Фінансова грамотність").Kind);
        Assert.Contains("алг", S("Алгебра").AliasList);
        Assert.Contains("геом", S("Геометрія").AliasList);
        Assert.Contains("укр мова", S("Українська мова").AliasList);
        Assert.Contains("укр літ", S("Українська література").AliasList);
        Assert.Contains("англ", S("Англійська мова").AliasList);
        Assert.Contains("фізра", S("Фізична культура").AliasList);
        Assert.Contains("Основи здоровʼя", demo.Subjects.Select(s => s.Name));
    }

    [Fact]
    public void SplitSubjects_HaveTwoGroupsWithDifferentTeachers_AndEveryStudentInOne_J5()
    {
        var english = demo.Subjects.Single(s => s.Name == "Англійська мова");
        foreach (var cls in demo.Classes.Where(c => c.Grade >= 5))
        {
            var groups = demo.Groups.Where(g => g.ClassId == cls.Id && g.SubjectId == english.Id).OrderBy(g => g.Number).ToList();
            Assert.Equal(["I група", "II група"], groups.Select(g => g.Name));
            var teachers = groups.Select(g => demo.Assignments.Single(a => a.GroupId == g.Id).TeacherId).ToList();
            Assert.NotEqual(teachers[0], teachers[1]);
            var members = groups.SelectMany(g => g.Members.Select(m => m.StudentId)).ToList();
            var students = demo.Enrolments.Where(e => e.ClassId == cls.Id).Select(e => e.StudentId).ToList();
            Assert.Equal(students.Order(), members.Order());
        }
    }

    [Fact]
    public void Students_SomeShareASurnameInTheirClass_WithDifferentFirstNames()
    {
        var byClass = demo.Enrolments.GroupBy(e => e.ClassId).Select(g => g.Select(e => demo.StudentOf(e.StudentId)).ToList()).ToList();
        var shared = byClass.SelectMany(c => c.GroupBy(s => s.LastName).Where(g => g.Count() > 1)).ToList();
        Assert.True(shared.Count >= 5, $"{shared.Count} surnames shared in a class");
        Assert.All(shared, g => Assert.Equal(g.Count(), g.Select(s => s.FirstName).Distinct().Count()));
    }

    [Fact]
    public void Enrolments_ArrivalsComeAtTheEndOfTheList_SomeLeave_OneStudiesIndividually_J4_A3()
    {
        var arrivals = demo.Enrolments.Where(e => e.ArrivedMidYear).ToList();
        Assert.InRange(arrivals.Count, 3, 10);
        Assert.All(arrivals, a => Assert.True(a.ListPosition > 0 && a.From > demo.Year.Semester1Start && a.From <= DemoSchoolFixture.Today));
        Assert.All(arrivals.GroupBy(a => a.ClassId), g => Assert.Equal(Enumerable.Range(1, g.Count()), g.OrderBy(a => a.From).Select(a => a.ListPosition)));
        Assert.All(demo.Enrolments.Where(e => !e.ArrivedMidYear), e => Assert.Equal((0, demo.Year.Semester1Start), (e.ListPosition, e.From)));
        Assert.InRange(demo.Enrolments.Count(e => e.To is not null), 1, 2);
        Assert.Single(demo.Students, s => s.StudyMode == StudyMode.Individual);
    }

    [Fact]
    public void Guardians_OneOrTwoPerStudent_SomeWithSeveralChildren_OneWithChildrenInTwoClasses_MostConsented()
    {
        var perStudent = demo.Links.GroupBy(l => l.StudentId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(demo.Students, s => Assert.InRange(perStudent.GetValueOrDefault(s.Id), 1, 2));
        var children = demo.Links.GroupBy(l => l.GuardianId).ToDictionary(g => g.Key, g => g.Select(l => l.StudentId).ToList());
        Assert.Contains(children.Values, c => c.Count >= 3);
        Assert.Contains(children.Values, c => c.Select(id => demo.EnrolmentsOf(id).First().ClassId).Distinct().Count() >= 2);
        Assert.All(demo.Guardians, g => Assert.Matches(@"^\+380\d{9}$", g.Phone));

        var consented = demo.Consents.Select(c => c.GuardianId).Distinct().Count();
        Assert.InRange(consented, demo.Guardians.Count * 3 / 4, demo.Guardians.Count - 1);
        Assert.All(demo.Consents, c => Assert.True(c.GivenOn <= DemoSchoolFixture.Today && demo.Staff.Any(s => s.Id == c.RecordedById)));
    }

    [Fact]
    public void Names_AreUkrainianLettersOnly()
    {
        var people = demo.Students.Cast<Person>().Concat(demo.Guardians).Concat(demo.Staff);
        Assert.All(people, p => Assert.Matches(@"^[А-ЩЬЮЯҐЄІЇа-щьюяґєії]+(ʼ[а-щьюяґєії]+)?( [А-ЩЬЮЯҐЄІЇа-щьюяґєії]+(ʼ[а-щьюяґєії]+)?){1,2}$", p.FullName));
    }
}
