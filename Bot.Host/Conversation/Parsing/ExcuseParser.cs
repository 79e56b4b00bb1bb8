namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// Reads a class teacher's <c>/excuse Іваненко 12.11</c> (also "12.11-14.11", "вчора", "пн", "тиждень") against the
/// students of the class teacher's class, which the caller gives.
/// </summary>
public static class ExcuseParser
{
    public static Parsed<ExcuseCommand> Parse(
        CommandArgs args, ClassEntry schoolClass, IReadOnlyList<StudentEntry> students, DateOnly today, Choices? choices = null, Bot.Domain.Diary.SchoolDays? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(schoolClass);
        ArgumentNullException.ThrowIfNull(students);
        var words = args.Words;
        if (words.Count == 0)
            return ParseTexts.Format(CommandForms.Excuse);
        if (!DateWords.TryRead(words[^1].Text, today, DayReference.Past, out var days, calendar))
            return ParseTexts.DateMissing(CommandForms.Excuse);
        if (!days.IsSuccess)
            return days.Error;
        if (words.Count == 1)
            return ParseTexts.StudentMissing(CommandForms.Excuse);

        var scope = StudentScope.WholeClass(schoolClass.Name.ToString(), students);
        var student = StudentMatcher.Resolve(words.Take(words.Count - 1).ToList(), scope, choices ?? Choices.None);
        if (!student.IsSuccess)
            return student.Relay<ExcuseCommand>();
        return new ExcuseCommand(student.Value!, days.Value);
    }
}
