using Bot.Domain;
using Bot.Domain.Grading;

namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// Reads <c>/mark &lt;class&gt; &lt;subject&gt; &lt;student&gt; &lt;mark&gt; [column] [dd.MM]</c> and the multi-mark form
/// <c>/mark 7-А алгебра [column] [dd.MM]: Іваненко 10, Петренко 9, Сидоренко н</c>. All or nothing: one bad
/// item refuses the command, and the refusal names the item. The column is a keyword of
/// <see cref="MarkColumns.TryParseKeyword"/> (else a current mark); the group follows from the teacher's
/// assignment. <c>/mark</c> without arguments is the router's business (the button walk-through).
/// </summary>
public static class MarkParser
{
    public static Parsed<MarkCommand> Parse(CommandArgs args, RosterSnapshot roster, DateOnly today, Choices? choices = null,
        IReadOnlyCollection<string>? groupCodes = null, Bot.Domain.Diary.SchoolDays? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(roster);
        choices ??= Choices.None;
        var head = PageReader.Read(args, roster, choices, CommandForms.Mark);
        if (!head.IsSuccess)
            return head.Relay<MarkCommand>();

        var tokens = args.Tokens;
        var extras = new MarkExtras();
        var itemsStart = head.Value!.Next;
        var colon = IndexOfColon(tokens, itemsStart);
        if (colon >= 0 && MarkItems.TryReadHead(tokens.Skip(itemsStart).Take(colon - itemsStart).ToList(), today, extras, out var headError, groupCodes, calendar))
        {
            if (headError is not null)
                return headError;
            itemsStart = colon + 1;
        }
        else
        {
            colon = -1;
            extras = new MarkExtras();   // the colon was inside an item ("Іваненко: 10"); the head read nothing to keep
        }
        var items = MarkItems.Split(tokens, itemsStart);
        if (items.Count == 0)
            return ParseTexts.StudentMissing(colon >= 0 ? CommandForms.MarkMany : CommandForms.Mark);

        var several = items.Count > 1;
        var scope = head.Value.Students(roster);
        var marks = new List<(StudentEntry Student, string Mark)>();
        Ambiguity? question = null;
        foreach (var item in items)
        {
            var typed = MarkItems.Read(item, today, extras, groupCodes, calendar);
            if (!typed.IsSuccess)
                return Refuse(typed.Error, several);
            var student = StudentMatcher.Resolve(typed.Value!.Name, scope, choices);
            if (student.IsFailure)
                return Refuse(student.Error, several);
            if (student.IsAmbiguous)
            {
                question ??= student.Ambiguity;
                continue;
            }
            if (marks.Any(m => m.Student.Id == student.Value!.Id))
                return Refuse(ParseTexts.StudentTwice(student.Value!.FullName), several);
            marks.Add((student.Value!, typed.Value.MarkText));
        }
        if (question is not null)
            return question;

        var page = PageReader.Page(head.Value, marks.Select(m => m.Student).ToList(), choices);
        if (page.IsFailure)
            return Refuse(page.Error, several);
        if (page.IsAmbiguous)
            return page.Ambiguity;

        var column = extras.Column ?? MarkColumn.Current;
        ResultGroupTarget? target = null;
        if (extras.ResultGroup is { } typedGroup)
        {
            // A group of results with a semester keyword names the semester ("гр2 сем1"); alone, the date's semester.
            int? semester = extras.Column switch
            {
                null => null,
                MarkColumn.Semester1 => 1,
                MarkColumn.Semester2 => 2,
                _ => 0,
            };
            if (semester == 0)
                return Refuse(ParseTexts.ColumnTwice(typedGroup, extras.ColumnText!), several);
            target = new ResultGroupTarget(typedGroup, semester);
            column = MarkColumns.ResultGroupOf(semester ?? 1);
        }

        var assignment = page.Value!;
        return new MarkCommand(
            head.Value.Class, head.Value.Subject, assignment.GroupId, assignment.GroupName,
            extras.Date, column,
            marks.Select(m => new MarkItem(m.Student.Id, m.Student.FullName, m.Mark, m.Student.IndividualStudy)).ToList())
        {
            ResultGroup = target,
        };
    }

    private static int IndexOfColon(IReadOnlyList<Token> tokens, int start)
    {
        for (var i = start; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Colon)
                return i;
        }
        return -1;
    }

    private static DomainError Refuse(DomainError error, bool several) =>
        several ? ParseTexts.NothingSavedAfter(error) : error;
}
