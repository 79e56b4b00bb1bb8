namespace Bot.Domain.Schools;

/// <summary>Which of a school's years is "the current one".</summary>
public static class SchoolYears
{
    /// <summary>
    /// The year that contains <paramref name="today"/> — unless it was closed early and the next one has been opened
    /// (J-14: the school has moved on; the closed one is in the archive); between years (summer), the next year once it has
    /// been created (invites for a new class are printed before 1 September), else the last one that ended.
    /// </summary>
    public static SchoolYear? Current(IEnumerable<SchoolYear> years, DateOnly today)
    {
        var list = years.ToList();
        var containing = list.FirstOrDefault(y => y.Contains(today));
        if (containing is { IsClosed: true } && list.Where(y => y.StartsOn > containing.EndsOn).MinBy(y => y.StartsOn) is { } next) return next;
        return containing
            ?? list.Where(y => y.StartsOn > today).MinBy(y => y.StartsOn)
            ?? list.Where(y => y.EndsOn < today).MaxBy(y => y.EndsOn);
    }
}
