using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.Builders;

/// <summary>
/// Two known weeks of 7-А on top of <see cref="TestSchool"/> (9–13 and 16–20 November 2026), written through the
/// journal: bell times, a timetable with English split into groups I (Іваненко, Петренко) and II (Сидоренко and the
/// newcomer Яковенко, who arrived on Monday 16 November), a second newcomer Антоненко Вікторія (Wednesday 18
/// November, in no group: first in the alphabet, last on the list, J-4), an optional chess course, lessons with topics and homework
/// (one held by a substitute, one without a topic), marks (one thematic, one notebook mark) and absences.
/// <code>
///        Mon          Tue          Wed         Thu          Fri
///   1    Укр. мова    Укр. мова                Укр. мова
///   2    Алгебра                   Алгебра                  Алгебра
///   3    Англ. (I)    Англ. (I)                Англ. (I)
///   4    Англ. (II)   Англ. (II)               Англ. (II)
///   6                              Шахи
/// </code>
/// Week of 16 November: Петренко misses all of Tuesday ("н") and Wednesday's algebra ("хв") and chess ("н");
/// Сидоренко misses Monday's algebra ("н"); Яковенко misses Thursday's English II ("хв").
/// </summary>
public sealed class DiaryWeek
{
    public static readonly DateOnly Monday = new(2026, 11, 16);
    public static readonly DateOnly PreviousMonday = new(2026, 11, 9);

    private readonly Dictionary<(DateOnly Date, Guid SubjectId, Guid? GroupId), Lesson> _lessons = [];

    private DiaryWeek(TestSchool s, ClassGroup group2, Student antonenko)
    {
        S = s;
        EnglishGroup2 = group2;
        Antonenko = antonenko;
    }

    public TestSchool S { get; }
    public ClassGroup EnglishGroup2 { get; }

    /// <summary>Arrived on Wednesday 18 November; in no English group.</summary>
    public Student Antonenko { get; }

    public static DateOnly Day(DayOfWeek day, DateOnly? monday = null) => (monday ?? Monday).AddDays(((int)day + 6) % 7);

    public Lesson Lesson(DateOnly date, Subject subject, ClassGroup? group = null) => _lessons[(date, subject.Id, group?.Id)];

    public IEnumerable<Lesson> Lessons => _lessons.Values;

    /// <summary>Homework by page and date: what each lesson of the two weeks set (none where absent).</summary>
    private static string? HomeworkFor(string page, DateOnly date) => (page, date.Day) switch
    {
        ("alg", 9) => "№ 81",
        ("alg", 13) => "№ 101",
        ("alg", 16) => "№ 110, 111",
        ("alg", 20) => "№ 130",
        ("ukr", 12) => "Вправа 50",
        ("ukr", 16) => "Вправа 55",
        ("ukr", 17) => "Вправа 60",
        ("ukr", 19) => "Вивчити правило на с. 70",
        ("en1", 12) => "p. 20, ex. 1",
        ("en1", 16) => "p. 24, ex. 3",
        ("en1", 17) => "p. 26, ex. 5",
        ("en2", 12) => "Workbook p. 8",
        ("en2", 16) => "Workbook p. 9",
        ("en2", 19) => "Workbook p. 11",
        _ => null,
    };

    public static async Task<DiaryWeek> CreateAsync(TestDatabase database, TestSchool s)
    {
        ClassGroup group2;
        Student antonenko;
        await using (var db = database.NewContext())
        {
            antonenko = new Student(s.School.Id, "Антоненко", "Вікторія");
            db.Add(antonenko);
            db.Add(new Enrolment(s.School.Id, antonenko.Id, s.Class7A.Id, Day(DayOfWeek.Wednesday), 2, true));
            group2 = new ClassGroup(s.School.Id, s.Class7A.Id, s.English.Id, 2);
            group2.Add(s.Sydorenko.Id);
            group2.Add(s.Newcomer.Id);
            db.Add(group2);
            db.Add(new TeachingAssignment(s.School.Id, s.EnglishTeacher.Id, s.Class7A.Id, s.English.Id, group2.Id));
            for (var n = 1; n <= 7; n++)
            {
                var starts = new TimeOnly(8, 30).AddMinutes((n - 1) * 55);
                db.Add(new BellSlot(s.School.Id, n, starts, starts.AddMinutes(45)));
            }

            void Entry(Subject subject, DayOfWeek day, int number, Staff teacher, ClassGroup? group = null) =>
                db.Add(new TimetableEntry(s.School.Id, s.Class7A.Id, subject.Id, day, number, teacher.Id, group?.Id));
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday })
            {
                Entry(s.Ukrainian, day, 1, s.ClassTeacher);
                Entry(s.English, day, 3, s.EnglishTeacher, s.EnglishGroup1);
                Entry(s.English, day, 4, s.EnglishTeacher, group2);
            }

