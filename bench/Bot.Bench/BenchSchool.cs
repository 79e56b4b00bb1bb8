using Bot.Domain.Attendance;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;

namespace Bot.Bench;

/// <summary>
/// A school of N classes × 30 students with 20 school days of lessons (6 a day per student; English in two groups),
/// marks and absences, inserted in bulk through the DbContext: this measures reads, so the journal's write rules
/// (JournalService) are skipped. Deterministic for a given size (fixed random seed).
/// </summary>
internal static class BenchSchool
{
    public const int StudentsPerClass = 30;
    public const int LessonsPerDay = 6;
    public const int SchoolDays = 20;

    /// <summary>Monday 2 November 2026; 20 school days run to Friday 27 November.</summary>
    public static readonly DateOnly FirstDay = new(2026, 11, 2);
    public static readonly DateOnly LastDay = new(2026, 11, 27);

    private static readonly string[] SubjectNames =
    [
        "Українська мова", "Українська література", "Математика", "Історія України", "Природознавство",
        "Фізика", "Хімія", "Біологія", "Географія", "Фізична культура", "Мистецтво",
    ];

    private static readonly string[] LastNames =
    [
        "Бондаренко", "Коваленко", "Шевченко", "Ткаченко", "Мельник", "Кравченко", "Олійник", "Лисенко", "Савченко", "Руденко",
        "Петренко", "Марченко", "Гончаренко", "Бойко", "Поліщук", "Ковальчук", "Білик", "Гнатюк", "Яковенко", "Ярошенко",
    ];

    private static readonly string[] FirstNames =
        ["Олег", "Марія", "Андрій", "Софія", "Богдан", "Ірина", "Тарас", "Олена", "Дмитро", "Юлія", "Ґанна", "Євген", "Їжак", "Іван"];

    // Every letter a class may have (ClassName): 11 grades × 32 letters = 352 classes at most.
    private const string ClassLetters = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ";

    public const int MaxClasses = 11 * 32;

    public sealed record Generated(Guid SchoolId, int Classes, int Students, int Lessons, int Marks, int Absences);

