using Bot.Domain;

namespace Bot.Host.Conversation.Parsing;

/// <summary>Reads the arguments of the parents' and students' forms; nothing here needs the roster.</summary>
internal static class FamilyForms
{
    /// <summary>No argument, or one date word read ahead (<see cref="DayReference.Upcoming"/>): "завтра", "пт", "тиждень", "12.11".</summary>
    public static Result<DateRange?> Days(CommandArgs args, DateOnly today, string form)
    {
        var words = args.Words;
        if (words.Count == 0)
            return Result<DateRange?>.Ok(null);
        if (!DateWords.TryRead(words[0].Text, today, DayReference.Upcoming, out var days))
            return ParseTexts.Unexpected(words[0].Text, form);
        if (!days.IsSuccess)
            return days.Error;
        return words.Count > 1 ? ParseTexts.Unexpected(words[1].Text, form) : Result<DateRange?>.Ok(days.Value);
    }

    public static Result<AttendancePeriod?> Period(CommandArgs args, string form)
    {
        var words = args.Words;
        if (words.Count == 0)
            return Result<AttendancePeriod?>.Ok(null);
        if (!AttendancePeriods.TryRead(words[0].Text, out var period))
            return ParseTexts.Unexpected(words[0].Text, form);
        return words.Count > 1 ? ParseTexts.Unexpected(words[1].Text, form) : Result<AttendancePeriod?>.Ok(period);
    }

    /// <summary>Free text, or null when there is none.</summary>
    public static string? Text(CommandArgs args) => args.Text.Trim() is { Length: > 0 } text ? text : null;
}
