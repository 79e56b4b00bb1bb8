namespace Bot.Domain.Schools;

/// <summary>School-local dates and times; the clock is always an injected <see cref="TimeProvider"/>.</summary>
public static class SchoolTime
{
    public const string DefaultTimeZone = "Europe/Kyiv";

    public static TimeZoneInfo Resolve(string? timeZoneId)
    {
        var id = string.IsNullOrWhiteSpace(timeZoneId) ? DefaultTimeZone : timeZoneId.Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException) when (id == "Europe/Kyiv")
        {
            // Older tzdata knows only the former spelling.
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Kiev");
        }
    }

    public static DateTime LocalNow(TimeProvider clock, string timeZoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, Resolve(timeZoneId));

    public static DateOnly Today(TimeProvider clock, string timeZoneId) => DateOnly.FromDateTime(LocalNow(clock, timeZoneId));
}
