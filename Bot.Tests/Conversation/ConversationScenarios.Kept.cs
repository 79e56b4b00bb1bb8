using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// The persona and roster kept between updates (ADR 0020) never outlive a change of rights: each scenario first lets
/// the bot keep them (a command that reads them), changes the roster the way an administrator's page would (a save of
/// the journal's context), and the very next command sees the change — in every channel.
/// </summary>
public abstract partial class ConversationScenarios
{
    [Fact]
    public async Task Teacher_AssignmentRevoked_TheNextMarkIsRefusedAtOnce()
    {
        var teacher = await AlgebraTeacherAsync();
        Assert.Contains("Записано", All(await _bot.SayAsync(teacher, "/mark 7-А алгебра Іваненко 10")));
        var before = All(await _bot.SayAsync(teacher, "/help"));
        Assert.Contains("/mark", before);

        await using (var db = Database.NewContext())
        {
            db.TeachingAssignments.RemoveRange(await db.TeachingAssignments.Where(a => a.TeacherId == S.AlgebraTeacher.Id).ToListAsync());
            await db.SaveChangesAsync();
        }

        // The refusal of a chat that is no teacher any more (the router's), not the journal's own "not your lesson":
        // the kept persona was dropped, not merely overruled by the write path's check.
        var refused = All(await _bot.SayAsync(teacher, "/mark 7-А алгебра Петренко 9"));
        Assert.DoesNotContain("Записано", refused);
        Assert.DoesNotContain(JournalErrors.NotYourLesson.Message, refused);
        Assert.DoesNotContain("/mark", All(await _bot.SayAsync(teacher, "/help")));
        await using (var db = Database.NewContext())
            Assert.Equal([S.Ivanenko.Id], await db.Marks.Where(m => m.SubjectId == S.Algebra.Id).Select(m => m.StudentId).ToListAsync());
    }

    [Fact]
    public async Task Teacher_AssignmentGiven_TheNextMarkIsAccepted()
    {
        var teacher = await LinkedAsync("other", PersonKind.Staff, S.OtherTeacher.Id);
        Assert.DoesNotContain("Записано", All(await _bot.SayAsync(teacher, "/mark 7-А алгебра Петренко 8")));

        await using (var db = Database.NewContext())
        {
            db.TeachingAssignments.Add(new TeachingAssignment(S.School.Id, S.OtherTeacher.Id, S.Class7A.Id, S.Algebra.Id));
            await db.SaveChangesAsync();
        }

        Assert.Contains("Записано", All(await _bot.SayAsync(teacher, "/mark 7-А алгебра Петренко 8")));
    }

    [Fact]
    public async Task Parent_UnlinkedFromTheChild_TheNextDiaryDoesNotShowThem()
    {
        var mother = await MotherAsync();
        Assert.Contains("Іваненко Олег", All(await _bot.SayAsync(mother, "/children")));

        await using (var db = Database.NewContext())
        {
            db.GuardianStudents.RemoveRange(await db.GuardianStudents.Where(g => g.GuardianId == S.IvanenkoMother.Id).ToListAsync());
            await db.SaveChangesAsync();
        }

        Assert.DoesNotContain("Іваненко Олег", All(await _bot.SayAsync(mother, "/children")));
        Assert.DoesNotContain("Олег", All(await _bot.SayAsync(mother, "/diary")));
    }

    [Fact]
    public async Task Teacher_Deactivated_TheNextMarkFindsTheChatUnlinked()
    {
        var teacher = await AlgebraTeacherAsync();
        Assert.Contains("Записано", All(await _bot.SayAsync(teacher, "/mark 7-А алгебра Іваненко 10")));

        await using (var db = Database.NewContext())
            (await new StaffService(db, S.Clock).DeactivateAsync(Actor.System(), S.AlgebraTeacher.Id, TestSchool.Today)).GetValueOrThrow();

        var refused = All(await _bot.SayAsync(teacher, "/mark 7-А алгебра Петренко 9"));
        Assert.DoesNotContain("Записано", refused);
        Assert.Contains("код запрошення", refused);
    }
}
