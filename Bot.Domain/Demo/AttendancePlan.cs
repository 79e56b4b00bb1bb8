namespace Bot.Domain.Demo;

/// <summary>Why a student is away for a whole day.</summary>
internal enum DayAbsence : byte
{
    /// <summary>Ill, and the school knows it: "хв" on every lesson.</summary>
    Ill,

    /// <summary>Ill, but teachers write "н" until the class teacher gets the note and turns the days into "хв" .</summary>
    IllNoteLater,

    /// <summary>Away without a valid reason: "н".</summary>
    Unexcused,
}

/// <summary>The class teacher turns an illness's "н" into "хв" on the day the student comes back with a note .</summary>
internal sealed record ExcuseNote(DemoStudent Student, DateOnly ReturnDay, IReadOnlyList<DateOnly> Days);

/// <summary>
/// Whole days students miss: illnesses of two to seven school days now and then, a family day off once in a while;
/// a student away without a valid reason for more than ten school days in a row, whom the class teacher has to report
/// (A-4, counted in a row by ADR 0005), and another who skips single days now and then. Single lessons missed are
/// drawn while the lessons are written. Students on individual study have no absences.
/// </summary>
internal sealed class AttendancePlan
{
    private readonly Dictionary<(int Student, DateOnly Day), DayAbsence> _away = [];
    private readonly List<ExcuseNote> _notes = [];

    public DayAbsence? On(DemoStudent student, DateOnly day) => _away.TryGetValue((student.Index, day), out var a) ? a : null;

    public IEnumerable<ExcuseNote> NotesOn(DateOnly day) => _notes.Where(n => n.ReturnDay == day);

    public static AttendancePlan Build(DemoRoster roster, IReadOnlyList<DateOnly> days)
    {
        var plan = new AttendancePlan();
        var random = DemoRandom.For(roster.Seed, "truants");
        var candidates = roster.Students.Where(s => s.Class.Grade is >= 8 and <= 10 && !s.IsIndividual && !s.Enrolment.ArrivedMidYear && s.Enrolment.To is null).ToList();
        for (var i = 0; i < roster.Scale; i++)
        {
            var runaway = random.Pick(candidates);
            candidates.Remove(runaway);
            plan.AwayInARow(runaway, days, Math.Min(11, days.Count / 3), random);
            plan.SkipsDays(random.Pick(candidates), days, Math.Min(8, days.Count / 6), random);
        }

        foreach (var student in roster.Students.Where(s => !s.IsIndividual))
            plan.Illnesses(student, days, DemoRandom.For(roster.Seed, $"attendance:{student.Index}"));
        return plan;
    }

    private void Illnesses(DemoStudent student, IReadOnlyList<DateOnly> days, DemoRandom random)
    {
        var illness = student.Class.Grade <= 4 ? 0.0085 : 0.007;
        for (var i = 0; i < days.Count; i++)
        {
            if (!student.IsActiveOn(days[i]) || _away.ContainsKey((student.Index, days[i]))) continue;
            if (random.Chance(0.0025))
            {
                _away[(student.Index, days[i])] = DayAbsence.Unexcused;
                continue;
            }

            if (!random.Chance(illness)) continue;
            var length = random.Between(2, 7);
            var noteLater = random.Chance(0.3);
            var spell = days.Skip(i).Take(length).TakeWhile(d => student.IsActiveOn(d) && !_away.ContainsKey((student.Index, d))).ToList();
            foreach (var day in spell) _away[(student.Index, day)] = noteLater ? DayAbsence.IllNoteLater : DayAbsence.Ill;
            i += spell.Count - 1;
            if (noteLater && i + 1 < days.Count && student.IsActiveOn(days[i + 1]))
                _notes.Add(new ExcuseNote(student, days[i + 1], spell));
        }
    }

    /// <summary>A run of school days away without a reason, ending a few days before the last day seeded.</summary>
    private void AwayInARow(DemoStudent student, IReadOnlyList<DateOnly> days, int count, DemoRandom random)
    {
        var start = Math.Max(0, days.Count - count - random.Between(3, 8));
        foreach (var day in days.Skip(start).Take(count)) _away[(student.Index, day)] = DayAbsence.Unexcused;
    }

    private void SkipsDays(DemoStudent student, IReadOnlyList<DateOnly> days, int count, DemoRandom random)
    {
        var free = days.Where(d => !_away.ContainsKey((student.Index, d))).ToList();
        random.Shuffle(free);
        foreach (var day in free.Take(count)) _away[(student.Index, day)] = DayAbsence.Unexcused;
    }
}
