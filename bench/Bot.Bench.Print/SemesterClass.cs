using Bot.Domain.Attendance;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;

namespace Bot.Bench.Print;

/// <summary>
/// One class of <c>students</c> with <c>subjects</c> subjects (two of them split into two groups, J-5) and a whole first
/// semester of lessons: topics (a theme title every eighth lesson, every fifth topic long enough to wrap), homework,
/// a substitute now and then, a current mark for about a third of the students at each lesson, "н"/"хв" for about 3 %,
/// thematic marks every eighth lesson and the semester marks. Written in bulk past the journal's rules: it is data to print.
/// </summary>
internal static class SemesterClass
{
    private static readonly string[] SubjectNames =
    [
        "Українська мова", "Українська література", "Зарубіжна література", "Англійська мова", "Німецька мова", "Алгебра", "Геометрія",
        "Історія України", "Всесвітня історія", "Біологія", "Географія", "Фізика", "Хімія", "Інформатика", "Фізична культура",
        "Мистецтво", "Основи здоров'я", "Трудове навчання",
    ];

    private static readonly string[] LastNames =
    [
        "Іваненко", "Петренко", "Сидоренко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Шевченко", "Олійник", "Шевчук", "Поліщук",
        "Лисенко", "Бойко", "Мельник", "Ковальчук", "Савченко", "Руденко", "Марченко", "Мороз", "Гончаренко", "Левченко", "Харченко",
        "Ярошенко-Вишневецька", "Гнатюк", "Кузьменко", "Павленко", "Собко", "Яковенко", "Заїка", "Ґудзь", "Романенко", "Костенко",
        "Пономаренко", "Литвиненко", "Дорошенко", "Кириленко", "Вакуленко", "Тимошенко", "Гордієнко", "Юрченко",
    ];

    private static readonly string[] FirstNames = ["Олег", "Марія", "Андрій", "Софія", "Богдан", "Анастасія-Вікторія", "Дмитро", "Ірина", "Тарас", "Олена"];

    public static async Task<Guid> WriteAsync(JournalDbContext db, int students, int subjects)
    {
        var random = new Random(20261226);
        var school = new School("Ліцей № 1 імені Лесі Українки Київської міської ради", "Europe/Kyiv");
        var year = new SchoolYear(school.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30));
        year.AddHoliday("Осінні канікули", new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 1));
        var cls = new SchoolClass(school.Id, year.Id, new ClassName(8, "А"));
        var teacher = new Staff(school.Id, "Коваленко", "Ірина", "Петрівна", StaffRoles.Teacher | StaffRoles.ClassTeacher);
        var substitute = new Staff(school.Id, "Ткаченко", "Андрій", "Миколайович", StaffRoles.Teacher);
        cls.AssignClassTeacher(teacher.Id);
        db.AddRange(school, year, cls, teacher, substitute);

        var kids = Enumerable.Range(0, students)
            .Select(i => new Student(school.Id, LastNames[i % LastNames.Length], FirstNames[(i * 7) % FirstNames.Length])).ToList();
        db.AddRange(kids);
        foreach (var k in kids) db.Add(new Enrolment(school.Id, k.Id, cls.Id, year.StartsOn, 0, false));

        var pages = new List<(Subject Subject, ClassGroup? Group, List<Student> Members, int PerWeek)>();
        for (var s = 0; s < subjects; s++)
        {
            var subject = new Subject(school.Id, SubjectNames[s % SubjectNames.Length] + (s >= SubjectNames.Length ? $" {s / SubjectNames.Length + 1}" : ""));
            db.Add(subject);
            db.Add(new TeachingAssignment(school.Id, teacher.Id, cls.Id, subject.Id));
            var perWeek = 1 + s % 4;
            if (s is 3 or 13)
            {
                // J-5: two groups of half the class each.
                for (var g = 1; g <= 2; g++)
                {
                    var group = new ClassGroup(school.Id, cls.Id, subject.Id, g);
                    var members = kids.Where((_, i) => i % 2 == g - 1).ToList();
                    foreach (var m in members) group.Add(m.Id);
                    db.Add(group);
                    pages.Add((subject, group, members, perWeek));
                }
            }
            else
            {
                pages.Add((subject, null, kids, perWeek));
            }
        }

        var now = new DateTime(2026, 12, 26, 12, 0, 0, DateTimeKind.Utc);
        var schoolDays = new List<DateOnly>();
        for (var d = year.Semester1Start; d <= year.Semester1End; d = d.AddDays(1))
            if (year.IsSchoolDay(d)) schoolDays.Add(d);

        foreach (var (subject, group, members, perWeek) in pages)
        {
            var number = 0;
            var days = schoolDays.Where(d => ((int)d.DayOfWeek + subject.Name.Length) % 5 < perWeek).ToList();
            foreach (var date in days)
            {
                var lesson = new Lesson(school.Id, year.Id, cls.Id, subject.Id, group?.Id, teacher.Id, date, 1 + random.Next(7)) { Number = ++number };
                var topic = number % 5 == 0
                    ? $"Узагальнення та систематизація знань з теми; підготовка до контрольної роботи; розв'язування задач підвищеної складності № {number}"
                    : $"Урок {number}: нова тема та вправи";
                lesson.Describe(topic, number % 8 == 1 ? $"Розділ {number / 8 + 1}. Назва розділу програми" : null);
                lesson.SetHomework($"§ {number}, вправи {number * 3}–{number * 3 + 4}, с. {number + 10}");
                if (number % 17 == 0) lesson.MarkSubstitution(substitute.Id, substitute.ShortName);
                db.Add(lesson);
                foreach (var student in members)
                {
                    var roll = random.Next(100);
                    if (roll < 3)
                        db.Add(new Absence(school.Id, lesson.Id, student.Id, cls.Id, subject.Id, date, roll == 0 ? AbsenceKind.Ill : AbsenceKind.Absent, teacher.Id, now));
                    else if (roll < 35)
                        db.Add(new Mark(school.Id, year.Id, student.Id, cls.Id, subject.Id, group?.Id, MarkColumn.Current, date, lesson.Id,
                            MarkValue.FromPoints(4 + random.Next(9)), null, teacher.Id, now));
                    if (number % 8 == 0)
                        db.Add(new Mark(school.Id, year.Id, student.Id, cls.Id, subject.Id, group?.Id, MarkColumn.Thematic, date, null,
                            MarkValue.FromPoints(5 + random.Next(8)), null, teacher.Id, now));
                }
            }

            foreach (var student in members)
                db.Add(new Mark(school.Id, year.Id, student.Id, cls.Id, subject.Id, group?.Id, MarkColumn.Semester1, year.Semester1End, null,
                    MarkValue.FromPoints(5 + random.Next(8)), null, teacher.Id, now));
        }

        await db.SaveChangesAsync();
        return cls.Id;
    }
}
