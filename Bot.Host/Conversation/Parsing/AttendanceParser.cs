using Bot.Domain;

namespace Bot.Host.Conversation.Parsing;

/// <summary>Reads a class teacher's <c>/attendance [7-А] [сьогодні|тиждень|семестр]</c>, in either order.</summary>
public static class AttendanceParser
{
    public static Result<AttendanceCommand> Parse(CommandArgs args, IReadOnlyList<ClassEntry> classes)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(classes);
        ClassEntry? schoolClass = null;
        AttendancePeriod? period = null;
        var words = args.Words;
        for (var i = 0; i < words.Count; i++)
        {
            if (schoolClass is null && ClassReader.TryRead(words, i, out var name, out var consumed))
            {
                var found = ClassReader.InSchool(name, classes);
                if (!found.IsSuccess)
                    return found.Error;
                schoolClass = found.Value;
                i += consumed - 1;
            }
            else if (period is null && ReadPeriod(words, i, out var p, out var used))
            {
                period = p;
                i += used - 1;
            }
            else
            {
                return ParseTexts.Unexpected(words[i].Text, CommandForms.AttendanceClassTeacher);
            }
        }
        return new AttendanceCommand(schoolClass, period);
    }

    /// <summary>A period of one to three words from <paramref name="i"/>: "тиждень", "минулий тиждень", "за минулий тиждень".</summary>
    private static bool ReadPeriod(IReadOnlyList<Token> words, int i, out AttendancePeriod period, out int used)
    {
        for (used = Math.Min(3, words.Count - i); used >= 1; used--)
            if (AttendancePeriods.TryRead(string.Join(" ", words.Skip(i).Take(used).Select(w => w.Text)), out period))
                return true;
        period = default;
        return false;
    }
}
