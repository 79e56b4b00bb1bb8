namespace Bot.Domain.Demo;

/// <summary>
/// The weekly timetable, Monday to Friday: each class's weekly hours spread evenly over the days (4–5 lessons a day in
/// grades 1–4, 6–7 in 5–11), a subject at most once a day unless it has more hours than days, both groups of a split
/// subject in the same slot (J-5), no teacher in two places at once. Optional and elective courses come after the
/// day's lessons (seed 003, III.9).
/// </summary>
internal static class TimetableGenerator
{
    private const int Days = 5;

    /// <summary>One lesson of the week: the pages taught in it (both groups of a split subject).</summary>
    private sealed record Unit(DemoSubject Subject, IReadOnlyList<DemoPage> Pages, int WeeklyHours)
    {
        public IEnumerable<int> Teachers => Pages.Select(p => p.Teacher.Index);
    }

    /// <summary>Fills <see cref="DemoClass.Week"/> of every class; returns how many lessons had to clash (0 in practice).</summary>
    public static int Build(DemoRoster roster, DemoRandom random)
    {
        var busy = new HashSet<(int Teacher, int Day, int Number)>();
        var clashes = 0;
        foreach (var cls in roster.Classes)
        {
            var units = cls.Pages.GroupBy(p => p.Subject)
                .SelectMany(g => Enumerable.Repeat(new Unit(g.Key, g.ToList(), g.First().Hours), g.First().Hours))
                .ToList();
            var regular = units.Where(u => !u.Subject.Spec.AfterLessons).ToList();
            var lengths = new int[Days];
            for (var d = 0; d < Days; d++) lengths[d] = regular.Count / Days + (d < regular.Count % Days ? 1 : 0);

            // Split subjects and the subjects of many hours first: they have the fewest places left later.
            var ordered = regular.Select(u => (Unit: u, Key: (u.Pages.Count > 1 ? 0 : 10) - u.WeeklyHours + random.NextDouble()))
                .OrderBy(x => x.Key).Select(x => x.Unit).ToList();
            foreach (var unit in ordered) clashes += Place(cls, unit, lengths, busy, random) ? 0 : 1;
            foreach (var unit in units.Where(u => u.Subject.Spec.AfterLessons)) clashes += PlaceAfterLessons(cls, unit, lengths, busy) ? 0 : 1;
        }

        return clashes;
    }

    private static bool Place(DemoClass cls, Unit unit, int[] lengths, HashSet<(int, int, int)> busy, DemoRandom random)
    {
        foreach (var allowTwiceADay in new[] { unit.WeeklyHours > Days, true })
        {
            var best = Cells(lengths)
                .Where(c => cls.Week[c.Day, c.Number].Count == 0 && Free(unit, c.Day, c.Number, busy))
                .Where(c => allowTwiceADay || !OnDay(cls, unit.Subject, c.Day))
                .Select(c => (Cell: c, Score: Score(cls, unit, c.Day, c.Number, lengths) + random.NextDouble() * 3))
                .OrderBy(x => x.Score).Select(x => ((int Day, int Number)?)x.Cell).FirstOrDefault();
            if (best is { } cell)
            {
                Put(cls, unit, cell.Day, cell.Number, busy);
                return true;
            }
        }

        // Every free cell clashes with one of the unit's teachers: move a placed lesson of the class there instead.
        foreach (var free in Cells(lengths).Where(c => cls.Week[c.Day, c.Number].Count == 0).ToList())
            foreach (var taken in Cells(lengths).Where(c => cls.Week[c.Day, c.Number].Count > 0).ToList())
            {
                var other = cls.Week[taken.Day, taken.Number];
                var otherUnit = new Unit(other[0].Subject, other.ToList(), other[0].Hours);
                Release(otherUnit, taken.Day, taken.Number, busy);
                if (Free(unit, taken.Day, taken.Number, busy) && Free(otherUnit, free.Day, free.Number, busy))
                {
                    cls.Week[taken.Day, taken.Number].Clear();
                    Put(cls, otherUnit, free.Day, free.Number, busy);
                    Put(cls, unit, taken.Day, taken.Number, busy);
                    return true;
                }

                Hold(otherUnit, taken.Day, taken.Number, busy);
            }

        var last = Cells(lengths).First(c => cls.Week[c.Day, c.Number].Count == 0);
        Put(cls, unit, last.Day, last.Number, busy);
        return false;
    }

    /// <summary>After the last lesson of the day with the fewest lessons whose teacher is free then.</summary>
    private static bool PlaceAfterLessons(DemoClass cls, Unit unit, int[] lengths, HashSet<(int, int, int)> busy)
    {
        foreach (var day in Enumerable.Range(0, Days).OrderBy(d => lengths[d]).ThenByDescending(d => d))
        {
            var number = lengths[day] + 1;
            if (!Free(unit, day, number, busy) || cls.Week[day, number].Count > 0) continue;
            Put(cls, unit, day, number, busy);
            lengths[day]++;
            return true;
        }

        return false;
    }

    private static IEnumerable<(int Day, int Number)> Cells(int[] lengths) =>
        Enumerable.Range(0, Days).SelectMany(d => Enumerable.Range(1, lengths[d]).Select(n => (d, n)));

    // Hard subjects early in the day, PE, arts and crafts later.
    private static double Score(DemoClass cls, Unit unit, int day, int number, int[] lengths) =>
        unit.Subject.Spec.Key switch
        {
            "ukr" or "math" or "alg" or "geom" or "phys" or "chem" or "eng" or "ger" => Math.Abs(number - 2.5) * 2,
            "pe" or "art" or "trud" or "techn" or "dt" or "def" => (lengths[day] - number) * 1.5,
            _ => 0,
        } + (OnDay(cls, unit.Subject, day) ? 20 : 0);

    private static bool OnDay(DemoClass cls, DemoSubject subject, int day)
    {
        for (var n = 1; n < cls.Week.GetLength(1); n++)
            if (cls.Week[day, n].Any(p => p.Subject == subject)) return true;
        return false;
    }

    private static bool Free(Unit unit, int day, int number, HashSet<(int, int, int)> busy) =>
        unit.Teachers.All(t => !busy.Contains((t, day, number)));

    private static void Put(DemoClass cls, Unit unit, int day, int number, HashSet<(int, int, int)> busy)
    {
        cls.Week[day, number].AddRange(unit.Pages);
        Hold(unit, day, number, busy);
    }

    private static void Hold(Unit unit, int day, int number, HashSet<(int, int, int)> busy)
    {
        foreach (var t in unit.Teachers) busy.Add((t, day, number));
    }

    private static void Release(Unit unit, int day, int number, HashSet<(int, int, int)> busy)
    {
        foreach (var t in unit.Teachers) busy.Remove((t, day, number));
    }
}
