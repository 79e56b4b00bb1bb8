using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;

namespace Bot.Domain.Demo;

internal sealed partial class JournalFiller
{
    /// <summary>M-5: the thematic mark proposed by <see cref="MarkSuggestions.SuggestThematic"/>, at the date of the theme's last lesson.</summary>
    private async Task ThematicAsync(PageJournal journal, DateOnly day, CancellationToken ct)
    {
        var page = journal.Page;
        var semester = _roster.Year.SemesterOf(day)!.Value;
        var cells = new List<CellInput>();
        foreach (var student in page.Members.Where(s => s.IsActiveOn(day) && !s.IsIndividual))
        {
            var track = journal.Track(student);
            var suggestion = MarkSuggestions.SuggestThematic(track.ThemeWorks, page.Subject.Entity.Traits, page.Class.Grade, page.Class.Entity.IsNus, track.MissedTheme);
            if (suggestion.Value is not { } value) continue;
            cells.Add(Cell(page, student, MarkColumn.Thematic, value.Text, date: day));
            track.Thematics[semester].Add(value);
        }

        await WriteAsync(page.Teacher, cells, ct);
    }

    /// <summary>M-3, M-4: "Зошит" after the month's last lesson, "н/о" for a student who missed most of the month.</summary>
    private async Task MonthEndAsync(DateOnly day, DemoRandom random, CancellationToken ct)
    {
        foreach (var journal in _pages)
        {
            var page = journal.Page;
            if (page.Class.Grade < 5 || page.Subject.Spec.Traits.Notebook == NotebookPolicy.NotApplicable || journal.LastLessonThisMonth is not { } date) continue;
            var cells = new List<CellInput>();
            foreach (var student in page.Members.Where(s => s.IsActiveOn(date) && !s.IsIndividual))
            {
                var track = journal.Track(student);
                if (track.MonthLessons == 0) continue;
                var text = track.MonthAbsences * 10 >= track.MonthLessons * 6 ? MarkValue.NotebookAbsent.Text : MarkMaker.Notebook(student, page, random);
                cells.Add(Cell(page, student, MarkColumn.Notebook, text, date: date));
                track.ThemeWorks.Add(new GradedWork(MarkValue.FromStored(text), MarkColumn.Notebook, MarkColumns.Title(MarkColumn.Notebook)));
            }

            await WriteAsync(page.Teacher, cells, ct);
        }

        foreach (var journal in _pages) journal.NewMonth();
    }

    /// <summary>
    /// M-6: semester marks from the semester's thematic marks (M-12: on individual study, only these); M-8: the annual mark after the
    /// second, for a student with both semester marks (the write path refuses it otherwise). Written on the semester's last school
    /// day, inside the period-mark window (ADR 0033), and the clock stands on that day.
    /// </summary>
    /// <param name="unfilled">The semester's days were not filled (a fill of the last days only): every student gets a mark as on individual study.</param>
    private async Task SemesterEndAsync(DateOnly day, int semester, DemoRandom random, CancellationToken ct, bool unfilled = false)
    {
        var column = semester == 1 ? MarkColumn.Semester1 : MarkColumn.Semester2;
        foreach (var journal in _pages.Where(j => j.Page.Class.Grade >= 5 && j.Page.Subject.Spec.Kind != SubjectKind.Optional))
        {
            var page = journal.Page;
            var cells = new List<CellInput>();
            var annual = new List<CellInput>();
            foreach (var student in page.Members.Where(s => s.IsActiveOn(day)))
            {
                var track = journal.Track(student);
                var text = student.IsIndividual || unfilled
                    ? MarkMaker.Final(student, page, random)
                    : MarkSuggestions.SuggestSemester(track.Thematics[semester], track.MissedSemester(semester)).Value?.Text;
                if (text is null) continue;
                cells.Add(Cell(page, student, column, text, date: day));
                track.Semesters[semester] = MarkValue.FromStored(text);
                if (semester == 2 && Annual(track.Semesters[1], track.Semesters[2]) is { } year)
                    annual.Add(Cell(page, student, MarkColumn.Annual, year.Text, date: day));
            }

            await WriteAsync(page.Teacher, cells, ct);
            await WriteAsync(page.Teacher, annual, ct);
        }
    }

    private static MarkValue? Annual(MarkValue? first, MarkValue? second)
    {
        if (first is not { } one || second is not { } two) return null;
        var numeric = new[] { one, two }.Where(m => m.IsNumeric).ToList();
        if (numeric.Count > 0) return MarkValue.FromPoints(MarkSuggestions.RoundMark(numeric.Average(m => (decimal)m.Points)));
        return two;
    }

    /// <summary>A-1: the class teacher turns the "н" of an illness into "хв" when the student brings the note.</summary>
    private async Task ExcuseNotesAsync(DateOnly day, DemoRandom random, CancellationToken ct)
    {
        foreach (var note in _attendance.NotesOn(day))
            foreach (var missed in note.Days)
            {
                Step(random);
                (await _journal.SetDayAbsenceKindAsync(As(note.Student.Class.ClassTeacher!), note.Student.Entity.Id, missed, AbsenceKind.Ill, ct: ct)).GetValueOrThrow();
                Forget();
            }
    }

    private async Task WriteAsync(DemoStaff teacher, List<CellInput> cells, CancellationToken ct)
    {
        if (cells.Count == 0) return;
        _clock.Advance(TimeSpan.FromSeconds(2));
        (await _journal.SetCellsAsync(As(teacher), cells, notify: false, ct)).GetValueOrThrow();
        Forget();
    }

    /// <summary>J-9: a few teacher-days away (courses, illness); another teacher free in that slot holds the lesson.</summary>
    private HashSet<(int Teacher, DateOnly Day)> TeachersAway(DemoRandom random)
    {
        var away = new HashSet<(int, DateOnly)>();
        var teachers = _roster.Staff.Where(s => s.Specialty is not null).ToList();
        for (var i = 0; i < 3 * _roster.Scale && _days.Count > 0; i++)
            away.Add((random.Pick(teachers).Index, random.Pick(_days)));
        return away;
    }

    private DemoStaff? Substitute(DemoPage page, DateOnly day, int weekday, int number, HashSet<(int Teacher, int Number)> taken, DemoRandom random)
    {
        if (!_away.Contains((page.Teacher.Index, day))) return null;
        var free = _roster.Staff.Where(s => s.Specialty is not null && !_away.Contains((s.Index, day))
            && !_busy.Contains((s.Index, weekday, number)) && !taken.Contains((s.Index, number))).ToList();
        if (free.Count == 0) return null;
        var colleagues = free.Where(s => s.Specialty == page.Teacher.Specialty).ToList();
        var substitute = random.Pick(colleagues.Count > 0 ? colleagues : free);
        taken.Add((substitute.Index, number));
        return substitute;
    }
}
