namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// The head of a teacher's form — a class, then one of the subjects the teacher teaches there — with the
/// teacher's assignments for that subject (one, or one per group) and the index of the next token.
/// </summary>
internal sealed record PageHead(ClassEntry Class, SubjectEntry Subject, Token SubjectToken, IReadOnlyList<TeachingEntry> Assignments, int Next)
{
    /// <summary>The students any of the assignments covers (the group's members, or the whole class).</summary>
    public StudentScope Students(RosterSnapshot roster)
    {
        var all = roster.StudentsOf(Class.Id);
        var pool = all.Where(s => Assignments.Any(a => a.Includes(s.Id))).ToList();
        var page = Assignments.All(a => a.GroupStudentIds is not null)
            ? string.Join(", ", Assignments.Select(a => a.PageTitle))
            : null;
        return new StudentScope(Class.Name.ToString(), all, pool, page);
    }
}

internal static class PageReader
{
    /// <summary>Reads "7-А алгебра" from the start of <paramref name="args"/>.</summary>
    public static Parsed<PageHead> Read(CommandArgs args, RosterSnapshot roster, Choices choices, string form)
    {
        var tokens = args.Tokens;
        if (tokens.Count == 0)
            return ParseTexts.Format(form);
        var className = ClassReader.Read(tokens, 0, out var next);
        if (!className.IsSuccess)
            return ParseTexts.ClassNotRead(className.Error, form);
        var found = ClassReader.ForTeacher(className.Value, roster);
        if (!found.IsSuccess)
            return found.Error;
        var schoolClass = found.Value!;

        var assignments = roster.AssignmentsIn(schoolClass.Id);
        var subjects = assignments.Select(a => a.Subject).DistinctBy(s => s.Id).ToList();
        var name = schoolClass.Name.ToString();
        if (next >= tokens.Count || !tokens[next].IsWord)
            return ParseTexts.SubjectMissing(subjects, form);

        var subjectToken = tokens[next];
        var subject = SubjectMatcher.Read(tokens, next, subjects, choices,
            typed => ParseTexts.SubjectUnknownInClass(typed, name, subjects), out var consumed);
        if (!subject.IsSuccess)
            return subject.Relay<PageHead>();
        var pages = assignments.Where(a => a.Subject.Id == subject.Value!.Id).ToList();
        return new PageHead(schoolClass, subject.Value!, subjectToken, pages, next + consumed);
    }

    /// <summary>
    /// The assignment (page) the command writes to. One assignment: that one. Several groups of the subject: the
    /// one whose members include all <paramref name="students"/>; with no students to tell, the teacher is asked.
    /// </summary>
    public static Parsed<TeachingEntry> Page(PageHead head, IReadOnlyList<StudentEntry>? students, Choices choices)
    {
        if (head.Assignments.Count == 1)
            return head.Assignments[0];
        var fitting = students is null
            ? head.Assignments
            : head.Assignments.Where(a => students.All(s => a.Includes(s.Id))).ToList();
        if (fitting.Count == 1)
            return fitting[0];
        if (fitting.Count == 0)
            return ParseTexts.GroupsMixed(head.Subject.Name, students!.Select(s => s.FullName));

        var slot = Choices.Slot(AmbiguityKind.Group, head.SubjectToken);
        if (choices.Pick(slot, fitting, GroupKey) is { } picked)
            return picked;
        return new Ambiguity(AmbiguityKind.Group, slot, head.SubjectToken.Text, ParseTexts.GroupQuestion(head.Subject.Name),
            fitting.Select(a => new Candidate(GroupKey(a), a.PageTitle)).ToList());
    }

    /// <summary>The id a group candidate carries: the group's id, or <see cref="Guid.Empty"/> for the whole class.</summary>
    private static Guid GroupKey(TeachingEntry assignment) => assignment.GroupId ?? Guid.Empty;
}
