using Bot.Domain;
using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Roster;

/// <summary>
/// J-5: a student who moves to the other group of a subject mid-year keeps the first group's lessons before the move —
/// their marks, their diary of those days, the group's journal page — and has the new group's lessons from then on.
/// Before, a group's list had no dates and a change rewrote the history.
/// </summary>
public sealed class GroupMembershipDatesTests : IAsyncLifetime
{
    private static readonly DateOnly Before = new(2026, 11, 13);
    private static readonly DateOnly Move = new(2026, 11, 16);
    private static readonly DateOnly After = new(2026, 11, 20);

    private TestDatabase _database = null!;
    private TestSchool S = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<T> WithAsync<T>(Func<JournalDbContext, Task<T>> work)
    {
        await using var db = _database.NewContext();
        return await work(db);
    }

    private Actor Deputy => S.As(S.Deputy);

    private Task<Result<IReadOnlyList<CellChange>>> MarkAsync(Staff teacher, Lesson lesson, ClassGroup group, Student student, string text) =>
        WithAsync(db => S.Journal(db).SetCellsAsync(S.As(teacher), [new CellInput(student.Id, S.Class7A.Id, S.English.Id, MarkColumn.Current, text, lesson.Id)], notify: false));

    private Task<Lesson> LessonAsync(Staff teacher, ClassGroup group, DateOnly date, int slot) =>
        WithAsync(async db => (await S.Journal(db).RecordLessonAsync(S.As(teacher), new LessonInput(S.Class7A.Id, S.English.Id, group.Id, date, slot, $"Тема {date:dd.MM}"),
            notify: false)).GetValueOrThrow());

