using Bot.Domain.Roster;
using Bot.Domain.Schools;

namespace Bot.Domain.Demo;

/// <summary>A subject of the demo school: its spec and its stored entity.</summary>
internal sealed record DemoSubject(int Index, SubjectSpec Spec, Subject Entity);

/// <summary>A staff member and the specialty they teach (null for the director).</summary>
internal sealed class DemoStaff(int index, Staff entity, string? specialty)
{
    public int Index { get; } = index;
    public Staff Entity { get; } = entity;
    public string? Specialty { get; } = specialty;

    /// <summary>Weekly hours taught.</summary>
    public int Load { get; set; }
}

internal sealed class DemoStudent(int index, Student entity, Gender gender, DemoClass cls, Enrolment enrolment)
{
    public int Index { get; } = index;
    public Student Entity { get; } = entity;
    public Gender Gender { get; } = gender;
    public DemoClass Class { get; } = cls;
    public Enrolment Enrolment { get; } = enrolment;

    /// <summary>The student's usual level on the twelve-point scale.</summary>
    public double Ability { get; set; }

    /// <summary>How much better or worse than usual in each subject, by <see cref="DemoSubject.Index"/>.</summary>
    public double[] SubjectOffsets { get; set; } = [];

    /// <summary>Special health group in PE: "зар" instead of points (M-11).</summary>
    public bool PeCredited { get; set; }

    public bool IsIndividual => Entity.StudyMode == StudyMode.Individual;

    public bool IsActiveOn(DateOnly date) => Enrolment.IsActiveOn(date);
}

internal sealed class DemoClass(int index, SchoolClass entity)
{
    public int Index { get; } = index;
    public SchoolClass Entity { get; } = entity;
    public int Grade => Entity.Grade;
    public string Name => Entity.Name.ToString();
    public List<DemoStudent> Students { get; } = [];
    public List<DemoPage> Pages { get; } = [];
    public DemoStaff? ClassTeacher { get; set; }

    /// <summary>The weekly timetable: [day 0–4, lesson 1–8] → the pages taught then (two for a split subject).</summary>
    public List<DemoPage>[,] Week { get; } = NewWeek();

    private static List<DemoPage>[,] NewWeek()
    {
        var week = new List<DemoPage>[5, DemoCalendar.Bells.Count + 1];
        for (var d = 0; d < 5; d++)
            for (var n = 0; n <= DemoCalendar.Bells.Count; n++) week[d, n] = [];
        return week;
    }
}

/// <summary>A journal page: a subject in a class, or in one group of it (J-5), with its teacher and weekly hours.</summary>
internal sealed class DemoPage(int index, DemoClass cls, DemoSubject subject, ClassGroup? group, int hours)
{
    public int Index { get; } = index;
    public DemoClass Class { get; } = cls;
    public DemoSubject Subject { get; } = subject;
    public ClassGroup? Group { get; } = group;
    public int Hours { get; } = hours;
    public DemoStaff Teacher { get; set; } = null!;

    /// <summary>Students on the page: the class, or the group's members.</summary>
    public List<DemoStudent> Members { get; } = [];

    public string Title => ClassGroup.PageTitle(Subject.Entity.Name, Group?.Name);
}

/// <summary>The demo school as generated, before and while its journal is filled.</summary>
internal sealed class DemoRoster
{
    public required School School { get; init; }
    public required SchoolYear Year { get; init; }
    public required int Seed { get; init; }
    public required int Scale { get; init; }
    public List<DemoSubject> Subjects { get; } = [];
    public List<DemoStaff> Staff { get; } = [];
    public List<DemoClass> Classes { get; } = [];
    public List<DemoStudent> Students { get; } = [];
    public List<DemoPage> Pages { get; } = [];
    public List<Guardian> Guardians { get; } = [];
    public List<GuardianStudent> Links { get; } = [];
    public List<Consent> Consents { get; } = [];
}
