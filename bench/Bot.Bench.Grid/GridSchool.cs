using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;

namespace Bot.Bench.Grid;

/// <summary>
/// One class of 35 students (each with a guardian) and its algebra page with 80 lessons, one a school day from
/// 1 September, topics and homework, a theme title every 10 lessons; about 40 % of cells a mark, 5 % an absence, and a
/// thematic mark per theme for each student — written through <see cref="JournalService"/> as the system (history, no alerts).
/// </summary>
internal sealed record GridSchool(Guid ClassId, Guid SubjectId, Guid TeacherId, IReadOnlyList<Guid> Students, IReadOnlyList<(Guid Id, DateOnly Date)> Lessons)
{
    public static async Task<GridSchool> SeedAsync(JournalDbContext db, TimeProvider clock, int studentCount, int lessonCount)
    {
        var school = new School("Ліцей (бенчмарк)", "Europe/Kyiv");
        var year = new SchoolYear(school.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30));
        var teacher = new Staff(school.Id, "Коваленко", "Ірина", "Петрівна", StaffRoles.Teacher);
        var cls = new SchoolClass(school.Id, year.Id, ClassName.Parse("7-А").Value);
        var algebra = new Subject(school.Id, "Алгебра", traits: new SubjectTraits(Notebook: NotebookPolicy.SeparateColumn));
        db.AddRange(school, year, teacher, cls, algebra, new TeachingAssignment(school.Id, teacher.Id, cls.Id, algebra.Id));
        var random = new Random(7);
        string[] last = ["Бондар", "Шевченко", "Коваль", "Ткаченко", "Кравченко", "Олійник", "Мельник", "Лисенко", "Руденко", "Гнатюк", "Савчук", "Іваненко"];
        string[] first = ["Олег", "Марія", "Андрій", "Софія", "Тарас", "Олена", "Дмитро", "Ірина", "Богдан", "Анна"];
        var students = new List<Guid>();
        for (var i = 0; i < studentCount; i++)
        {
            var s = new Student(school.Id, last[i % last.Length] + (i >= last.Length ? "о" : ""), first[random.Next(first.Length)]);
            var g = new Guardian(school.Id, s.LastName, "Галина");
            db.AddRange(s, g, new GuardianStudent(g.Id, s.Id, "мати"), new Enrolment(school.Id, s.Id, cls.Id, year.StartsOn, 0, false));
            students.Add(s.Id);
        }

        await db.SaveChangesAsync();
        var journal = new JournalService(db, clock, new JournalSettings());
        var system = Actor.System("bench");
        var lessons = new List<(Guid, DateOnly)>();
        var today = SchoolTime.Today(clock, school.TimeZone);
        for (var day = year.StartsOn; lessons.Count < lessonCount && day <= today; day = day.AddDays(1))
        {
            if (!year.IsSchoolDay(day) || day.DayOfWeek == DayOfWeek.Saturday) continue;
            var n = lessons.Count;
            var lesson = (await journal.RecordLessonAsync(system, new LessonInput(cls.Id, algebra.Id, null, day, 3, $"Тема уроку {n + 1}",
                n % 10 == 0 ? $"Розділ {n / 10 + 1}" : null, $"§ {n / 3 + 1}, № {100 + n}"), notify: false)).GetValueOrThrow();
            lessons.Add((lesson.Id, day));
            var cells = students.Select(s => (s, r: random.NextDouble())).Where(x => x.r < 0.45)
                .Select(x => new CellInput(x.s, cls.Id, algebra.Id, MarkColumn.Current, x.r < 0.05 ? "н" : random.Next(4, 13).ToString(), lesson.Id))
                .ToList();
            (await journal.SetCellsAsync(system, cells, notify: false)).GetValueOrThrow();
            if (n % 10 == 9)
                (await journal.SetCellsAsync(system, students.Select(s => new CellInput(s, cls.Id, algebra.Id, MarkColumn.Thematic, random.Next(5, 12).ToString(), Date: day)).ToList(), notify: false)).GetValueOrThrow();
            db.ChangeTracker.Clear();
        }

        return new GridSchool(cls.Id, algebra.Id, teacher.Id, students, lessons);
    }
}
