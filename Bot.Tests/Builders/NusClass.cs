using Bot.Domain.Grading;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;

namespace Bot.Tests.Builders;

/// <summary>
/// An НУШ 6th-grade class beside the <see cref="TestSchool"/> (N-1): 6-А flagged НУШ, "Математика" taught in it by the
/// algebra teacher, two students (Кравчук with a mother on record), and "Основи здоров'я" (no teacher) for the catalogue.
/// </summary>
public sealed record NusClass(SchoolClass Class6A, Subject Mathematics, Subject Health, Student Kravchuk, Student Moroz, Guardian KravchukMother)
{
    public static async Task<NusClass> AddAsync(JournalDbContext db, TestSchool s)
    {
        var c6 = new SchoolClass(s.School.Id, s.Year.Id, ClassName.Parse("6-А").Value, isNus: true);
        var maths = new Subject(s.School.Id, "Математика", traits: new SubjectTraits(Notebook: NotebookPolicy.SeparateColumn), aliases: "мат");
        var health = new Subject(s.School.Id, "Основи здоров'я");
        var kravchuk = new Student(s.School.Id, "Кравчук", "Ярина");
        var moroz = new Student(s.School.Id, "Мороз", "Назар");
        var mother = new Guardian(s.School.Id, "Кравчук", "Ольга");
        db.AddRange(c6, maths, health, kravchuk, moroz, mother);
        db.Add(new Enrolment(s.School.Id, kravchuk.Id, c6.Id, s.Year.Semester1Start, 0, false));
        db.Add(new Enrolment(s.School.Id, moroz.Id, c6.Id, s.Year.Semester1Start, 0, false));
        db.Add(new GuardianStudent(mother.Id, kravchuk.Id, "мати"));
        db.Add(new TeachingAssignment(s.School.Id, s.AlgebraTeacher.Id, c6.Id, maths.Id));
        await db.SaveChangesAsync();
        return new NusClass(c6, maths, health, kravchuk, moroz, mother);
    }
}
