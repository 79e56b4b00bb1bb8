using Bot.Domain;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;

namespace Bot.Host.Conversation.Parsing;

/// <summary>One student's mark as typed: the text goes to <see cref="CellParser"/> unchanged.</summary>
public sealed record MarkItem(Guid StudentId, string StudentName, string MarkText, bool IndividualStudy = false);

/// <summary>A mark's text read for a cell, for a preview before it is written.</summary>
public sealed record CheckedMark(Guid StudentId, string StudentName, CellValue Value);

/// <summary>
/// A group of learning outcomes as typed in <c>/mark</c> ("гр2"), and the semester when a keyword named it (N-7); the
/// handler finds the group among the subject's and the semester by the date otherwise.
/// </summary>
public sealed record ResultGroupTarget(string Typed, int? Semester);

/// <summary>
/// <c>/mark</c> read against the roster: one column of one page (class, subject, group), one date or none, and one
/// or more students with the text of their marks. The marks are not checked here: <see cref="Check"/> runs the
/// domain's <see cref="CellParser"/> for a preview; the journal checks them again when it writes.
/// </summary>
public sealed record MarkCommand(
    ClassEntry Class,
    SubjectEntry Subject,
    Guid? GroupId,
    string? GroupName,
    DateOnly? Date,
    MarkColumn Column,
    IReadOnlyList<MarkItem> Items)
{
    public Guid ClassId => Class.Id;

    /// <summary>The group of results typed instead of a column (<see cref="Column"/> is then a group-of-results column).</summary>
    public ResultGroupTarget? ResultGroup { get; init; }

    /// <summary>The group found by the handler for <see cref="ResultGroup"/>.</summary>
    public Guid? ResultGroupId { get; init; }

    public Guid SubjectId => Subject.Id;

    /// <summary>N-12: the teachers' council lets this class's semester and annual marks be "зар"/"незар" (set by the handler).</summary>
    public bool CouncilCredit { get; init; }

    /// <summary>"Англійська мова (I група)".</summary>
    public string PageTitle => ClassGroup.PageTitle(Subject.Name, GroupName);

    /// <summary>
    /// Reads every item's text with <see cref="CellParser"/> for the class's grade, the column and the subject —
    /// all or nothing: the first refusal, with the student's name in front (and, for several students, that
    /// nothing was saved).
    /// </summary>
    public Result<IReadOnlyList<CheckedMark>> Check()
    {
        var checkedMarks = new List<CheckedMark>(Items.Count);
        foreach (var item in Items)
        {
            var cell = CellParser.Parse(item.MarkText, Class.Name.Grade, Column, Subject.TraitsOrRegular, item.IndividualStudy, CouncilCredit);
            if (!cell.IsSuccess)
            {
                var error = ParseTexts.ForStudent(item.StudentName, cell.Error);
                return Items.Count > 1 ? ParseTexts.NothingSavedAfter(error) : error;
            }
            checkedMarks.Add(new CheckedMark(item.StudentId, item.StudentName, cell.Value!));
        }
        return Result<IReadOnlyList<CheckedMark>>.Ok(checkedMarks);
    }

    /// <summary>The journal's inputs for this command, on <paramref name="lessonId"/> when the caller found the lesson.</summary>
    public IReadOnlyList<CellInput> ToCellInputs(Guid? lessonId = null) =>
        Items.Select(i => new CellInput(i.StudentId, ClassId, SubjectId, Column, i.MarkText, lessonId, GroupId,
            MarkColumns.IsResultGroup(Column) ? null : Date, ResultGroupId: ResultGroupId)).ToList();
}