            Entry(s.Algebra, DayOfWeek.Monday, 2, s.AlgebraTeacher);
            Entry(s.Algebra, DayOfWeek.Wednesday, 2, s.AlgebraTeacher);
            Entry(s.Optional, DayOfWeek.Wednesday, 6, s.OtherTeacher); // Friday's algebra is TestSchool's
            await db.SaveChangesAsync();
        }

        var week = new DiaryWeek(s, group2, antonenko);
        foreach (var monday in new[] { PreviousMonday, Monday })
        {
            foreach (var (day, slot, subject, group, key) in new (DayOfWeek, int, Subject, ClassGroup?, string)[]
            {
                (DayOfWeek.Monday, 1, s.Ukrainian, null, "ukr"), (DayOfWeek.Monday, 2, s.Algebra, null, "alg"),
                (DayOfWeek.Monday, 3, s.English, s.EnglishGroup1, "en1"), (DayOfWeek.Monday, 4, s.English, group2, "en2"),
                (DayOfWeek.Tuesday, 1, s.Ukrainian, null, "ukr"), (DayOfWeek.Tuesday, 3, s.English, s.EnglishGroup1, "en1"),
                (DayOfWeek.Tuesday, 4, s.English, group2, "en2"),
                (DayOfWeek.Wednesday, 2, s.Algebra, null, "alg"), (DayOfWeek.Wednesday, 6, s.Optional, null, "chess"),
                (DayOfWeek.Thursday, 1, s.Ukrainian, null, "ukr"), (DayOfWeek.Thursday, 3, s.English, s.EnglishGroup1, "en1"),
                (DayOfWeek.Thursday, 4, s.English, group2, "en2"),
                (DayOfWeek.Friday, 2, s.Algebra, null, "alg"),
            })
            {
                var date = Day(day, monday);
                // Thursday's Ukrainian of the second week is recorded without its topic; Monday's English I is a substitute's.
                var topic = key == "ukr" && date == Day(DayOfWeek.Thursday) ? null : $"Тема {key} {date:dd.MM}";
                var substitute = key == "en1" && date == Monday;
                await using var db = database.NewContext();
                var actor = substitute ? s.As(s.OtherTeacher) : Actor.System();
                var lesson = (await s.Journal(db).RecordLessonAsync(actor, new LessonInput(s.Class7A.Id, subject.Id, group?.Id, date, slot, topic,
                    ThemeTitle: date == Monday && key == "alg" ? "Лінійні рівняння" : null, Homework: HomeworkFor(key, date), AsSubstitute: substitute)))
                    .GetValueOrThrow();
                week._lessons[(date, subject.Id, group?.Id)] = lesson;
            }
        }

        var mon = Monday;
        var tue = Day(DayOfWeek.Tuesday);
        var wed = Day(DayOfWeek.Wednesday);
        var thu = Day(DayOfWeek.Thursday);
        var fri = Day(DayOfWeek.Friday);
        await week.CellsAsync(database, week.Lesson(Day(DayOfWeek.Friday, PreviousMonday), s.Algebra), (s.Ivanenko, "9"), (s.Petrenko, "6"));
        await week.CellsAsync(database, week.Lesson(mon, s.Algebra), (s.Ivanenko, "10"), (s.Petrenko, "7"), (s.Sydorenko, "н"));
        await week.CellsAsync(database, week.Lesson(mon, s.Ukrainian), (s.Newcomer, "12"));
        await week.CellsAsync(database, week.Lesson(tue, s.Ukrainian), (s.Petrenko, "н"));
        await week.CellsAsync(database, week.Lesson(tue, s.English, s.EnglishGroup1), (s.Ivanenko, "11"), (s.Petrenko, "н"));
        await week.CellsAsync(database, week.Lesson(tue, s.English, group2), (s.Sydorenko, "9"));
        await week.CellsAsync(database, week.Lesson(wed, s.Algebra), (s.Ivanenko, "8"), (s.Petrenko, "хв"));
        await week.CellsAsync(database, week.Lesson(wed, s.Optional), (s.Petrenko, "н"));
        await week.CellsAsync(database, week.Lesson(thu, s.English, group2), (s.Newcomer, "хв"));
        await week.DatelessAsync(database, s.Ukrainian, MarkColumn.Notebook, thu, (s.Ivanenko, "10"));
        await week.DatelessAsync(database, s.Algebra, MarkColumn.Thematic, fri, (s.Ivanenko, "9"));
        await week.CellsAsync(database, week.Lesson(fri, s.Algebra), (s.Petrenko, "6"));
        return week;
    }

    private async Task CellsAsync(TestDatabase database, Lesson lesson, params (Student Student, string Text)[] cells)
    {
        await using var db = database.NewContext();
        (await S.Journal(db).SetCellsAsync(Actor.System(), cells.Select(c => new CellInput(c.Student.Id, lesson.ClassId, lesson.SubjectId,
            MarkColumn.Current, c.Text, LessonId: lesson.Id)).ToList(), notify: false)).GetValueOrThrow();
    }

    private async Task DatelessAsync(TestDatabase database, Subject subject, MarkColumn column, DateOnly date, params (Student Student, string Text)[] cells)
    {
        await using var db = database.NewContext();
        (await S.Journal(db).SetCellsAsync(Actor.System(), cells.Select(c => new CellInput(c.Student.Id, S.Class7A.Id, subject.Id,
            column, c.Text, Date: date)).ToList(), notify: false)).GetValueOrThrow();
    }
}
