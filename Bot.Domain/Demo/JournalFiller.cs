using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Demo;

/// <summary>
/// Writes the journal of every school day through <see cref="JournalService"/>, as the teachers would: each lesson
/// of the timetable recorded by its teacher (or a substitute, J-9) after its bell, then its marks and absences in one
/// batch; thematic marks when a theme closes; notebooks at month end; the class teacher's "н" → "хв"; semester
/// marks at a semester's end. The clock stands at each moment, so J-7 and M-2 hold as they would in life. A day is
/// one transaction; the change tracker is cleared between days.
/// </summary>
internal sealed partial class JournalFiller
{
    private static readonly TimeOnly EndOfDay = new(16, 30);

    private readonly JournalDbContext _db;
    private readonly DemoRoster _roster;
    private readonly SteppingClock _clock;
    private readonly JournalService _journal;
    private readonly IReadOnlyList<DateOnly> _days;
    private readonly DateOnly _today;
    private readonly TimeOnly? _timeOfDay;
    private readonly PageJournal[] _pages;
    private readonly AttendancePlan _attendance;
    private readonly HashSet<(int Teacher, DateOnly Day)> _away;
    private readonly HashSet<(int Teacher, int Day, int Number)> _busy;
    private readonly SchoolCalendar _calendar;

    public JournalFiller(JournalDbContext db, DemoRoster roster, SteppingClock clock, IReadOnlyList<DateOnly> days, DateOnly today, TimeOnly? timeOfDay)
    {
        _db = db;
        _roster = roster;
        _clock = clock;
        _journal = new JournalService(db, clock, new JournalSettings());
        _days = days;
        _today = today;
        _timeOfDay = timeOfDay;
        _pages = roster.Pages.Select(p => new PageJournal(p, DemoRandom.For(roster.Seed, $"page:{p.Index}"))).ToArray();
        _attendance = AttendancePlan.Build(roster, days);
        _calendar = new SchoolCalendar(roster.Year);
        _busy = roster.Classes.SelectMany(c => Slots(c).SelectMany(s => s.Pages.Select(p => (p.Teacher.Index, s.Day, s.Number)))).ToHashSet();
        _away = TeachersAway(DemoRandom.For(roster.Seed, "substitutions"));
    }

