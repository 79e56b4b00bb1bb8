using Bot.Domain.Attendance;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Attendance;

/// <summary>
/// ADR 0039 on the write path (the scenario through Telegram is AbsenceExcuseThroughTelegramTests): the administration may
/// excuse a report too; a subject teacher may not; an excused report is not taken back by /undo; an undo of a later "н"
/// written as "хв" puts back exactly what was.
/// </summary>
public sealed class AbsenceExcuseTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<(Guid Report, Guid Lesson)> ReportedAndMarkedAsync()
    {
        await using var db = _database.NewContext();
        var report = (await new AbsenceNoticeService(db, S.Clock).ReportAsync(S.IvanenkoMother.Id, S.Ivanenko.Id, "хворіє", Channel.Telegram)).GetValueOrThrow().ReportId;
        var journal = S.Journal(db);
        var lesson = (await journal.RecordLessonAsync(S.As(S.AlgebraTeacher), new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 2, "Рівняння"), notify: false))
            .GetValueOrThrow().Id;
        (await journal.SetCellAsync(S.As(S.AlgebraTeacher), new CellInput(S.Ivanenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Current, "н", lesson))).GetValueOrThrow();
        return (report, lesson);
    }

    [Fact]
    public async Task TheAdministrationMayExcuse_ASubjectTeacherMayNot()
    {
        var (report, _) = await ReportedAndMarkedAsync();
        await using var db = _database.NewContext();
        var service = new AbsenceNoticeService(db, S.Clock);

        var refused = await service.ExcuseAsync(S.As(S.AlgebraTeacher), report);
        Assert.Equal("notice.excuse_not_yours", refused.Error!.Code);
        Assert.Equal(AbsenceKind.Absent, (await db.Absences.AsNoTracking().SingleAsync()).Kind);

        var excused = (await service.ExcuseAsync(S.As(S.Deputy), report)).GetValueOrThrow();
        Assert.Equal((1, "Бондар Л. В."), (excused.Changed, excused.ExcusedBy));
        Assert.Equal(AbsenceKind.Ill, (await db.Absences.AsNoTracking().SingleAsync()).Kind);
        Assert.Equal(S.IvanenkoMother.Id, (await db.Outbox.SingleAsync(o => o.Kind == NotificationKind.AbsenceExcused)).RecipientId);
    }

    [Fact]
    public async Task AnExcusedReport_IsNotUndone_AndAnUndoOfALaterNPutsBackWhatWas()
    {
        var (report, lesson) = await ReportedAndMarkedAsync();
        await using var db = _database.NewContext();
        (await new AbsenceNoticeService(db, S.Clock).ExcuseAsync(S.As(S.ClassTeacher), report)).GetValueOrThrow();
        var journal = S.Journal(db);
        Assert.Equal(JournalErrors.UndoExcusedReport.Code, (await journal.UndoLatestAsync(S.As(S.ClassTeacher), "помилка")).Error!.Code);
        Assert.Equal(AbsenceKind.Ill, (await db.Absences.AsNoTracking().SingleAsync()).Kind);

        // The algebra teacher clears the cell and enters "н" again: "хв" is written; her undo clears it, as it was.
        (await journal.SetCellAsync(S.As(S.AlgebraTeacher), new CellInput(S.Ivanenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Current, "", lesson, Reason: "виправлення")))
            .GetValueOrThrow();
        var written = (await journal.SetCellAsync(S.As(S.AlgebraTeacher), new CellInput(S.Ivanenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Current, "н", lesson)))
            .GetValueOrThrow();
        Assert.Equal("хв", written.NewValue);
        (await journal.UndoLatestAsync(S.As(S.AlgebraTeacher), "помилка")).GetValueOrThrow();
        Assert.False(await db.Absences.AsNoTracking().AnyAsync());
    }
}
