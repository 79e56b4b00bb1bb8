namespace Bot.Domain.Roster.Import;

/// <summary>
/// What an import would do (the preview) or did (the commit): the rows that cannot be imported and why, and the
/// counts of what is new and what changes. <see cref="FileProblem"/> is set when the file as a whole is unreadable.
/// </summary>
public sealed record ImportPlan(
    string? FileProblem,
    IReadOnlyList<ImportProblem> Problems,
    int Rows,
    IReadOnlyList<string> NewClasses,
    int NewStudents,
    int UpdatedStudents,
    int UnchangedStudents,
    int NewGuardians,
    int UpdatedGuardians,
    IReadOnlyList<string> Changes)
{
    public bool CanCommit => FileProblem is null && Problems.Count == 0 && Rows > 0;

    public int Students => NewStudents + UpdatedStudents + UnchangedStudents;

    public static ImportPlan Unreadable(string problem) => new(problem, [], 0, [], 0, 0, 0, 0, 0, []);
}