    public async Task FillAsync(CancellationToken ct)
    {
        var savepoints = _db.Database.AutoSavepointsEnabled;
        _db.Database.AutoSavepointsEnabled = false;
        try
        {
            // A fill that starts after semester I (DaysBack) still gives semester I's marks, on its last school day — inside
            // their window, as a teacher would have (ADR 0033) — so that the year's annual marks have both semesters.
            if (_days.Count > 0 && _days[0] > _calendar.Semester1LastDay)
            {
                await using var transaction = await _db.Database.BeginTransactionAsync(ct);
                _clock.MoveTo(_calendar.Semester1LastDay, EndOfDay);
                await SemesterEndAsync(_calendar.Semester1LastDay, 1, DemoRandom.For(_roster.Seed, "semester1"), ct, unfilled: true);
                await transaction.CommitAsync(ct);
                _db.ChangeTracker.Clear();
            }

            foreach (var day in _days)
            {
                await using var transaction = await _db.Database.BeginTransactionAsync(ct);
                await DayAsync(day, DemoRandom.For(_roster.Seed, $"day:{day:yyyyMMdd}"), ct);
                await transaction.CommitAsync(ct);
                _db.ChangeTracker.Clear();
            }
        }
        finally
        {
            _db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private async Task DayAsync(DateOnly day, DemoRandom random, CancellationToken ct)
    {
        var until = day == _today ? _timeOfDay ?? TimeOnly.MaxValue : TimeOnly.MaxValue;
        var weekday = (int)day.DayOfWeek - 1;
        var substitutes = new HashSet<(int Teacher, int Number)>();
        for (var number = 1; number <= DemoCalendar.Bells.Count; number++)
        {
            var ends = DemoCalendar.Bells[number - 1].Ends;
            if (ends > until) return;
            _clock.MoveTo(day, ends.AddMinutes(1));
            foreach (var cls in _roster.Classes)
                foreach (var page in cls.Week[weekday, number])
                    await LessonAsync(_pages[page.Index], day, number, Substitute(page, day, weekday, number, substitutes, random), random, ct);
        }

        if (EndOfDay > until) return;
        _clock.MoveTo(day, EndOfDay);
        await ExcuseNotesAsync(day, random, ct);
        if (_calendar.IsMonthEnd(day)) await MonthEndAsync(day, random, ct);
        if (_calendar.SemesterEndingOn(day) is { } semester) await SemesterEndAsync(day, semester, random, ct);
    }

    private async Task LessonAsync(PageJournal journal, DateOnly day, int number, DemoStaff? substitute, DemoRandom random, CancellationToken ct)
    {
        var page = journal.Page;
        var plan = journal.Themes.Next();
        journal.Lessons++;
        journal.LastLessonThisMonth = day;
        var holder = substitute ?? page.Teacher;
        var input = new LessonInput(page.Class.Entity.Id, page.Subject.Entity.Id, page.Group?.Id, day, number, plan.Topic, plan.ThemeTitle,
            Homework.For(page, plan, journal.Lessons, random), AsSubstitute: substitute is not null);
        Step(random);
        var lesson = (await _journal.RecordLessonAsync(As(holder), input, notify: false, ct)).GetValueOrThrow();

        var cells = Cells(journal, plan, lesson, day, marks: substitute is null, random);
        if (cells.Count > 0)
        {
            Step(random);
            (await _journal.SetCellsAsync(As(page.Teacher), cells, notify: false, ct)).GetValueOrThrow();
        }

        if (plan.EndsTheme)
        {
            if (page.Class.Grade >= 5 && page.Subject.Spec.Kind != SubjectKind.Optional) await ThematicAsync(journal, day, ct);
            journal.NewTheme();
        }

        Forget();
    }

    /// <summary>
    /// Stops tracking what was written: every save scans the tracked rows (DetectChanges), so they would make each
    /// save slower. Classes, subjects, the year and the school stay, and the journal finds them without a query.
    /// Groups go too: scanning their members' collections costs more than reading a group again.
    /// </summary>
    private void Forget()
    {
        var tracker = _db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        foreach (var entry in tracker.Entries().ToList())
            if (entry.Entity is not (School or SchoolYear or Holiday or SchoolClass or Subject or AuditChainHead))
                entry.State = EntityState.Detached;
        tracker.AutoDetectChangesEnabled = detect;
    }

    /// <summary>The lesson's absences and marks (M-1, M-2): about a third of the students present, all for a test.</summary>
    private List<CellInput> Cells(PageJournal journal, LessonPlan plan, Lesson lesson, DateOnly day, bool marks, DemoRandom random)
    {
        var page = journal.Page;
        var semester = _roster.Year.SemesterOf(day)!.Value;
        var cells = new List<CellInput>();
        var present = new List<DemoStudent>();
        foreach (var student in page.Members.Where(s => s.IsActiveOn(day) && !s.IsIndividual))
        {
            var absence = _attendance.On(student, day) switch
            {
                DayAbsence.Ill => "хв",
                DayAbsence.IllNoteLater or DayAbsence.Unexcused => "н",
                _ => random.Chance(0.012) ? "н" : null,
            };
            journal.Track(student).Held(absence is not null, semester);
            if (absence is null) present.Add(student);
            else cells.Add(Cell(page, student, MarkColumn.Current, absence, lesson: lesson));
        }

        if (!marks || page.Subject.Spec.Kind == SubjectKind.Optional) return cells;
        var share = plan.Kind switch
        {
            LessonKind.Control => 0.95,
            LessonKind.Independent => 0.7,
            LessonKind.Laboratory or LessonKind.Practical => 0.55,
            LessonKind.Summary => 0.5,
            _ => random.Between(0.25, 0.4),
        };
        var workKind = plan.WorkKind(page.Subject.Spec);
        var marked = present.OrderBy(s => journal.Track(s).CurrentMarksInTheme + random.Between(0.0, 1.5)).Take((int)Math.Round(present.Count * share));
        foreach (var student in marked)
        {
            var text = MarkMaker.Current(student, page, plan.Kind, random);
            cells.Add(Cell(page, student, MarkColumn.Current, text, lesson: lesson, workKind: workKind));
            journal.Track(student).ThemeWorks.Add(new GradedWork(MarkValue.FromStored(text), MarkColumn.Current, workKind ?? MarkColumns.Title(MarkColumn.Current)));
        }

        return cells;
    }

    private static CellInput Cell(DemoPage page, DemoStudent student, MarkColumn column, string text, Lesson? lesson = null, DateOnly? date = null,
        string? workKind = null) =>
        new(student.Entity.Id, page.Class.Entity.Id, page.Subject.Entity.Id, column, text, lesson?.Id, page.Group?.Id, lesson is null ? date : null, workKind);

    private static Actor As(DemoStaff staff) => Actor.For(staff.Entity, Channel.System);

    private void Step(DemoRandom random) => _clock.Advance(TimeSpan.FromSeconds(random.Between(1, 3)));

    private static IEnumerable<(int Day, int Number, List<DemoPage> Pages)> Slots(DemoClass cls)
    {
        for (var d = 0; d < cls.Week.GetLength(0); d++)
            for (var n = 1; n < cls.Week.GetLength(1); n++)
                if (cls.Week[d, n].Count > 0) yield return (d, n, cls.Week[d, n]);
    }
}
