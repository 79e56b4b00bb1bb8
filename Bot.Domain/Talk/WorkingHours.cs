namespace Bot.Domain.Talk;

/// <summary>
/// A staff member's working hours: by default the school's 8:00–17:00 on school days. A family's
/// message written outside them waits in the outbox until the next working period begins.
/// </summary>
public static class WorkingHours
{
    public static readonly TimeOnly DefaultFrom = new(8, 0);
    public static readonly TimeOnly DefaultTo = new(17, 0);

    /// <summary>The starts a staff member may choose in /settings.</summary>
    public static readonly int[] FromHours = [7, 8, 9, 10];

    /// <summary>The ends a staff member may choose in /settings.</summary>
    public static readonly int[] ToHours = [14, 15, 16, 17, 18, 19];

    /// <summary>
    /// When a message written at <paramref name="localNow"/> (school-local) may be delivered: now, inside working hours of a
    /// school day; otherwise the start of the next school day's hours (today's, before they begin). Days the calendar does
    /// not know (no school year stored) count Monday to Friday.
    /// </summary>
    public static DateTime NextDeliveryLocal(DateTime localNow, TimeOnly from, TimeOnly to, Func<DateOnly, bool?> isSchoolDay)
    {
        bool SchoolDay(DateOnly d) => isSchoolDay(d) ?? d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        var today = DateOnly.FromDateTime(localNow);
        var time = TimeOnly.FromDateTime(localNow);
        if (SchoolDay(today) && time >= from && time < to) return localNow;
        var first = time < from ? today : today.AddDays(1);
        for (var d = first; d <= first.AddDays(120); d = d.AddDays(1))
            if (SchoolDay(d)) return d.ToDateTime(from);
        return first.ToDateTime(from);
    }
}
