using Bot.Domain.Archive;
using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Conversation;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Archive;

/// <summary>
/// Opening the next year after closing the last: 7-А becomes 8-А with its students (not the one who left),
/// class teacher, group, assignments and timetable; 11-А graduates — enrolments end with the year, the students stay, their
/// chats and those of guardians with no other child are closed; a parent's chat linked in November shows the child in 8-А.
/// Driven through the conversation engine on the school's own clock, so the chat can live through the summer.
/// </summary>
public sealed class NextYearTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private EngineDriver _bot = null!;
    private Guardian _seniorMother = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
        // Лисенко's mother has no other child at the school; Іваненко's mother is also the guardian of Лисенко (an older child).
        _seniorMother = new Guardian(S.School.Id, "Лисенко", "Ганна");
        db.Add(_seniorMother);
        db.Add(new GuardianStudent(_seniorMother.Id, S.Senior.Id, "мати"));
        db.Add(new GuardianStudent(S.IvanenkoMother.Id, S.Senior.Id, "опікунка"));
        await db.SaveChangesAsync();
        _bot = new EngineDriver(_database, S);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<string> LinkedAsync(string person, PersonKind kind, Guid personId) => ArchiveChats.LinkedAsync(_bot, _database, S, person, kind, personId);

    private Task<string> SayAsync(string chat, string text) => ArchiveChats.SayAsync(_bot, chat, text);

    private async Task<Bot.Domain.Result<NextYearOpened>> OpenAsync(Actor? by = null)
    {
        await using var db = _database.NewContext();
        return await new NextYearService(db, S.Clock).OpenAsync(by ?? YearArchiveTests.Director, S.Year.Id);
    }

    [Fact]
    public async Task NextYear_MovesClassesUp_GraduatesThe11th_CarriesAssignmentsAndTimetable_AndTheParentsChatFollowsTheChild()
    {
        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);
        var seniorMother = await LinkedAsync("senior-mother", PersonKind.Guardian, _seniorMother.Id);
        var senior = await LinkedAsync("senior", PersonKind.Student, S.Senior.Id);
        Assert.Contains("Іваненко Олег (7-А)", await SayAsync(mother, "/children"));

        // Not before the year is closed.
        S.Clock.SetUtcNow(YearArchiveTests.AfterTheYear);
        var tooSoon = await OpenAsync();
        Assert.Equal("next_year.not_closed", tooSoon.Error!.Code);
        Assert.Contains("Спершу закрийте", tooSoon.Error.Message);
        Assert.True((await YearArchiveTests.CloseAsync(_database, S.Clock, S.Year.Id)).IsSuccess);
        Assert.Equal(NextYearService.Rights.Code, (await OpenAsync(S.As(S.Deputy))).Error!.Code);
        Guid stampBefore;
        await using (var db = _database.NewContext()) stampBefore = await db.RosterStampAsync();

        var opened = await OpenAsync();
        Assert.True(opened.IsSuccess, opened.IsSuccess ? "" : opened.Error!.Message);
        var o = opened.Value!;
        Assert.Equal("2027-2028", o.Year.Title);
        Assert.Equal((new DateOnly(2027, 9, 1), new DateOnly(2027, 12, 26), new DateOnly(2028, 1, 12), new DateOnly(2028, 5, 30)),
            (o.Year.Semester1Start, o.Year.Semester1End, o.Year.Semester2Start, o.Year.Semester2End));
        // 7-А: Іваненко, Петренко, Сидоренко, Яковенко (not Гнатюк, who left in October); 3-А: Ґудзь; 1-А: Бойко; 11-А: Лисенко graduates.
        Assert.Equal((3, 6, 1), (o.Classes, o.Students, o.Graduates));
        Assert.Equal("next_year.exists", (await OpenAsync()).Error!.Code);

        await using var db2 = _database.NewContext();
        Assert.NotEqual(stampBefore, await db2.RosterStampAsync());
        var classes = await db2.Classes.AsNoTracking().Where(k => k.SchoolYearId == o.Year.Id).ToListAsync();
        Assert.Equal(["2-А", "4-А", "8-А"], classes.Select(k => k.Name.ToString()).Order(StringComparer.Ordinal));
        var c8 = classes.Single(k => k.Grade == 8);
        Assert.Equal(S.ClassTeacher.Id, c8.ClassTeacherId);

        var in8 = await db2.Enrolments.AsNoTracking().Where(e => e.ClassId == c8.Id).ToListAsync();
        Assert.Equal(new[] { S.Ivanenko.Id, S.Petrenko.Id, S.Sydorenko.Id, S.Newcomer.Id }.Order(), in8.Select(e => e.StudentId).Order());
        Assert.All(in8, e => Assert.Equal((new DateOnly(2027, 9, 1), (DateOnly?)null, 0, false), (e.From, e.To, e.ListPosition, e.ArrivedMidYear)));
        var old = await db2.Enrolments.AsNoTracking().Where(e => e.ClassId == S.Class7A.Id || e.ClassId == S.Class11A.Id).ToListAsync();
        Assert.All(old.Where(e => e.StudentId != S.Leaver.Id), e => Assert.Equal(new DateOnly(2027, 5, 30), e.To));
        Assert.Equal(new DateOnly(2026, 10, 9), old.Single(e => e.StudentId == S.Leaver.Id).To);
        Assert.Empty(await db2.Enrolments.AsNoTracking().Where(e => e.StudentId == S.Senior.Id && e.From > new DateOnly(2027, 5, 30)).ToListAsync());
        Assert.NotNull(await db2.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == S.Senior.Id)); // kept for the archive

        // The group of English (I) with its members, the assignments and the weekly timetable, for editing.
        var group = await db2.Groups.AsNoTracking().SingleAsync(g => g.ClassId == c8.Id);
        Assert.Equal((S.English.Id, 1), (group.SubjectId, group.Number));
        Assert.Equal(new[] { S.Ivanenko.Id, S.Petrenko.Id }.Order(), group.Members.Select(m => m.StudentId).Order());
        var assignments = await db2.TeachingAssignments.AsNoTracking().Where(a => a.ClassId == c8.Id).ToListAsync();
        Assert.Equal(4, assignments.Count);
        Assert.Contains(assignments, a => a.TeacherId == S.EnglishTeacher.Id && a.GroupId == group.Id);
        Assert.Contains(assignments, a => a.TeacherId == S.AlgebraTeacher.Id && a.SubjectId == S.Algebra.Id);
        var timetable = await db2.Timetable.AsNoTracking().SingleAsync(t => t.ClassId == c8.Id);
        Assert.Equal((S.Algebra.Id, DayOfWeek.Friday, 2, (Guid?)S.AlgebraTeacher.Id), (timetable.SubjectId, timetable.Day, timetable.LessonNumber, timetable.TeacherId));
        Assert.Equal(o.Assignments, await db2.TeachingAssignments.CountAsync(a => classes.Select(k => k.Id).Contains(a.ClassId)));

        // Graduates' chats and those of a guardian with no other child are closed; Іваненко's mother keeps hers.
        var links = await db2.ChatLinks.AsNoTracking().ToListAsync();
        Assert.False(links.Single(l => l.PersonId == S.Senior.Id).IsActive);
        Assert.Equal(NextYearService.GraduatedReason, links.Single(l => l.PersonId == _seniorMother.Id).DeactivationReason);
        Assert.True(links.Single(l => l.PersonId == S.IvanenkoMother.Id).IsActive);
        Assert.Equal(2, o.LinksClosed);

        // The chat linked in November: the child is in 8-А now; the graduate's chats need a code again.
        Assert.Contains("Іваненко Олег (8-А)", await SayAsync(mother, "/children"));
        Assert.DoesNotContain("7-А", await SayAsync(mother, "/children"));
        Assert.Contains("код запрошення", await SayAsync(senior, "/diary"));
        Assert.Contains("код запрошення", await SayAsync(seniorMother, "/diary"));

        var audit = await db2.AuditRecords.AsNoTracking().InWrittenOrderDescending().FirstAsync();
        Assert.Equal((nameof(Bot.Domain.Schools.SchoolYear), o.Year.Id, AuditAction.Created), (audit.EntityType, audit.EntityId, audit.Action));
        Assert.True((await new AuditVerifier(db2).VerifyAsync(S.School.Id)).IsIntact);
    }
}