    public static async Task<Generated> GenerateAsync(JournalDbContext db, int classes)
    {
        var random = new Random(20261102);
        var now = new DateTime(2026, 11, 27, 16, 0, 0, DateTimeKind.Utc);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var school = new School("Бенчмарк-ліцей", "Europe/Kyiv");
        var year = new SchoolYear(school.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30));
        year.AddHoliday("Осінні канікули", new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 1));
        db.AddRange(school, year);
        var subjects = SubjectNames.Select(n => new Subject(school.Id, n)).ToList();
        var english = new Subject(school.Id, "Англійська мова", traits: new SubjectTraits(IsForeignLanguage: true));
        db.AddRange(subjects);
        db.Add(english);
        var teachers = Enumerable.Range(0, 12).Select(i => new Staff(school.Id, LastNames[i], FirstNames[i], null, StaffRoles.Teacher)).ToList();
        db.AddRange(teachers);
        for (var n = 1; n <= LessonsPerDay; n++)
            db.Add(new BellSlot(school.Id, n, new TimeOnly(8, 30).AddMinutes((n - 1) * 55), new TimeOnly(9, 15).AddMinutes((n - 1) * 55)));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var days = Enumerable.Range(0, 28).Select(i => FirstDay.AddDays(i)).Where(year.IsSchoolDay).ToList();
        if (days.Count != SchoolDays) throw new InvalidOperationException($"Expected {SchoolDays} school days, got {days.Count}.");

        int students = 0, lessons = 0, marks = 0, absences = 0;
        for (var c = 0; c < classes; c++)
        {
            var grade = 1 + c % 11;
            var cls = new SchoolClass(school.Id, year.Id, new ClassName(grade, ClassLetters[c / 11].ToString()));
            db.Add(cls);
            var group1 = new ClassGroup(school.Id, cls.Id, english.Id, 1);
            var group2 = new ClassGroup(school.Id, cls.Id, english.Id, 2);
            var roster = new List<(Student Student, ClassGroup Group)>();
            for (var i = 0; i < StudentsPerClass; i++)
            {
                var student = new Student(school.Id, LastNames[random.Next(LastNames.Length)], FirstNames[random.Next(FirstNames.Length)]);
                db.Add(student);
                db.Add(new Enrolment(school.Id, student.Id, cls.Id, year.Semester1Start, 0, false));
                var group = i % 2 == 0 ? group1 : group2;
                group.Add(student.Id);
                roster.Add((student, group));
            }

            db.AddRange(group1, group2);
            students += roster.Count;

            // Timetable: six lessons a day; lesson 3 is English in two groups on Monday, Wednesday and Friday.
            var entries = new List<TimetableEntry>();
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                for (var slot = 1; slot <= LessonsPerDay; slot++)
                {
                    if (slot == 3 && day is DayOfWeek.Monday or DayOfWeek.Wednesday or DayOfWeek.Friday)
                    {
                        entries.Add(new TimetableEntry(school.Id, cls.Id, english.Id, day, slot, teachers[11].Id, group1.Id));
                        entries.Add(new TimetableEntry(school.Id, cls.Id, english.Id, day, slot, teachers[11].Id, group2.Id));
                        continue;
                    }

                    var s = (c + (int)day * 3 + slot) % subjects.Count;
                    entries.Add(new TimetableEntry(school.Id, cls.Id, subjects[s].Id, day, slot, teachers[s].Id));
                }
            }

            db.AddRange(entries);
            var numbers = new Dictionary<(Guid, Guid?), int>();
            var scale = GradeScales.ForGrade(grade);
            foreach (var date in days)
            {
                var ill = roster.Where(_ => random.NextDouble() < 0.02).Select(r => r.Student.Id).ToHashSet(); // away ill all day
                foreach (var entry in entries.Where(e => e.AppliesOn(date)))
                {
                    var lesson = new Lesson(school.Id, year.Id, cls.Id, entry.SubjectId, entry.GroupId, entry.TeacherId!.Value, date, entry.LessonNumber);
                    var key = (entry.SubjectId, entry.GroupId);
                    lesson.Number = numbers[key] = numbers.GetValueOrDefault(key) + 1;
                    lesson.Describe($"Тема уроку № {lesson.Number}", lesson.Number % 8 == 1 ? "Новий розділ" : null);
                    if (grade > 1) lesson.SetHomework($"§{lesson.Number}, вправи {lesson.Number * 3}, {lesson.Number * 3 + 1}");
                    db.Add(lesson);
                    lessons++;
                    foreach (var (student, group) in roster)
                    {
                        if (entry.GroupId is { } g && g != group.Id) continue;
                        var r = random.NextDouble();
                        if (ill.Contains(student.Id) || r < 0.04)
                        {
                            var kind = ill.Contains(student.Id) || r < 0.015 ? AbsenceKind.Ill : AbsenceKind.Absent;
                            db.Add(new Absence(school.Id, lesson.Id, student.Id, cls.Id, entry.SubjectId, date, kind, teachers[0].Id, now));
                            absences++;
                        }
                        else if (r < 0.29)
                        {
                            db.Add(new Mark(school.Id, year.Id, student.Id, cls.Id, entry.SubjectId, entry.GroupId, MarkColumn.Current, date, lesson.Id,
                                RandomMark(random, scale), null, teachers[0].Id, now));
                            marks++;
                        }
                    }
                }
            }

            // A thematic mark on the last day for a third of the class (grades 5–11): dateless marks of that day.
            if (scale == GradeScale.TwelvePoint)
            {
                foreach (var (student, _) in roster.Where((_, i) => i % 3 == 0))
                {
                    db.Add(new Mark(school.Id, year.Id, student.Id, cls.Id, subjects[2].Id, null, MarkColumn.Thematic, LastDay, null,
                        RandomMark(random, scale), null, teachers[2].Id, now));
                    marks++;
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        return new Generated(school.Id, classes, students, lessons, marks, absences);
    }

    private static MarkValue RandomMark(Random random, GradeScale scale) => scale switch
    {
        GradeScale.Verbal => MarkValue.Formed,
        GradeScale.Levels => MarkValue.FromLevel(random.Next(1, 5)),
        _ => MarkValue.FromPoints(random.Next(4, 13)),
    };
}
