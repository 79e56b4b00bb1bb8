using Bot.Domain;
using Bot.Domain.Roster;

namespace Bot.Host.Conversation.Parsing;

/// <summary>Reads the class a teacher's form begins with ("7-А", "7А", "7а", "7-A", "7 А", "7-А клас") and finds it.</summary>
internal static class ClassReader
{
    private static readonly string[] ClassWords = ["клас", "кл"];

    /// <summary>Whether <paramref name="tokens"/>[<paramref name="index"/>] starts a class name; how many tokens it takes.</summary>
    public static bool TryRead(IReadOnlyList<Token> tokens, int index, out ClassName name, out int consumed)
    {
        var result = Read(tokens, index, out consumed);
        name = result.IsSuccess ? result.Value : default;
        return result.IsSuccess;
    }

    /// <summary>The class at <paramref name="index"/>, or <see cref="ClassName.Parse"/>'s refusal of that word.</summary>
    public static Result<ClassName> Read(IReadOnlyList<Token> tokens, int index, out int consumed)
    {
        consumed = 0;
        if (index >= tokens.Count || !tokens[index].IsWord || tokens[index].Quoted)
            return ClassName.Parse("");
        var first = tokens[index];
        var result = ClassName.Parse(first.Text);
        consumed = 1;
        // "7 А": the grade and the letter typed apart
        if (!result.IsSuccess && first.Text.All(char.IsAsciiDigit) && index + 1 < tokens.Count
            && tokens[index + 1] is { IsWord: true, Quoted: false, Text.Length: 1 } letter)
        {
            var joined = ClassName.Parse(first.Text + letter.Text);
            if (joined.IsSuccess)
            {
                result = joined;
                consumed = 2;
            }
        }
        if (!result.IsSuccess)
        {
            consumed = 0;
            return result;
        }
        if (index + consumed < tokens.Count && tokens[index + consumed].IsWord
            && ClassWords.Contains(tokens[index + consumed].Key))
            consumed++;
        return result;
    }

    /// <summary>The class of the school year with this name.</summary>
    public static Result<ClassEntry> InSchool(ClassName name, IReadOnlyList<ClassEntry> classes) =>
        classes.FirstOrDefault(c => c.Name == name) is { } found ? found : ParseTexts.ClassNotInSchool(name.ToString());

    /// <summary>The class, if the teacher teaches in it.</summary>
    public static Result<ClassEntry> ForTeacher(ClassName name, RosterSnapshot roster)
    {
        var found = InSchool(name, roster.Classes);
        if (!found.IsSuccess)
            return found;
        return roster.Assignments.Any(a => a.ClassId == found.Value!.Id)
            ? found
            : ParseTexts.ClassNotYours(name.ToString(), roster.TeacherClasses);
    }
}
