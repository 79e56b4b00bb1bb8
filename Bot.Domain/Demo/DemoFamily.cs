using Bot.Domain.Roster;

namespace Bot.Domain.Demo;

/// <summary>A family of the demo school: a surname, its guardians, and its children (possibly in several classes).</summary>
internal sealed class DemoFamily(Surname surname)
{
    public Surname Surname { get; } = surname;
    public List<(Guardian Guardian, string Relation)> Guardians { get; } = [];
    public List<DemoStudent> Children { get; } = [];
    public List<int> Grades { get; } = [];

    /// <summary>A younger or older brother or sister may join: not in the same grade (twins are made on purpose), at most three children.</summary>
    public bool TakesSiblingIn(int grade) => Grades.Count is > 0 and < 3 && !Grades.Contains(grade);

    /// <summary>
    /// The usual shapes: mother and father; mother alone; father alone; a grandmother; a guardian of another surname.
    /// Guardians are recorded with patronymics and a phone number.
    /// </summary>
    /// <param name="surname">The family's surname; by default a random one not in <paramref name="avoid"/>.</param>
    public static DemoFamily Create(Guid schoolId, DemoRandom random, Surname? surname = null, IReadOnlyCollection<Surname>? avoid = null)
    {
        if (surname is null)
        {
            surname = random.Pick(UkrainianNames.Surnames);
            for (var i = 0; i < 20 && avoid is not null && avoid.Contains(surname); i++) surname = random.Pick(UkrainianNames.Surnames);
        }

        var family = new DemoFamily(surname);
        var shape = random.NextDouble();
        if (shape < 0.88) family.AddParent(schoolId, random, Gender.Female, "мати");
        if (shape < 0.58 || shape is >= 0.88 and < 0.95) family.AddParent(schoolId, random, Gender.Male, "батько");
        if (shape is >= 0.95 and < 0.98) family.AddParent(schoolId, random, Gender.Female, "бабуся");
        if (shape >= 0.98)
        {
            var gender = random.Chance(0.7) ? Gender.Female : Gender.Male;
            family.Add(new Guardian(schoolId, random.Pick(UkrainianNames.Surnames).For(gender), UkrainianNames.FirstName(random, gender, adult: true),
                UkrainianNames.PatronymicFor(random, gender), Phone(random)), gender == Gender.Female ? "опікунка" : "опікун");
        }

        return family;
    }

    public void AddParent(Guid schoolId, DemoRandom random, Gender gender, string relation) =>
        Add(new Guardian(schoolId, Surname.For(gender), UkrainianNames.FirstName(random, gender, adult: true),
            UkrainianNames.PatronymicFor(random, gender), Phone(random)), relation);

    public void Add(Guardian guardian, string relation) => Guardians.Add((guardian, relation));

    /// <summary>A Ukrainian mobile number: +380 and a mobile operator's code.</summary>
    public static string Phone(DemoRandom random)
    {
        string[] codes = ["50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"];
        return $"+380{random.Pick(codes)}{random.Between(1000000, 9999999)}";
    }
}
