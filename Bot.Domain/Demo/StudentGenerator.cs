using Bot.Domain.Roster;
using Bot.Domain.Schools;

namespace Bot.Domain.Demo;

/// <summary>
/// Students of every class (16–19 at the start of the year) with their families: brothers and sisters in other
/// classes, twins and namesakes sharing a surname in one class, a teacher's own child; then the year's changes
/// (J-4): arrivals added at the end of the list, leavers; one student on individual study, a few in the
/// special health group for PE (M-11); groups of split subjects (J-5); guardians' consents (seed 002, 3.2).
/// </summary>
internal sealed class StudentGenerator(DemoRoster roster, DemoRandom random, IReadOnlyList<DateOnly> days, DateOnly today)
{
    private readonly List<DemoFamily> _families = [];
    private readonly Dictionary<DemoStudent, DemoFamily> _familyOf = [];
    private readonly HashSet<DemoClass> _namesakes = [];
    private Guid SchoolId => roster.School.Id;
    private DateOnly YearStart => roster.Year.Semester1Start;

    public void Create()
    {
        // A subject teacher whose own child studies here: she is staff and a guardian at once (docs/architecture.md "Roles").
        var mothers = roster.Staff.Where(s => s.Specialty is not null and not Curriculum.PrimarySpecialty && UkrainianNames.Women.Contains(s.Entity.FirstName)).ToList();
        var parent = random.Pick(mothers);
        var parentsClass = random.Pick(roster.Classes.Where(c => c.Grade is >= 3 and <= 9).ToList());

        foreach (var cls in roster.Classes)
        {
            var count = random.Between(16, 19);
            if (cls == parentsClass) AddChild(cls, TeachersFamily(parent), YearStart, 0);
            if (cls.Index % 7 == 3) AddTwins(cls);
            while (cls.Students.Count < count)
            {
                var sibling = random.Chance(0.13)
                    ? _families.Where(f => f.TakesSiblingIn(cls.Grade) && cls.Students.All(s => _familyOf[s].Surname != f.Surname)).ToList()
                    : [];
                var family = sibling.Count > 0 ? random.Pick(sibling) : NewFamily(cls);
                AddChild(cls, family, YearStart, 0);
            }

            // The list of the start of the year is alphabetical (J-4).
            cls.Students.Sort((a, b) => string.CompareOrdinal(a.Entity.SortKey, b.Entity.SortKey));
        }

        YearChanges();
        foreach (var cls in roster.Classes) FillPages(cls);
        Abilities();
        Guardians();
    }

    private DemoFamily NewFamily(DemoClass cls)
    {
        // Namesakes: in every fourth class an unrelated family shares a surname already in the class; otherwise
        // surnames in a class differ (a school's surnames are far more varied than this list).
        var namesake = cls.Index % 4 == 1 && cls.Students.Count >= 6 && _namesakes.Add(cls);
        var taken = cls.Students.Select(s => _familyOf[s].Surname).ToList();
        var family = DemoFamily.Create(SchoolId, random, namesake ? _familyOf[cls.Students[2]].Surname : null, taken);
        _families.Add(family);
        return family;
    }

    private DemoFamily TeachersFamily(DemoStaff teacher)
    {
        var t = teacher.Entity;
        var family = new DemoFamily(UkrainianNames.Surnames.FirstOrDefault(s => s.Female == t.LastName) ?? new Surname(t.LastName, t.LastName));
        // The same person as the staff member: a separate Guardian record with the same name (docs/architecture.md "Roles").
        family.Add(new Guardian(SchoolId, t.LastName, t.FirstName, t.MiddleName, DemoFamily.Phone(random)), "мати");
        if (random.Chance(0.7)) family.AddParent(SchoolId, random, Gender.Male, "батько");
        _families.Add(family);
        return family;
    }

    private void AddTwins(DemoClass cls)
    {
        var family = DemoFamily.Create(SchoolId, random, avoid: cls.Students.Select(s => _familyOf[s].Surname).ToList());
        _families.Add(family);
        var first = AddChild(cls, family, YearStart, 0);
        AddChild(cls, family, YearStart, 0, first.Entity.BirthDate);
    }

    private DemoStudent AddChild(DemoClass cls, DemoFamily family, DateOnly from, int listPosition, DateOnly? birthDate = null)
    {
        var gender = random.Chance(0.5) ? Gender.Male : Gender.Female;
        var last = family.Surname.For(gender);
        string first;
        do first = UkrainianNames.FirstName(random, gender, adult: false);
        while (family.Children.Any(c => c.Entity.FirstName == first) || cls.Students.Any(s => s.Entity.LastName == last && s.Entity.FirstName == first));

        var student = new Student(SchoolId, last, first, birthDate: birthDate ?? BirthDate(cls.Grade), sex: gender == Gender.Female ? Sex.Female : Sex.Male);
        var enrolment = new Enrolment(SchoolId, student.Id, cls.Entity.Id, from, listPosition, arrivedMidYear: listPosition > 0);
        var demo = new DemoStudent(roster.Students.Count, student, gender, cls, enrolment);
        roster.Students.Add(demo);
        cls.Students.Add(demo);
        family.Children.Add(demo);
        family.Grades.Add(cls.Grade);
        _familyOf[demo] = family;
        return demo;
    }

