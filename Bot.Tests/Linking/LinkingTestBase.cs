using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.Linking;

/// <summary>
/// The test school (<see cref="TestSchool"/>) plus what linking needs: Іваненко Марта, Олег's twin in 7-А with the same
/// two guardians; Петренко's mother; a mid-year arrival Антоненко Ірина (list position 2, after Яковенко) with her
/// father; and a second school of the installation where Іваненко Галина — a second guardian record — has a son.
/// </summary>
public abstract class LinkingTestBase : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;
    protected TestSchool S { get; private set; } = null!;
    protected Student Marta { get; private set; } = null!;
    protected Student Antonenko { get; private set; } = null!;
    protected Guardian PetrenkoMother { get; private set; } = null!;
    protected Guardian AntonenkoFather { get; private set; } = null!;
    protected School School2 { get; private set; } = null!;
    protected Student Yarema { get; private set; } = null!;
    protected Guardian MotherInSchool2 { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await using var db = Database.NewContext();
        S = await TestSchool.CreateAsync(db);
        var school = S.School.Id;

        Marta = new Student(school, "Іваненко", "Марта");
        Antonenko = new Student(school, "Антоненко", "Ірина");
        PetrenkoMother = new Guardian(school, "Петренко", "Ольга");
        AntonenkoFather = new Guardian(school, "Антоненко", "Василь");
        db.AddRange(Marta, Antonenko, PetrenkoMother, AntonenkoFather);
        db.Add(new Enrolment(school, Marta.Id, S.Class7A.Id, S.Year.Semester1Start, 0, false));
        db.Add(new Enrolment(school, Antonenko.Id, S.Class7A.Id, new DateOnly(2026, 11, 18), 2, true));
        db.Add(new GuardianStudent(S.IvanenkoMother.Id, Marta.Id, "мати"));
        db.Add(new GuardianStudent(S.IvanenkoFather.Id, Marta.Id, "батько"));
        db.Add(new GuardianStudent(PetrenkoMother.Id, S.Petrenko.Id, "мати"));
        db.Add(new GuardianStudent(AntonenkoFather.Id, Antonenko.Id, "батько"));

        School2 = new School("Гімназія № 2 (тест)", "Europe/Kyiv");
        var year2 = new SchoolYear(School2.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30));
        var class5B = new SchoolClass(School2.Id, year2.Id, ClassName.Parse("5-Б").Value);
        Yarema = new Student(School2.Id, "Іваненко", "Ярема");
        MotherInSchool2 = new Guardian(School2.Id, "Іваненко", "Галина");
        db.AddRange(School2, year2, class5B, Yarema, MotherInSchool2);
        db.Add(new Enrolment(School2.Id, Yarema.Id, class5B.Id, year2.Semester1Start, 0, false));
        db.Add(new GuardianStudent(MotherInSchool2.Id, Yarema.Id, "мати"));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>Runs <paramref name="work"/> on a fresh context, as each request of the product does.</summary>
    protected async Task<T> Invites<T>(Func<InviteService, Task<T>> work, LinkingSettings? settings = null)
    {
        await using var db = Database.NewContext();
        return await work(new InviteService(db, S.Clock, settings ?? new LinkingSettings()));
    }

    protected Task<Invite> InviteFor(PersonKind kind, Guid personId, TimeSpan? validity = null) =>
        Invites(async i => (await i.CreateAsync(S.As(S.Deputy), kind, personId, validity)).GetValueOrThrow());

    protected Task<RedeemResult> Redeem(Channel channel, string chatId, string code) =>
        Invites(i => i.RedeemAsync(channel, chatId, chatId, code));

    /// <summary>What an unknown code gets: every refusal of an existing code must read exactly the same.</summary>
    protected async Task<string> UnknownCodeAnswerAsync()
    {
        var answer = await Redeem(Channel.Telegram, "guesser-" + Guid.NewGuid().ToString("N")[..8], "AAAAAAAAAAAAAAAA");
        Assert.Equal(RedeemStatus.Refused, answer.Status);
        return answer.Message;
    }
}
