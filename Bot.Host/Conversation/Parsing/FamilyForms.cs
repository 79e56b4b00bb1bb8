using Bot.Domain;
using Bot.Domain.Diary;

namespace Bot.Host.Conversation.Parsing;

/// <summary>Reads the arguments of the parents' and students' forms; nothing here needs the roster.</summary>
internal static class FamilyForms
{
    /// <summary>
    /// No argument, or a day or a period read ahead (<see cref="DayReference.Upcoming"/>): "завтра", "пт", "на середу",
    /// "тиждень", "минулий тиждень", "12.11", "з 10.12 по 12.12".
    /// </summary>
    public static Result<DateRange?> Days(CommandArgs args, DateOnly today, string form, SchoolDays? calendar = null)
    {
        var words = args.Words;
        if (words.Count == 0)
            return Result<DateRange?>.Ok(null);
        if (DateWords.TryRead(args.Text, today, DayReference.Upcoming, out var all, calendar))
            return all.IsSuccess ? Result<DateRange?>.Ok(all.Value) : all.Error;
        if (!DateWords.TryRead(words[0].Text, today, DayReference.Upcoming, out var days, calendar))
            return ParseTexts.Unexpected(words[0].Text, form);
        if (!days.IsSuccess)
            return days.Error;
        return words.Count > 1 ? ParseTexts.Unexpected(words[1].Text, form) : Result<DateRange?>.Ok(days.Value);
    }

    /// <summary>
    /// A parent's <c>/absent [день або дні][, причина]</c>: "завтра, температура", "з 10.12 по 12.12 санаторій",
    /// "температура" (today). The days are read ahead: "пт" is the coming Friday.
    /// </summary>
    public static Result<ChatRequest> Absence(CommandArgs args, DateOnly today, SchoolDays? calendar = null)
    {
        var text = Text(args);
        if (text is null) return new AbsenceReportRequest(null);
        if (!DateWords.TryReadLeading(text, today, DayReference.Upcoming, out var days, out var rest, calendar))
            return new AbsenceReportRequest(text);
        if (!days.IsSuccess) return days.Error;
        return new AbsenceReportRequest(rest.Length > 0 ? rest : null, days.Value);
    }

    public static Result<AttendancePeriod?> Period(CommandArgs args, string form)
    {
        var words = args.Words;
        if (words.Count == 0)
            return Result<AttendancePeriod?>.Ok(null);
        if (AttendancePeriods.TryRead(args.Text, out var whole))
            return Result<AttendancePeriod?>.Ok(whole);
        if (!AttendancePeriods.TryRead(words[0].Text, out var period))
            return ParseTexts.Unexpected(words[0].Text, form);
        return words.Count > 1 ? ParseTexts.Unexpected(words[1].Text, form) : Result<AttendancePeriod?>.Ok(period);
    }

    /// <summary>Free text, or null when there is none.</summary>
    public static string? Text(CommandArgs args) => args.Text.Trim() is { Length: > 0 } text ? text : null;
}
