using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.Linking;

/// <summary>Who is talking in a chat: children across schools, the student, the staff member with assignments; in a fixed number of queries.</summary>
public abstract class PersonaTests : LinkingTestBase
{
    private async Task LinkAsync(string chatId, PersonKind kind, Guid personId)
    {
        var invite = await Invites(async i => (await i.CreateAsync(Actor.System(), kind, personId)).GetValueOrThrow());
        Assert.True((await Redeem(Channel.Telegram, chatId, invite.Code)).IsSuccess);
    }

    private Task<ChatPersona> Persona(string chatId) => Invites(i => i.PersonaOfChatAsync(Channel.Telegram, chatId));

    [Fact]
    public async Task Guardian_WithTwoChildren_SeesBoth_WithClassAndSchool()
    {
        var invite = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);
        var linked = await Redeem(Channel.Telegram, "800", invite.Code);
        Assert.Equal("Вітаємо! Чат прив'язано до щоденника: Іваненко Марта (7-А), Іваненко Олег (7-А).", linked.Message);

        var persona = await Persona("800");

        Assert.True(persona.IsGuardian);
        Assert.False(persona.IsStudent || persona.IsStaff);
        Assert.Equal([Marta.Id, S.Ivanenko.Id], persona.Children.Select(c => c.StudentId));
        Assert.All(persona.Children, c => Assert.Equal((S.Class7A.Id, "7-А", S.School.Id, S.School.Name, (Guid?)S.IvanenkoMother.Id),
            (c.ClassId, c.ClassName, c.SchoolId, c.SchoolName, c.GuardianId)));
        Assert.Equal("Іваненко Олег (7-А)", persona.Children[1].Display);
    }

    [Fact]
    public async Task Parent_WithChildrenInTwoSchools_TwoCodesOneChat_SeesAllChildren()
    {
        await LinkAsync("810", PersonKind.Guardian, S.IvanenkoMother.Id);
        var second = await Invites(async i => (await i.CreateAsync(Actor.System(), PersonKind.Guardian, MotherInSchool2.Id)).GetValueOrThrow());
        var greeting = await Redeem(Channel.Telegram, "810", second.Code);
        Assert.Equal("Вітаємо! Чат прив'язано до щоденника: Іваненко Ярема (5-Б).", greeting.Message);

        var persona = await Persona("810");

        Assert.Equal(2, persona.Links.Count);
        Assert.Equal(new[] { S.School.Id, School2.Id }.Order(), persona.SchoolIds.Order());
        Assert.Equal(
            [("Іваненко Ярема", "5-Б", "Гімназія № 2 (тест)"), ("Іваненко Марта", "7-А", "Ліцей № 1 (тест)"), ("Іваненко Олег", "7-А", "Ліцей № 1 (тест)")],
            persona.Children.Select(c => (c.FullName, c.ClassName!, c.SchoolName)));
    }

    [Fact]
    public async Task Staff_SeesAssignmentsWithGroups_AndClassTeacherClasses()
    {
        await LinkAsync("820", PersonKind.Staff, S.AlgebraTeacher.Id);
        await LinkAsync("821", PersonKind.Staff, S.EnglishTeacher.Id);
        await LinkAsync("822", PersonKind.Staff, S.ClassTeacher.Id);

        var algebra = (await Persona("820")).Staff.Single();
        Assert.Equal(("Коваленко І. П.", StaffRoles.Teacher, S.School.Name), (algebra.ShortName, algebra.Roles, algebra.SchoolName));
        Assert.Equal(["7-А · Алгебра", "11-А · Алгебра", "11-А · Геометрія"], algebra.Assignments.Select(a => a.Display));
        Assert.Empty(algebra.ClassTeacherOf);

        var english = (await Persona("821")).Staff.Single().Assignments.Single();
        Assert.Equal((S.Class7A.Id, S.English.Id, (Guid?)S.EnglishGroup1.Id, "I група"), (english.ClassId, english.SubjectId, english.GroupId, english.GroupName));

        var classTeacher = await Persona("822");
        Assert.True(classTeacher.IsStaff && classTeacher.IsTeacher && classTeacher.IsClassTeacher);
        Assert.False(classTeacher.IsGuardian);
        Assert.Equal([("7-А", S.Class7A.Id)], classTeacher.Staff.Single().ClassTeacherOf.Select(k => (k.ClassName, k.ClassId)));
    }

    [Fact]
    public async Task TeacherWhoIsAParent_GetsBothRoles()
    {
        await LinkAsync("830", PersonKind.Staff, S.ClassTeacher.Id);
        await LinkAsync("830", PersonKind.Guardian, PetrenkoMother.Id);
        await LinkAsync("830", PersonKind.Student, S.Sydorenko.Id);

        var persona = await Persona("830");

        Assert.True(persona.IsStaff && persona.IsGuardian && persona.IsStudent);
        Assert.Equal(["Петренко Марія"], persona.Children.Select(c => c.FullName));
        Assert.Equal(["Сидоренко Андрій"], persona.Students.Select(c => c.FullName));
        Assert.Equal(["Петренко Марія", "Сидоренко Андрій"], persona.DiaryStudents.Select(c => c.FullName));
    }

    [Fact]
    public async Task Persona_TakesAFixedNumberOfQueries_HoweverManyLinksAndChildren()
    {
        await LinkAsync("840", PersonKind.Guardian, PetrenkoMother.Id);
        await LinkAsync("840", PersonKind.Student, S.Sydorenko.Id);
        await LinkAsync("840", PersonKind.Staff, S.OtherTeacher.Id);

        foreach (var (kind, id) in new[]
                 {
                     (PersonKind.Guardian, S.IvanenkoMother.Id), (PersonKind.Guardian, S.IvanenkoFather.Id), (PersonKind.Guardian, MotherInSchool2.Id),
                     (PersonKind.Guardian, AntonenkoFather.Id), (PersonKind.Student, S.Petrenko.Id), (PersonKind.Student, S.Primary.Id),
                     (PersonKind.Staff, S.AlgebraTeacher.Id), (PersonKind.Staff, S.ClassTeacher.Id), (PersonKind.Staff, S.EnglishTeacher.Id),
                 })
            await LinkAsync("841", kind, id);

        async Task<(int Queries, ChatPersona Persona)> CountAsync(string chatId)
        {
            var counter = new CommandCounter();
            await using var db = Database.NewCountingContext(counter);
            var persona = await new InviteService(db, S.Clock, new LinkingSettings()).PersonaOfChatAsync(Channel.Telegram, chatId);
            return (counter.Count, persona);
        }

        var small = await CountAsync("840");
        var large = await CountAsync("841");

        Assert.Equal((1, 1, 1), (small.Persona.Children.Count, small.Persona.Students.Count, small.Persona.Staff.Count));
        Assert.Equal((4, 2, 3), (large.Persona.Children.Count, large.Persona.Students.Count, large.Persona.Staff.Count));
        Assert.Equal(small.Queries, large.Queries);
        Assert.InRange(large.Queries, 1, 10);
        Assert.Equal(1, (await CountAsync("nobody")).Queries);
    }
}

public sealed class PersonaTestsOnSqlite : PersonaTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class PersonaTestsOnPostgres(PostgresServer server) : PersonaTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
