using Bot.Domain.Roster;

namespace Bot.Domain.Demo;

/// <summary>
/// The staff: a director, a class teacher for each primary class, subject teachers by specialty (as many as the
/// specialty's weekly hours need, about 27 each (a rate and a half, as is usual); two of them deputy directors), the teaching assignments, and a
/// class teacher for each class of grades 5–11.
/// </summary>
internal static class StaffGenerator
{
    private const double HoursPerTeacher = 27;

    public static void Create(DemoRoster roster, DemoRandom random)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Add(roster, random, names, null, StaffRoles.Administrator, femaleShare: 0.6);

        foreach (var cls in roster.Classes.Where(c => c.Grade <= 4))
        {
            var teacher = Add(roster, random, names, Curriculum.PrimarySpecialty, StaffRoles.Teacher | StaffRoles.ClassTeacher, femaleShare: 0.95);
            cls.ClassTeacher = teacher;
            cls.Entity.AssignClassTeacher(teacher.Entity.Id);
            foreach (var page in cls.Pages.Where(p => Curriculum.SpecialtyIn(p.Subject.Spec, p.Class.Grade) == Curriculum.PrimarySpecialty))
                Assign(page, teacher);
        }

        // A unit is what one teacher takes in one class: the pages of one specialty (or of one group of it).
        var units = roster.Pages
            .Where(p => Curriculum.SpecialtyIn(p.Subject.Spec, p.Class.Grade) != Curriculum.PrimarySpecialty)
            .GroupBy(p => (p.Class.Index, Specialty: Curriculum.SpecialtyIn(p.Subject.Spec, p.Class.Grade), Group: p.Group?.Number ?? 0))
            .Select(g => g.ToList())
            .ToList();
        foreach (var bySpecialty in units.GroupBy(u => Curriculum.SpecialtyIn(u[0].Subject.Spec, u[0].Class.Grade)))
        {
            var specialty = bySpecialty.Key;
            var hours = bySpecialty.Sum(u => u.Sum(p => p.Hours));
            var split = bySpecialty.Any(u => u[0].Group is not null);
            var count = Math.Max(split ? 2 : 1, (int)Math.Ceiling(hours / HoursPerTeacher));
            var teachers = new List<DemoStaff>();
            for (var i = 0; i < count; i++)
            {
                var deputy = i == 0 && specialty is "math" or "ukr";
                var roles = deputy ? StaffRoles.Deputy | StaffRoles.Teacher : StaffRoles.Teacher;
                teachers.Add(Add(roster, random, names, specialty, roles, FemaleShare(specialty)));
            }

            foreach (var unit in bySpecialty.OrderByDescending(u => u.Sum(p => p.Hours)).ThenBy(u => u[0].Class.Index).ThenBy(u => u[0].Group?.Number))
            {
                // The two groups of a class get different teachers (J-5).
                var taken = unit[0].Group is null ? null : unit[0].Class.Pages.Where(p => p.Subject == unit[0].Subject && p.Teacher is not null).Select(p => p.Teacher).ToList();
                var teacher = teachers.Where(t => taken is null || !taken.Contains(t)).OrderBy(t => t.Load).ThenBy(t => t.Index).First();
                foreach (var page in unit) Assign(page, teacher);
            }
        }

        AssignClassTeachers(roster, random);
    }

    private static void AssignClassTeachers(DemoRoster roster, DemoRandom random)
    {
        var taken = new HashSet<DemoStaff>(roster.Classes.Where(c => c.ClassTeacher is not null).Select(c => c.ClassTeacher!));
        foreach (var cls in roster.Classes.Where(c => c.ClassTeacher is null))
        {
            bool Free(DemoStaff t) => !taken.Contains(t) && t.Entity.Roles == StaffRoles.Teacher;
            var candidates = cls.Pages.Select(p => p.Teacher).Distinct().Where(Free)
                .OrderByDescending(t => cls.Pages.Where(p => p.Teacher == t).Sum(p => p.Hours) + random.NextDouble())
                .ToList();
            var teacher = candidates.FirstOrDefault() ?? roster.Staff.First(Free);
            taken.Add(teacher);
            teacher.Entity.Grant(StaffRoles.ClassTeacher);
            cls.ClassTeacher = teacher;
            cls.Entity.AssignClassTeacher(teacher.Entity.Id);
        }
    }

    private static void Assign(DemoPage page, DemoStaff teacher)
    {
        page.Teacher = teacher;
        teacher.Load += page.Hours;
    }

    private static double FemaleShare(string specialty) => specialty switch
    {
        "pe" => 0.45,
        "def" => 0.1,
        "inf" or "phys" => 0.55,
        _ => 0.85,
    };

    private static DemoStaff Add(DemoRoster roster, DemoRandom random, HashSet<string> names, string? specialty, StaffRoles roles, double femaleShare)
    {
        while (true)
        {
            var gender = random.Chance(femaleShare) ? Gender.Female : Gender.Male;
            var last = random.Pick(UkrainianNames.Surnames).For(gender);
            var first = UkrainianNames.FirstName(random, gender, adult: true);
            var middle = UkrainianNames.PatronymicFor(random, gender);
            if (!names.Add($"{last} {first} {middle}")) continue;
            var staff = new DemoStaff(roster.Staff.Count, new Staff(roster.School.Id, last, first, middle, roles), specialty);
            roster.Staff.Add(staff);
            return staff;
        }
    }
}
