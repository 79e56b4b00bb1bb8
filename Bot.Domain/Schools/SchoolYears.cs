namespace Bot.Domain.Schools;

/// <summary>Which of a school's years is "the current one".</summary>
public static class SchoolYears
{
    /// <summary>
    /// The year that contains <paramref name="today"/>; between years (summer), the next year once it has been
    /// created (invites for a new class are printed before 1 September), else the last one that ended.
    /// </summary>
    public static SchoolYear? Current(IEnumerable<SchoolYear> years, DateOnly today)
    {
        var list = years.ToList();
        return list.FirstOrDefault(y => y.Contains(today))
            ?? list.Where(y => y.StartsOn > today).MinBy(y => y.StartsOn)
            ?? list.Where(y => y.EndsOn < today).MaxBy(y => y.EndsOn);
    }
}
