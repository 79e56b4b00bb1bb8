using System.Globalization;
using Bot.Domain;

namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// Reads a teacher's <c>/absent 7-А Іваненко Петренко [3 урок] [dd.MM]</c>: students by surname (with the first name
/// or its initial for namesakes), separated by spaces or commas; the lesson's number and the date anywhere after the
/// class. A weekday word that is also a student's surname ("Середа") is the student.
/// </summary>
public static class AbsentParser
{
    public static Parsed<AbsentCommand> Parse(CommandArgs args, RosterSnapshot roster, DateOnly today, Choices? choices = null, Bot.Domain.Diary.SchoolDays? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(roster);
        choices ??= Choices.None;
        var tokens = args.Tokens;
        if (tokens.Count == 0)
            return ParseTexts.Format(CommandForms.AbsentTeacher);
        var className = ClassReader.Read(tokens, 0, out var next);
        if (!className.IsSuccess)
            return ParseTexts.ClassNotRead(className.Error, CommandForms.AbsentTeacher);
        var found = ClassReader.ForTeacher(className.Value, roster);
        if (!found.IsSuccess)
            return found.Error;
        var schoolClass = found.Value!;
        var students = roster.StudentsOf(schoolClass.Id);

        DateOnly? date = null;
        int? lesson = null;
        var segments = new List<List<Token>> { new() };
        for (var i = next; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Comma)
            {
                segments.Add([]);
                continue;
            }
            if (!token.IsWord)
                continue;
            if (LessonNumbers.TryRead(tokens, i, out var number, out var consumed))
            {
                if (!number.IsSuccess)
                    return number.Error;
                lesson = number.Value;
                i += consumed - 1;
                continue;
            }
            // "в середу", "за вчора": the preposition goes with the day after it.
            if (IsPreposition(token) && i + 1 < tokens.Count && tokens[i + 1].IsWord && !IsStudentWord(tokens[i + 1], students)
                && DateWords.TryReadDay(tokens[i + 1].Text, today, DayReference.Past, out _, calendar))
                continue;
            if (!IsStudentWord(token, students) && DateWords.TryReadDay(token.Text, today, DayReference.Past, out var day, calendar))
            {
                if (!day.IsSuccess)
                    return day.Error;
                if (date is { } known && known != day.Value)
                    return ParseTexts.DateTwice(known.ToString("dd.MM", CultureInfo.InvariantCulture), token.Text);
                date = day.Value;
                continue;
            }
            segments[^1].Add(token);
        }

        var scope = StudentScope.WholeClass(schoolClass.Name.ToString(), students);
        var absent = new List<StudentEntry>();
        Ambiguity? question = null;
        foreach (var name in segments.SelectMany(s => StudentMatcher.SplitNames(s, students)))
        {
            var student = StudentMatcher.Resolve(name, scope, choices);
            if (student.IsFailure)
                return student.Error;
            if (student.IsAmbiguous)
                question ??= student.Ambiguity;
            else if (absent.All(s => s.Id != student.Value!.Id))
                absent.Add(student.Value!);
        }
        if (question is not null)
            return question;
        if (absent.Count == 0)
            return ParseTexts.AbsentStudentsMissing();
        return new AbsentCommand(schoolClass, absent, date, lesson);
    }

    private static bool IsPreposition(Token token) => DateWords.Key(token.Text) is "в" or "у" or "на" or "за";

    private static bool IsStudentWord(Token token, IReadOnlyList<StudentEntry> students) =>
        StudentMatcher.Match([token.Key], students).Count > 0;
}
