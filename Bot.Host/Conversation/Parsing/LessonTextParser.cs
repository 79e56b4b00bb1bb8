namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// Reads <c>/lesson 7-А алгебра Тема уроку</c> and <c>/homework 7-А алгебра §3, впр. 11, 12</c>: the page, then free
/// text as typed. The text takes no date: "1.2 Множини" is a section's number, and lessons are recorded on the day
/// they are held (J-7). A teacher of two groups of the subject is asked which group.
/// </summary>
public static class LessonTextParser
{
    public static Parsed<LessonCommand> ParseLesson(CommandArgs args, RosterSnapshot roster, Choices? choices = null)
    {
        var read = Read(args, roster, choices, CommandForms.Lesson);
        if (!read.IsSuccess)
            return read.Relay<LessonCommand>();
        var (head, page, text) = read.Value!;
        return text.Length == 0
            ? ParseTexts.TopicMissing()
            : new LessonCommand(head.Class, head.Subject, page.GroupId, page.GroupName, text);
    }

    public static Parsed<HomeworkCommand> ParseHomework(CommandArgs args, RosterSnapshot roster, Choices? choices = null)
    {
        var read = Read(args, roster, choices, CommandForms.HomeworkTeacher);
        if (!read.IsSuccess)
            return read.Relay<HomeworkCommand>();
        var (head, page, text) = read.Value!;
        return text.Length == 0
            ? ParseTexts.HomeworkMissing()
            : new HomeworkCommand(head.Class, head.Subject, page.GroupId, page.GroupName, text);
    }

    private static Parsed<PageText> Read(CommandArgs args, RosterSnapshot roster, Choices? choices, string form)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(roster);
        choices ??= Choices.None;
        var head = PageReader.Read(args, roster, choices, form);
        if (!head.IsSuccess)
            return head.Relay<PageText>();
        var text = head.Value!.Next < args.Tokens.Count ? args.RestFrom(args.Tokens[head.Value.Next]) : "";
        if (text.Length == 0)
            return new PageText(head.Value, head.Value.Assignments[0], "");
        var page = PageReader.Page(head.Value, null, choices);
        if (!page.IsSuccess)
            return page.Relay<PageText>();
        return new PageText(head.Value, page.Value!, text);
    }

    private sealed record PageText(PageHead Head, TeachingEntry Page, string Text);
}
