using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Builders;

/// <summary>
/// A small school for rule tests: year 2026-2027, class 7-А with students and guardians, an algebra teacher,
/// an English teacher of group I, a class teacher, a deputy; class 3-А and 1-А for the primary scales.
/// The clock stands at Friday 20 November 2026, 10:00 in Kyiv.
/// </summary>
public sealed class TestSchool
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 11, 20);

    public required School School { get; init; }
    public required SchoolYear Year { get; init; }
    public required SchoolClass Class7A { get; init; }
    public required SchoolClass Class3A { get; init; }
    public required SchoolClass Class1A { get; init; }
    public required SchoolClass Class11A { get; init; }
    public required Subject Algebra { get; init; }
    public required Subject Geometry { get; init; }
    public required Subject English { get; init; }
    public required Subject Ukrainian { get; init; }
    public required Subject Reading { get; init; }
    public required Subject Optional { get; init; }
    public required ClassGroup EnglishGroup1 { get; init; }
    public required Staff AlgebraTeacher { get; init; }
    public required Staff EnglishTeacher { get; init; }
    public required Staff ClassTeacher { get; init; }
    public required Staff Deputy { get; init; }
    public required Staff OtherTeacher { get; init; }
    public required Student Ivanenko { get; init; }
    public required Student Petrenko { get; init; }
    public required Student Sydorenko { get; init; }
    public required Student Newcomer { get; init; }
    public required Student Leaver { get; init; }
    public required Student Outsider { get; init; }
    public required Student Primary { get; init; }
    public required Student FirstGrader { get; init; }
    public required Student Senior { get; init; }
    public required Guardian IvanenkoMother { get; init; }
    public required Guardian IvanenkoFather { get; init; }
    public required FakeTimeProvider Clock { get; init; }

    public Actor As(Staff staff, Channel channel = Channel.Web) => Actor.For(staff, channel);

    public JournalService Journal(JournalDbContext db, TimeSpan? undoWindow = null) =>
        new(db, Clock, new JournalSettings { UndoWindow = undoWindow ?? TimeSpan.FromMinutes(10) });

    /// <summary>The test school; a second one in the same database takes another name and, for tenancy tests, another zone.</summary>
    public static async Task<TestSchool> CreateAsync(JournalDbContext db, string name = "Ліцей № 1 (тест)", string timeZone = "Europe/Kyiv")
    {
        var school = new School(name, timeZone);
        var year = new SchoolYear(school.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30));
        year.AddHoliday("Осінні канікули", new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 1));
        db.AddRange(school, year);

        var algebraTeacher = new Staff(school.Id, "Коваленко", "Ірина", "Петрівна", StaffRoles.Teacher);
        var englishTeacher = new Staff(school.Id, "Мельник", "Оксана", "Іванівна", StaffRoles.Teacher);
        var classTeacher = new Staff(school.Id, "Шевчук", "Наталія", "Олегівна", StaffRoles.Teacher | StaffRoles.ClassTeacher);
        var deputy = new Staff(school.Id, "Бондар", "Людмила", "Василівна", StaffRoles.Deputy | StaffRoles.Teacher);
        var other = new Staff(school.Id, "Ткаченко", "Андрій", "Миколайович", StaffRoles.Teacher);
        db.AddRange(algebraTeacher, englishTeacher, classTeacher, deputy, other);

        var c7 = new SchoolClass(school.Id, year.Id, ClassName.Parse("7-А").Value);
        c7.AssignClassTeacher(classTeacher.Id);
        var c3 = new SchoolClass(school.Id, year.Id, ClassName.Parse("3-А").Value);
        var c1 = new SchoolClass(school.Id, year.Id, ClassName.Parse("1-А").Value);
        var c11 = new SchoolClass(school.Id, year.Id, ClassName.Parse("11-А").Value);
        db.AddRange(c7, c3, c1, c11);

        var algebra = new Subject(school.Id, "Алгебра", traits: new SubjectTraits(Notebook: NotebookPolicy.SeparateColumn), aliases: "алг");
        var geometry = new Subject(school.Id, "Геометрія", traits: new SubjectTraits(Notebook: NotebookPolicy.SeparateColumn), aliases: "геом");
        var english = new Subject(school.Id, "Англійська мова", traits: new SubjectTraits(Notebook: NotebookPolicy.SeparateColumn, IsForeignLanguage: true), aliases: "англ");
        var ukrainian = new Subject(school.Id, "Українська мова", traits: new SubjectTraits(Notebook: NotebookPolicy.CountsAsCurrent, IsLanguageOrLiterature: true), aliases: "укр мова");
        var reading = new Subject(school.Id, "Літературне читання", traits: new SubjectTraits(IsLanguageOrLiterature: true));
        var optional = new Subject(school.Id, "Шахи", SubjectKind.Optional, new SubjectTraits(IsOptionalCourse: true));
        db.AddRange(algebra, geometry, english, ukrainian, reading, optional);

        Student S(string last, string first) { var s = new Student(school.Id, last, first); db.Add(s); return s; }
        var ivanenko = S("Іваненко", "Олег");
        var petrenko = S("Петренко", "Марія");
        var sydorenko = S("Сидоренко", "Андрій");
        var newcomer = S("Яковенко", "Софія");
        var leaver = S("Гнатюк", "Богдан");
        var outsider = S("Зінченко", "Павло");
        var primary = S("Ґудзь", "Олена");
        var firstGrader = S("Бойко", "Тарас");
        var senior = S("Лисенко", "Дмитро");

        var start = year.Semester1Start;
        db.Add(new Enrolment(school.Id, ivanenko.Id, c7.Id, start, 0, false));
        db.Add(new Enrolment(school.Id, petrenko.Id, c7.Id, start, 0, false));
        db.Add(new Enrolment(school.Id, sydorenko.Id, c7.Id, start, 0, false));
        db.Add(new Enrolment(school.Id, newcomer.Id, c7.Id, new DateOnly(2026, 11, 16), 1, true));
        var leaving = new Enrolment(school.Id, leaver.Id, c7.Id, start, 0, false);
        leaving.Leave(new DateOnly(2026, 10, 9));
        db.Add(leaving);
        db.Add(new Enrolment(school.Id, primary.Id, c3.Id, start, 0, false));
        db.Add(new Enrolment(school.Id, firstGrader.Id, c1.Id, start, 0, false));
        db.Add(new Enrolment(school.Id, senior.Id, c11.Id, start, 0, false));

        var group1 = new ClassGroup(school.Id, c7.Id, english.Id, 1);
        group1.Add(ivanenko.Id);
        group1.Add(petrenko.Id);
        db.Add(group1);

        var mother = new Guardian(school.Id, "Іваненко", "Галина");
        var father = new Guardian(school.Id, "Іваненко", "Петро");
        db.AddRange(mother, father);
        db.Add(new GuardianStudent(mother.Id, ivanenko.Id, "мати"));
        db.Add(new GuardianStudent(father.Id, ivanenko.Id, "батько"));

        db.Add(new TeachingAssignment(school.Id, algebraTeacher.Id, c7.Id, algebra.Id));
        db.Add(new TeachingAssignment(school.Id, algebraTeacher.Id, c11.Id, algebra.Id));
        db.Add(new TeachingAssignment(school.Id, algebraTeacher.Id, c11.Id, geometry.Id));
        db.Add(new TeachingAssignment(school.Id, englishTeacher.Id, c7.Id, english.Id, group1.Id));
        db.Add(new TeachingAssignment(school.Id, classTeacher.Id, c7.Id, ukrainian.Id));
        db.Add(new TeachingAssignment(school.Id, other.Id, c3.Id, reading.Id));
        db.Add(new TeachingAssignment(school.Id, other.Id, c1.Id, reading.Id));
        db.Add(new TeachingAssignment(school.Id, other.Id, c7.Id, optional.Id));
        db.Add(new TimetableEntry(school.Id, c7.Id, algebra.Id, DayOfWeek.Friday, 2, algebraTeacher.Id));

        await db.SaveChangesAsync();
        return new TestSchool
        {
            School = school, Year = year, Class7A = c7, Class3A = c3, Class1A = c1, Class11A = c11,
            Algebra = algebra, Geometry = geometry, English = english, Ukrainian = ukrainian, Reading = reading, Optional = optional,
            EnglishGroup1 = group1, AlgebraTeacher = algebraTeacher, EnglishTeacher = englishTeacher, ClassTeacher = classTeacher,
            Deputy = deputy, OtherTeacher = other, Ivanenko = ivanenko, Petrenko = petrenko, Sydorenko = sydorenko,
            Newcomer = newcomer, Leaver = leaver, Outsider = outsider, Primary = primary, FirstGrader = firstGrader, Senior = senior,
            IvanenkoMother = mother, IvanenkoFather = father, Clock = new FakeTimeProvider(Now),
        };
    }
}
