using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Builders;

/// <summary>
/// A school with classes of the sizes asked for, each written through the journal in the same shape: English split
/// into two groups, Monday 16 and Friday 20 November 2026 with four lessons (topics, homework), a mark or an absence
/// for every student on every lesson and a notebook mark. For checking that queries do not grow with size.
/// </summary>
public sealed class SizedSchool
{
    public static readonly DateOnly Monday = new(2026, 11, 16);
    public static readonly DateOnly Friday = new(2026, 11, 20);

    public required School School { get; init; }
    public required IReadOnlyList<SchoolClass> Classes { get; init; }

    public static async Task<SizedSchool> CreateAsync(TestDatabase database, FakeTimeProvider clock, string name, params int[] classSizes)
    {
        var school = new School(name, "Europe/Kyiv");
        var year = new SchoolYear(school.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30));
        var teacher = new Staff(school.Id, "Вчитель", "Петро", null, StaffRoles.Teacher | StaffRoles.ClassTeacher);
        var ukrainian = new Subject(school.Id, "Українська мова", traits: new SubjectTraits(Notebook: NotebookPolicy.CountsAsCurrent, IsLanguageOrLiterature: true));
        var algebra = new Subject(school.Id, "Алгебра");
        var english = new Subject(school.Id, "Англійська мова", traits: new SubjectTraits(IsForeignLanguage: true));
        var classes = new List<(SchoolClass Class, ClassGroup G1, ClassGroup G2, List<Student> Students)>();
        await using (var db = database.NewContext())
        {
            db.AddRange(school, year, teacher, ukrainian, algebra, english);
            for (var n = 1; n <= 4; n++) db.Add(new BellSlot(school.Id, n, new TimeOnly(8, 0).AddMinutes(n * 55), new TimeOnly(8, 45).AddMinutes(n * 55)));
            for (var c = 0; c < classSizes.Length; c++)
            {
                var cls = new SchoolClass(school.Id, year.Id, new ClassName(5 + c % 7, "АБВГДЕЖ"[c / 7].ToString()));
                cls.AssignClassTeacher(teacher.Id);
                db.Add(cls);
                var g1 = new ClassGroup(school.Id, cls.Id, english.Id, 1);
                var g2 = new ClassGroup(school.Id, cls.Id, english.Id, 2);
                var students = new List<Student>();
                for (var i = 0; i < classSizes[c]; i++)
                {
                    var student = new Student(school.Id, $"Учень{c:D2}{i:D2}", "Іван");
                    students.Add(student);
                    db.Add(student);
                    // The last one of a class arrived later (J-4).
                    db.Add(i == classSizes[c] - 1 && i > 0
                        ? new Enrolment(school.Id, student.Id, cls.Id, Monday, 1, true)
                        : new Enrolment(school.Id, student.Id, cls.Id, year.Semester1Start, 0, false));
                    (i % 2 == 0 ? g1 : g2).Add(student.Id);
                }

                db.AddRange(g1, g2);
                foreach (var subject in new[] { ukrainian, algebra }) db.Add(new TeachingAssignment(school.Id, teacher.Id, cls.Id, subject.Id));
                foreach (var g in new[] { g1, g2 }) db.Add(new TeachingAssignment(school.Id, teacher.Id, cls.Id, english.Id, g.Id));
                foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Friday })
                {
                    db.Add(new TimetableEntry(school.Id, cls.Id, ukrainian.Id, day, 1, teacher.Id));
                    db.Add(new TimetableEntry(school.Id, cls.Id, algebra.Id, day, 2, teacher.Id));
                    db.Add(new TimetableEntry(school.Id, cls.Id, english.Id, day, 3, teacher.Id, g1.Id));
                    db.Add(new TimetableEntry(school.Id, cls.Id, english.Id, day, 3, teacher.Id, g2.Id));
                }

                classes.Add((cls, g1, g2, students));
            }

            await db.SaveChangesAsync();
        }

        var journal = (Domain.Persistence.JournalDbContext db) => new JournalService(db, clock, new JournalSettings());
        string[] texts = ["10", "н", "8", "хв", "11", "7"];
        foreach (var (cls, g1, g2, students) in classes)
        {
            foreach (var date in new[] { Monday, Friday })
            {
                foreach (var (subject, group, slot) in new[] { (ukrainian, (ClassGroup?)null, 1), (algebra, null, 2), (english, g1, 3), (english, g2, 3) })
                {
                    Lesson lesson;
                    await using (var db = database.NewContext())
                        lesson = (await journal(db).RecordLessonAsync(Actor.System(), new LessonInput(cls.Id, subject.Id, group?.Id, date, slot,
                            $"Тема {date:dd.MM}", Homework: $"Завдання {date:dd.MM}"))).GetValueOrThrow();
                    var present = students.Where((s, i) => (group is null || group.Members.Any(m => m.StudentId == s.Id)) && (date == Friday || i < students.Count - 1));
                    await using (var db = database.NewContext())
                        (await journal(db).SetCellsAsync(Actor.System(), present.Select((s, i) => new CellInput(s.Id, cls.Id, subject.Id, MarkColumn.Current,
                            texts[(i + slot) % texts.Length], LessonId: lesson.Id)).ToList(), notify: false)).GetValueOrThrow();
                }
            }

            await using (var db = database.NewContext())
                (await journal(db).SetCellsAsync(Actor.System(), students.Take(3).Select(s => new CellInput(s.Id, cls.Id, ukrainian.Id, MarkColumn.Notebook,
                    "9", Date: Friday)).ToList(), notify: false)).GetValueOrThrow();
        }

        return new SizedSchool { School = school, Classes = classes.Select(c => c.Class).ToList() };
    }
}
