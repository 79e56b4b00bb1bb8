using Bot.Domain.Roster;
using Bot.Domain.Schools;

namespace Bot.Domain.Demo;

/// <summary>
/// Builds the demo school in memory through the entities' constructors: subjects, classes and their pages (groups for
/// split subjects), staff, students and families, the timetable. Nothing is stored here.
/// </summary>
internal static class RosterGenerator
{
    private const string ClassLetters = "АБВГДЕЖЗИІКЛМНОПРСТУФХЦЧШЩЮЯҐЄЇЙ";

    /// <summary>
    /// Classes per grade at scale 1, 33 in all: "N-А" and "N-Б" in every grade, "N-В" up to grade 9, and "N-Г" in the two
    /// youngest grades (cohorts grow); the profile grades 10–11 have two classes.
    /// </summary>
    public static int ClassesInGrade(int grade) => grade switch
    {
        <= 2 => 4,
        <= 9 => 3,
        _ => 2,
    };

    /// <summary>At scale 10 the youngest grades would need 40 letters: they stop at the alphabet's 32.</summary>
    public const int MaxScale = 10;

    public static DemoRoster Generate(School school, SchoolYear year, int seed, int scale, IReadOnlyList<DateOnly> days, DateOnly today)
    {
        var roster = new DemoRoster { School = school, Year = year, Seed = seed, Scale = scale };
        foreach (var spec in Curriculum.Subjects)
        {
            var subject = new Subject(school.Id, spec.Name, spec.Kind, spec.Traits, spec.Aliases);
            roster.Subjects.Add(new DemoSubject(roster.Subjects.Count, spec, subject));
        }

        for (var grade = 1; grade <= 11; grade++)
            for (var i = 0; i < Math.Min(ClassesInGrade(grade) * scale, ClassLetters.Length); i++)
                AddClass(roster, grade, ClassLetters[i].ToString());

        StaffGenerator.Create(roster, DemoRandom.For(seed, "staff"));
        new StudentGenerator(roster, DemoRandom.For(seed, "students"), days, today).Create();
        TimetableGenerator.Build(roster, DemoRandom.For(seed, "timetable"));
        return roster;
    }

    private static void AddClass(DemoRoster roster, int grade, string letter)
    {
        var entity = new SchoolClass(roster.School.Id, roster.Year.Id, new ClassName(grade, letter), Curriculum.IsNus(grade, roster.Year.Semester1Start.Year));
        var cls = new DemoClass(roster.Classes.Count, entity);
        roster.Classes.Add(cls);
        foreach (var (spec, hours) in Curriculum.PlanOf(grade))
        {
            var subject = roster.Subjects.First(s => s.Spec == spec);
            if (!Curriculum.IsSplit(spec, grade))
            {
                AddPage(roster, cls, subject, null, hours);
                continue;
            }

            for (var number = 1; number <= 2; number++)
                AddPage(roster, cls, subject, new ClassGroup(roster.School.Id, entity.Id, subject.Entity.Id, number), hours);
        }
    }

    private static void AddPage(DemoRoster roster, DemoClass cls, DemoSubject subject, ClassGroup? group, int hours)
    {
        var page = new DemoPage(roster.Pages.Count, cls, subject, group, hours);
        roster.Pages.Add(page);
        cls.Pages.Add(page);
    }
}