    // A pupil of grade g in the year starting in September Y was born between September Y-6-g and August Y-5-g.
    private DateOnly BirthDate(int grade) => new DateOnly(YearStart.Year - 6 - grade, 9, 1).AddDays(random.Next(365));

    /// <summary>J-4: a few students arrive during the year (at the end of the list), one or two leave; A-3, M-11.</summary>
    private void YearChanges()
    {
        var scale = roster.Scale;
        if (days.Count >= 2)
        {
            var arrivals = Enumerable.Range(0, 5 * scale)
                .Select(_ => (Class: random.Pick(roster.Classes), Day: days[random.Between(days.Count / 7, days.Count * 6 / 7)]))
                .OrderBy(a => a.Day).ThenBy(a => a.Class.Index).ToList();
            foreach (var (cls, day) in arrivals)
                AddChild(cls, NewFamily(cls), day, cls.Students.Count(s => s.Enrolment.ArrivedMidYear) + 1);

            var settled = roster.Students.Where(s => !s.Enrolment.ArrivedMidYear && _familyOf[s].Children.Count == 1).ToList();
            for (var i = 0; i < 2 * scale; i++)
            {
                var leaver = random.Pick(settled);
                settled.Remove(leaver);
                leaver.Enrolment.Leave(days[random.Between(days.Count / 5, days.Count * 4 / 5)]);
            }
        }

        var regular = roster.Students.Where(s => !s.Enrolment.ArrivedMidYear && s.Enrolment.To is null && _familyOf[s].Children.Count == 1).ToList();
        for (var i = 0; i < scale; i++)
            random.Pick(regular.Where(s => s.Class.Grade is >= 6 and <= 8 && !s.IsIndividual).ToList()).Entity.SetStudyMode(StudyMode.Individual);
        for (var i = 0; i < 3 * scale; i++)
            random.Pick(regular.Where(s => s.Class.Grade >= 5 && !s.IsIndividual).ToList()).PeCredited = true;
    }

    /// <summary>J-5: the first half of the list is group I, the second group II; a newcomer joins the smaller group.</summary>
    private static void FillPages(DemoClass cls)
    {
        var half = (cls.Students.Count(s => !s.Enrolment.ArrivedMidYear) + 1) / 2;
        var groupOf = new List<int>();
        foreach (var student in cls.Students)
        {
            var number = !student.Enrolment.ArrivedMidYear ? (groupOf.Count < half ? 1 : 2)
                : groupOf.Count(g => g == 1) <= groupOf.Count(g => g == 2) ? 1 : 2;
            groupOf.Add(number);
        }

        foreach (var page in cls.Pages)
        {
            for (var i = 0; i < cls.Students.Count; i++)
            {
                if (page.Group is { } group)
                {
                    if (group.Number != groupOf[i]) continue;
                    group.Add(cls.Students[i].Entity.Id);
                }

                page.Members.Add(cls.Students[i]);
            }
        }
    }

    private void Abilities()
    {
        foreach (var student in roster.Students)
        {
            student.Ability = Math.Clamp(random.Normal(7.4, 1.9), 2.5, 11.6);
            student.SubjectOffsets = roster.Subjects.Select(_ => random.Normal(0, 0.9)).ToArray();
        }
    }

    /// <summary>Guardians, their links to children, and consents for most of them, recorded by a class teacher.</summary>
    private void Guardians()
    {
        var zone = SchoolTime.Resolve(roster.School.TimeZone);
        foreach (var family in _families.Where(f => f.Children.Count > 0))
        {
            var child = family.Children[0];
            foreach (var (guardian, relation) in family.Guardians)
            {
                roster.Guardians.Add(guardian);
                foreach (var c in family.Children) roster.Links.Add(new GuardianStudent(guardian.Id, c.Entity.Id, relation));
                var givenOn = child.Enrolment.ArrivedMidYear ? child.Enrolment.From : YearStart.AddDays(random.Next(12));
                if (!random.Chance(0.88) || givenOn > today) continue;
                var recordedAt = TimeZoneInfo.ConvertTimeToUtc(givenOn.ToDateTime(new TimeOnly(18, random.Next(60))), zone);
                roster.Consents.Add(new Consent(SchoolId, guardian.Id, givenOn, child.Class.ClassTeacher!.Entity.Id, recordedAt));
            }
        }
    }
}