    [Fact]
    public async Task MovingToTheOtherGroup_KeepsTheLessonsBefore_AndGivesTheNewGroupsAfter_J5()
    {
        var setup = (JournalDbContext db) => new TeachingSetupService(db, S.Clock);
        var group2 = (await WithAsync(db => setup(db).AddGroupAsync(Deputy, S.Class7A.Id, S.English.Id))).GetValueOrThrow();
        (await WithAsync(db => setup(db).AssignAsync(Deputy, S.OtherTeacher.Id, S.Class7A.Id, S.English.Id, group2.Id))).GetValueOrThrow();
        var early = await LessonAsync(S.EnglishTeacher, S.EnglishGroup1, Before, 3);
        (await MarkAsync(S.EnglishTeacher, early, S.EnglishGroup1, S.Ivanenko, "9")).GetValueOrThrow();
        var missed = await LessonAsync(S.EnglishTeacher, S.EnglishGroup1, Before.AddDays(-1), 3);
        (await MarkAsync(S.EnglishTeacher, missed, S.EnglishGroup1, S.Ivanenko, "н")).GetValueOrThrow();

        // From Monday 16 November Олег is in the II group.
        (await WithAsync(db => setup(db).SetMembersAsync(Deputy, S.EnglishGroup1.Id, [S.Petrenko.Id], Move))).GetValueOrThrow();
        (await WithAsync(db => setup(db).SetMembersAsync(Deputy, group2.Id, [S.Ivanenko.Id], Move))).GetValueOrThrow();
        var late1 = await LessonAsync(S.EnglishTeacher, S.EnglishGroup1, After, 3);
        var late2 = await LessonAsync(S.OtherTeacher, group2, After, 4);

        // The I group's lesson after the move is not his; the II group's is; the one before it still is (a correction).
        var refused = await MarkAsync(S.EnglishTeacher, late1, S.EnglishGroup1, S.Ivanenko, "8");
        Assert.Equal(JournalErrors.StudentNotInGroup(S.Ivanenko.FullName, "Англійська мова (I група)").Message, refused.Error!.Message);
        (await MarkAsync(S.OtherTeacher, late2, group2, S.Ivanenko, "10")).GetValueOrThrow();
        (await MarkAsync(S.EnglishTeacher, late1, S.EnglishGroup1, S.Petrenko, "7")).GetValueOrThrow();

        // His diary: the I group's lesson and mark on the 13th, the II group's on the 20th.
        var thirteenth = (await WithAsync(db => new DiaryQueries(db, S.Clock).StudentDayAsync(S.Ivanenko.Id, Before))).GetValueOrThrow();
        var english13 = Assert.Single(thirteenth.Lessons, l => l.PageTitle.StartsWith("Англійська", StringComparison.Ordinal));
        Assert.Equal("Англійська мова (I група)", english13.PageTitle);
        Assert.Equal("9", Assert.Single(english13.Marks).Text);
        var twentieth = (await WithAsync(db => new DiaryQueries(db, S.Clock).StudentDayAsync(S.Ivanenko.Id, After))).GetValueOrThrow();
        var english20 = Assert.Single(twentieth.Lessons, l => l.PageTitle.StartsWith("Англійська", StringComparison.Ordinal));
        Assert.Equal("Англійська мова (II група)", english20.PageTitle);
        Assert.Equal("10", Assert.Single(english20.Marks).Text);

        // His attendance still counts the I group's lesson he missed before the move.
        var attendance = (await WithAsync(db => new DiaryQueries(db, S.Clock).ClassAttendanceAsync(S.Class7A.Id, S.Year.Semester1Start, After))).GetValueOrThrow();
        Assert.Equal(1, attendance.Students.Single(r => r.StudentId == S.Ivanenko.Id).Totals.LessonsAbsent);

        // The journal's pages: the I group's lists him (with his 9) and Петренко; the II group's lists him.
        var journal = (await WithAsync(db => new DiaryQueries(db, S.Clock).ClassJournalAsync(S.Class7A.Id, "semester1"))).GetValueOrThrow();
        var page1 = journal.Pages.Single(p => p.GroupId == S.EnglishGroup1.Id);
        Assert.Equal(new[] { S.Ivanenko.Id, S.Petrenko.Id }.Order(), page1.Students.Select(s => s.Id).Order());
        Assert.Contains(page1.Cells, c => c.Key.StudentId == S.Ivanenko.Id && c.Value == "9");
        Assert.Contains(journal.Pages.Single(p => p.GroupId == group2.Id).Students, s => s.Id == S.Ivanenko.Id);

        // The change is audited with its date.
        await using var check = _database.NewContext();
        Assert.Contains(await check.AuditRecords.Where(a => a.EntityType == nameof(ClassGroup)).Select(a => a.Context).ToListAsync(),
            d => d != null && d.Contains("з 16.11.2026", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InTheBot_ATeacherOfBothGroups_MarksTheStudentOnTheGroupHeIsInToday()
    {
        var setup = (JournalDbContext db) => new TeachingSetupService(db, S.Clock);
        var group2 = (await WithAsync(db => setup(db).AddGroupAsync(Deputy, S.Class7A.Id, S.English.Id))).GetValueOrThrow();
        (await WithAsync(db => setup(db).AssignAsync(Deputy, S.EnglishTeacher.Id, S.Class7A.Id, S.English.Id, group2.Id))).GetValueOrThrow();
        (await WithAsync(db => setup(db).SetMembersAsync(Deputy, group2.Id, [S.Sydorenko.Id]))).GetValueOrThrow();
        (await WithAsync(db => setup(db).SetMembersAsync(Deputy, S.EnglishGroup1.Id, [S.Petrenko.Id], Move))).GetValueOrThrow();
        (await WithAsync(db => setup(db).SetMembersAsync(Deputy, group2.Id, [S.Sydorenko.Id, S.Ivanenko.Id], Move))).GetValueOrThrow();
        await LessonAsync(S.EnglishTeacher, group2, After, 4);

        await using var bot = new Bot.Tests.Conversation.EngineDriver(_database, S);
        var chat = bot.ChatOf("english");
        string code;
        await using (var db = _database.NewContext())
            code = (await new Bot.Domain.Linking.InviteService(db, S.Clock, new Bot.Domain.Linking.LinkingSettings())
                .CreateAsync(Actor.System(), Bot.Domain.Linking.PersonKind.Staff, S.EnglishTeacher.Id)).GetValueOrThrow().Code;
        await bot.SayAsync(chat, "/start " + code);
        var reply = string.Join("\n", (await bot.SayAsync(chat, "/mark 7-А англ Іваненко 10")).Select(r => r.Text));
        Assert.Contains("Записано: 7-А · Англійська мова (II група)", reply);
    }

    [Fact]
    public async Task AChangeDatedOutsideTheYear_IsRefusedInUkrainian_AndChangesNothing()
    {
        var result = await WithAsync(db => new TeachingSetupService(db, S.Clock).SetMembersAsync(Deputy, S.EnglishGroup1.Id, [S.Petrenko.Id], new DateOnly(2027, 8, 1)));
        Assert.Equal("group.from", result.Error!.Code);
        Assert.StartsWith("Дата зміни складу — у межах навчального року", result.Error.Message);
        await using var check = _database.NewContext();
        Assert.Equal(2, (await check.Groups.SingleAsync(g => g.Id == S.EnglishGroup1.Id)).MembersOn(After).Count());
    }

    [Fact]
    public void Stays_EndTheDayBefore_AreTakenBackWhenNotBegun_AndJoinAgain()
    {
        var group = new ClassGroup(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        group.Add(a); // the first list: from the start
        group.Add(b, Move);

        group.Remove(a, Move);
        Assert.True(group.HasMember(a, Before));
        Assert.False(group.HasMember(a, Move));
        group.Remove(b, Move); // his stay had not begun: taken back whole
        Assert.DoesNotContain(group.Members, m => m.StudentId == b);

        group.Add(a, Move); // back the day he left: one stay again
        Assert.True(group.HasMember(a, After));
        Assert.True(group.HasMember(a, Before));
        Assert.Equal([a], group.MembersOn(After));

        group.Remove(a, Move);
        group.Add(a, After); // back after a gap: a member from then (one stay a group is kept)
        Assert.True(group.HasMember(a, After));
        Assert.False(group.HasMember(a, Move));
    }
}
