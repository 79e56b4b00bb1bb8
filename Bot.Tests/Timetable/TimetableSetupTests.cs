using Bot.Domain;
using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Bot.Host.Delivery;
using Bot.Host.Jobs;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Timetable;

/// <summary>
/// The school's setup and timetable through their services on a real database: the year's dates, holidays and bells;
/// the weekly timetable's cells (an assignment required, no teacher in two places); day changes planned into the diary,
/// the substitute's rights (J-9) and the timetable-change notice after the evening diary. Each test runs on SQLite and
/// on PostgreSQL. The clock stands at Friday 20 November 2026, 10:00 in Kyiv (<see cref="TestSchool"/>).
/// </summary>
public abstract class TimetableSetupTests : IAsyncLifetime
{
    protected TestDatabase Database = null!;
    protected TestSchool S = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await using var db = Database.NewContext();
        S = await TestSchool.CreateAsync(db);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    private Actor Deputy => S.As(S.Deputy);
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private async Task<T> WithAsync<T>(Func<JournalDbContext, Task<T>> work)
    {
        await using var db = Database.NewContext();
        return await work(db);
    }

    [Fact]
    public async Task Year_DatesOutOfOrder_OrAHolidayOutside_AreRefusedInUkrainian_AndNothingChanges()
    {
        var bad = await WithAsync(db => new SchoolSetupService(db, S.Clock).ChangeDatesAsync(Deputy, S.Year.Id,
            new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30)));
        Assert.Equal("year.dates", bad.Error!.Code);
        Assert.Contains("Семестри мають іти один за одним", bad.Error.Message);
        // The autumn holidays (26.10–01.11) would fall outside a year that starts in November.
        var cut = await WithAsync(db => new SchoolSetupService(db, S.Clock).ChangeDatesAsync(Deputy, S.Year.Id,
            new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30)));
        Assert.Contains("Осінні канікули", cut.Error!.Message);
        var outside = await WithAsync(db => new SchoolSetupService(db, S.Clock).AddHolidayAsync(Deputy, S.Year.Id, "Літо", new DateOnly(2027, 6, 1), new DateOnly(2027, 8, 31)));
        Assert.Contains("в межах навчального року", outside.Error!.Message);
        var overlap = await WithAsync(db => new SchoolSetupService(db, S.Clock).AddHolidayAsync(Deputy, S.Year.Id, "Ще одні", new DateOnly(2026, 10, 30), new DateOnly(2026, 11, 3)));
        Assert.Contains("перетинаються з канікулами «Осінні канікули»", overlap.Error!.Message);
        var teacher = await WithAsync(db => new SchoolSetupService(db, S.Clock).AddHolidayAsync(S.As(S.AlgebraTeacher), S.Year.Id, "Зимові", new DateOnly(2026, 12, 27), new DateOnly(2027, 1, 11)));
        Assert.Equal("auth.setup", teacher.Error!.Code);

        await using var check = Database.NewContext();
        var year = await check.SchoolYears.SingleAsync(y => y.Id == S.Year.Id);
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 12)), (year.Semester1Start, year.Semester2Start));
        Assert.Single(year.Holidays);
        Assert.Equal(0, await check.AuditRecords.CountAsync());
    }

    [Fact]
    public async Task Year_NewDatesAndAHoliday_AreSaved_AndAudited()
    {
        (await WithAsync(db => new SchoolSetupService(db, S.Clock).ChangeDatesAsync(Deputy, S.Year.Id,
            new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 11), new DateOnly(2027, 5, 31)))).GetValueOrThrow();
        (await WithAsync(db => new SchoolSetupService(db, S.Clock).AddHolidayAsync(Deputy, S.Year.Id, "Зимові канікули", new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 10)))).GetValueOrThrow();
        await using var check = Database.NewContext();
        var year = await check.SchoolYears.SingleAsync(y => y.Id == S.Year.Id);
        Assert.Equal(new DateOnly(2027, 5, 31), year.Semester2End);
        Assert.True(year.IsHoliday(new DateOnly(2027, 1, 5)));
        Assert.Equal(2, await check.AuditRecords.CountAsync(a => a.EntityType == nameof(SchoolYear)));
    }

    [Fact]
    public async Task Bells_OutOfOrder_AreRefused_InOrder_AreSaved()
    {
        var overlapping = await WithAsync(db => new SchoolSetupService(db, S.Clock).SetBellsAsync(Deputy, S.School.Id,
            [(1, new TimeOnly(8, 30), new TimeOnly(9, 15)), (2, new TimeOnly(9, 10), new TimeOnly(9, 55))]));
        Assert.Equal("Урок 2 починається о 09:10, раніше, ніж закінчується урок 1 (09:15).", overlapping.Error!.Message);
        var backwards = await WithAsync(db => new SchoolSetupService(db, S.Clock).SetBellsAsync(Deputy, S.School.Id, [(1, new TimeOnly(9, 15), new TimeOnly(8, 30))]));
        Assert.Contains("має закінчуватися пізніше", backwards.Error!.Message);
        await using (var check = Database.NewContext()) Assert.Equal(0, await check.BellSlots.CountAsync());

        var saved = await WithAsync(db => new SchoolSetupService(db, S.Clock).SetBellsAsync(Deputy, S.School.Id,
            [(1, new TimeOnly(8, 30), new TimeOnly(9, 15)), (2, new TimeOnly(9, 25), new TimeOnly(10, 10))]));
        Assert.Equal([1, 2], saved.GetValueOrThrow().Select(b => b.Number));
    }

    [Fact]
    public async Task Subject_Duplicate_IsRefused_TraitsAreSaved()
    {
        var dup = await WithAsync(db => new TeachingSetupService(db, S.Clock).AddSubjectAsync(Deputy, S.School.Id,
            new SubjectInput(" алгебра ", SubjectKind.Regular, SubjectTraits.Regular, null)));
        Assert.Equal("Предмет «Алгебра» уже є в школі.", dup.Error!.Message);
        var pe = (await WithAsync(db => new TeachingSetupService(db, S.Clock).AddSubjectAsync(Deputy, S.School.Id,
            new SubjectInput("Фізична культура", SubjectKind.Regular, new SubjectTraits(IsPhysicalEducation: true), "фізра, фк")))).GetValueOrThrow();
        await using var check = Database.NewContext();
        var stored = await check.Subjects.SingleAsync(s => s.Id == pe.Id);
        Assert.True(stored.IsPhysicalEducation);
        Assert.Equal(["фізра", "фк"], stored.AliasList);
    }

    [Fact]
    public async Task TimetableCell_SubjectWithoutAssignment_AndATeacherInTwoPlaces_AreRefused()
    {
        // Geometry has no assignment in 7-А.
        var none = await WithAsync(db => new TimetableService(db, S.Clock).SetCellAsync(Deputy,
            new TimetableCellInput(S.Class7A.Id, DayOfWeek.Monday, 3, S.Geometry.Id, S.AlgebraTeacher.Id, null), TestSchool.Today));
        Assert.Equal("timetable.subject", none.Error!.Code);
        Assert.Contains("У 7-А ніхто не призначений вести «Геометрія»", none.Error.Message);
        // The English teacher does not teach algebra.
        var wrong = await WithAsync(db => new TimetableService(db, S.Clock).SetCellAsync(Deputy,
            new TimetableCellInput(S.Class7A.Id, DayOfWeek.Monday, 3, S.Algebra.Id, S.EnglishTeacher.Id, null), TestSchool.Today));
        Assert.Equal("timetable.teacher", wrong.Error!.Code);
        // The algebra teacher has 7-А algebra on Friday, lesson 2: not 11-А geometry at the same time.
        var twice = await WithAsync(db => new TimetableService(db, S.Clock).SetCellAsync(Deputy,
            new TimetableCellInput(S.Class11A.Id, DayOfWeek.Friday, 2, S.Geometry.Id, S.AlgebraTeacher.Id, null), TestSchool.Today));
        Assert.Equal("timetable.teacher", twice.Error!.Code);
        Assert.Contains("уже веде «Алгебра» у 7-А: учитель не може бути у двох місцях одночасно", twice.Error.Message);
        await using var check = Database.NewContext();
        Assert.Equal(1, await check.Timetable.CountAsync());
    }

    [Fact]
    public async Task TimetableCell_Replaced_KeepsThePastWeeks_AndAppliesFromTheDay()
    {
        var entry = (await WithAsync(db => new TimetableService(db, S.Clock).SetCellAsync(Deputy,
            new TimetableCellInput(S.Class7A.Id, DayOfWeek.Friday, 2, S.Ukrainian.Id, S.ClassTeacher.Id, null), Monday))).GetValueOrThrow();
        await using var check = Database.NewContext();
        var cell = await check.Timetable.Where(t => t.ClassId == S.Class7A.Id && t.Day == DayOfWeek.Friday && t.LessonNumber == 2).ToListAsync();
        Assert.Equal(2, cell.Count);
        Assert.Equal(S.Algebra.Id, cell.Single(t => t.AppliesOn(TestSchool.Today)).SubjectId);                    // this Friday: algebra still
        Assert.Equal(S.Ukrainian.Id, cell.Single(t => t.AppliesOn(new DateOnly(2026, 11, 27))).SubjectId); // next Friday: Ukrainian
        Assert.Equal(entry.Id, cell.Single(t => t.ValidFrom == Monday).Id);
    }

    private Task<Result<DayChange>> SubstituteAsync(DateOnly date, Guid substituteId) =>
        WithAsync(db => new DayChangeService(db, S.Clock).RecordAsync(Deputy, S.School.Id,
            new DayChangeInput(DayChangeKind.Substitution, S.Class7A.Id, date, 2, SubstituteId: substituteId)));

    [Fact]
    public async Task Substitution_ShowsInTheDiary_AndTheSubstituteRecordsAndMarksTheLesson_J9()
    {
        var input = new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 2, "Лінійні рівняння");
        var before = await WithAsync(db => S.Journal(db).RecordLessonAsync(S.As(S.OtherTeacher, Channel.Telegram), input));
        Assert.Equal("auth.not_your_subject", before.Error!.Code); // not theirs until the substitution is recorded

        (await SubstituteAsync(TestSchool.Today, S.OtherTeacher.Id)).GetValueOrThrow();
        var day = await WithAsync(db => new DiaryQueries(db, S.Clock).StudentDayAsync(S.Ivanenko.Id, TestSchool.Today));
        var slot = Assert.Single(day.GetValueOrThrow().Timetable.Slots);
        Assert.Equal("заміна: Ткаченко А. М.", slot.Change);

        var lesson = (await WithAsync(db => S.Journal(db).RecordLessonAsync(S.As(S.OtherTeacher, Channel.Telegram), input))).GetValueOrThrow();
        Assert.Equal("Заміна. Ткаченко А. М.", lesson.SubstituteNote);
        Assert.Equal(S.OtherTeacher.Id, lesson.TeacherId);
        var mark = await WithAsync(db => S.Journal(db).SetCellAsync(S.As(S.OtherTeacher, Channel.Telegram),
            new CellInput(S.Ivanenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Current, "10", lesson.Id)));
        Assert.Equal("10", mark.GetValueOrThrow().NewValue);
        await using var check = Database.NewContext();
        Assert.Equal(2, await check.Outbox.CountAsync(o => o.Kind == NotificationKind.MarkAlert)); // the mark's alert to each guardian, with its audit
        Assert.Equal(1, await check.AuditRecords.CountAsync(a => a.EntityType == nameof(Mark)));
    }

    [Fact]
    public async Task Substitute_BusyAtThatTime_IsRefused_AndNothingIsRecorded()
    {
        // The class teacher gets 11-А Ukrainian on Monday lesson 2 (an assignment first), then is asked to stand in at 7-А's lesson 2.
        await WithAsync(db => new TeachingSetupService(db, S.Clock).AssignAsync(Deputy, S.ClassTeacher.Id, S.Class11A.Id, S.Ukrainian.Id, null));
        (await WithAsync(db => new TimetableService(db, S.Clock).SetCellAsync(Deputy,
            new TimetableCellInput(S.Class11A.Id, DayOfWeek.Monday, 2, S.Ukrainian.Id, S.ClassTeacher.Id, null), TestSchool.Today))).GetValueOrThrow();
        (await WithAsync(db => new TimetableService(db, S.Clock).SetCellAsync(Deputy,
            new TimetableCellInput(S.Class7A.Id, DayOfWeek.Monday, 2, S.Algebra.Id, S.AlgebraTeacher.Id, null), TestSchool.Today))).GetValueOrThrow();
        var busy = await SubstituteAsync(Monday, S.ClassTeacher.Id);
        Assert.Equal("change.substitute", busy.Error!.Code);
        Assert.Contains("веде «Українська мова» у 11-А: учитель не може бути у двох місцях одночасно", busy.Error.Message);
        await using var check = Database.NewContext();
        Assert.Equal(0, await check.DayChanges.CountAsync());
    }

    [Fact]
    public async Task RemovedSubstitution_GivesTheLessonBack_AndIsAudited()
    {
        var change = (await SubstituteAsync(TestSchool.Today, S.OtherTeacher.Id)).GetValueOrThrow();
        var again = await SubstituteAsync(TestSchool.Today, S.EnglishTeacher.Id);
        Assert.Equal("Для цього уроку на цю дату вже є зміна: спершу видаліть її.", again.Error!.Message);
        (await WithAsync(db => new DayChangeService(db, S.Clock).RemoveAsync(Deputy, S.School.Id, change.Id))).GetValueOrThrow();

        var day = (await WithAsync(db => new DiaryQueries(db, S.Clock).StudentDayAsync(S.Ivanenko.Id, TestSchool.Today))).GetValueOrThrow();
        Assert.Null(Assert.Single(day.Timetable.Slots).Change);
        var refused = await WithAsync(db => S.Journal(db).RecordLessonAsync(S.As(S.OtherTeacher, Channel.Telegram),
            new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 2, "Тема")));
        Assert.Equal("auth.not_your_subject", refused.Error!.Code);
        await using var check = Database.NewContext();
        Assert.Equal([AuditAction.Created, AuditAction.Deleted],
            await check.AuditRecords.Where(a => a.EntityType == nameof(DayChange)).InWrittenOrder().Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Groups_AndAssignments_FollowJ5()
    {
        var setup = (JournalDbContext db) => new TeachingSetupService(db, S.Clock);
        var group2 = (await WithAsync(db => setup(db).AddGroupAsync(Deputy, S.Class7A.Id, S.English.Id))).GetValueOrThrow();
        Assert.Equal("II група", group2.Name);
        var outsider = await WithAsync(db => setup(db).SetMembersAsync(Deputy, group2.Id, [S.Sydorenko.Id, S.Primary.Id]));
        Assert.Equal("До групи можна включити лише учнів цього класу.", outsider.Error!.Message);
        Assert.Single((await WithAsync(db => setup(db).SetMembersAsync(Deputy, group2.Id, [S.Sydorenko.Id]))).GetValueOrThrow().Members);
        var wrongGroup = await WithAsync(db => setup(db).AssignAsync(Deputy, S.OtherTeacher.Id, S.Class7A.Id, S.Algebra.Id, group2.Id));
        Assert.Equal("assignment.group", wrongGroup.Error!.Code);
        var twice = await WithAsync(db => setup(db).AssignAsync(Deputy, S.EnglishTeacher.Id, S.Class7A.Id, S.English.Id, S.EnglishGroup1.Id));
        Assert.Equal("Мельник О. І. уже веде Англійська мова (I група) у 7-А.", twice.Error!.Message);
        (await WithAsync(db => setup(db).AssignAsync(Deputy, S.OtherTeacher.Id, S.Class7A.Id, S.English.Id, group2.Id))).GetValueOrThrow();
        // The algebra teacher's 7-А algebra is in the timetable: the assignment stays until the timetable changes.
        await using var check = Database.NewContext();
        var algebra = await check.TeachingAssignments.SingleAsync(a => a.TeacherId == S.AlgebraTeacher.Id && a.ClassId == S.Class7A.Id);
        var kept = await WithAsync(db => setup(db).UnassignAsync(Deputy, algebra.Id, TestSchool.Today));
        Assert.Equal("assignment.in_timetable", kept.Error!.Code);
    }

    [Fact]
    public async Task CancelledAndMovedLessons_AndARemoteDay_AreInTheDayPlan()
    {
        (await WithAsync(db => new TimetableService(db, S.Clock).SetCellAsync(Deputy,
            new TimetableCellInput(S.Class7A.Id, DayOfWeek.Monday, 1, S.Ukrainian.Id, S.ClassTeacher.Id, null), TestSchool.Today))).GetValueOrThrow();
        (await WithAsync(db => new TimetableService(db, S.Clock).SetCellAsync(Deputy,
            new TimetableCellInput(S.Class7A.Id, DayOfWeek.Monday, 2, S.Algebra.Id, S.AlgebraTeacher.Id, null), TestSchool.Today))).GetValueOrThrow();
        var service = (JournalDbContext db) => new DayChangeService(db, S.Clock);
        (await WithAsync(db => service(db).RecordAsync(Deputy, S.School.Id, new DayChangeInput(DayChangeKind.Cancellation, S.Class7A.Id, Monday, 1)))).GetValueOrThrow();
        var clash = await WithAsync(db => service(db).RecordAsync(Deputy, S.School.Id, new DayChangeInput(DayChangeKind.Move, S.Class7A.Id, Monday, 2, ToNumber: 2)));
        Assert.Equal("change.to", clash.Error!.Code);
        (await WithAsync(db => service(db).RecordAsync(Deputy, S.School.Id, new DayChangeInput(DayChangeKind.Move, S.Class7A.Id, Monday, 2, ToNumber: 5)))).GetValueOrThrow();
        (await WithAsync(db => service(db).RecordAsync(Deputy, S.School.Id, new DayChangeInput(DayChangeKind.Remote, null, Monday, Note: "уроки в Meet")))).GetValueOrThrow();

        var day = (await WithAsync(db => new DiaryQueries(db, S.Clock).StudentDayAsync(S.Ivanenko.Id, Monday))).GetValueOrThrow();
        Assert.Equal(["1. Українська мова: скасовано (False)", "2. Алгебра: перенесено на 5 урок (False)", "5. Алгебра: перенесено з 2 уроку (True)"],
            day.Timetable.Slots.Select(s => $"{s.Number}. {s.PageTitle}: {s.Change} ({s.IsHeld})"));
        Assert.Equal(["Дистанційне навчання (уся школа) — уроки в Meet"], day.Timetable.DayNotices);
    }

    [Fact]
    public async Task ChangeOfTomorrow_AfterTheEveningDiary_WritesANoticePerGuardian_InTheSameTransaction()
    {
        (await WithAsync(db => new TimetableService(db, S.Clock).SetCellAsync(Deputy,
            new TimetableCellInput(S.Class7A.Id, DayOfWeek.Monday, 2, S.Algebra.Id, S.AlgebraTeacher.Id, null), TestSchool.Today))).GetValueOrThrow();
        // Friday evening: the mother's diary went out (tomorrow's school day is Monday); the father's did not.
        await using (var db = Database.NewContext())
        {
            var now = S.Clock.GetUtcNow().UtcDateTime;
            db.Outbox.Add(new OutboxMessage(S.School.Id, DailyDiaryJob.Key(S.IvanenkoMother.Id, TestSchool.Today), RecipientKind.Guardian, S.IvanenkoMother.Id,
                NotificationKind.DailyDiary, "{}", now, now));
            await db.SaveChangesAsync();
        }

        var change = (await SubstituteAsync(Monday, S.OtherTeacher.Id)).GetValueOrThrow();
        await using var check = Database.NewContext();
        var notices = await check.Outbox.Where(o => o.Kind == NotificationKind.TimetableChange).ToListAsync();
        var notice = Assert.Single(notices);
        Assert.Equal((S.IvanenkoMother.Id, change.Id), (notice.RecipientId, notice.SourceId!.Value));
        var text = (await new OutboxComposer(check).ComposeAsync(notices, _ => SchoolTime.Resolve("Europe/Kyiv"), default))[notice.Id]!.PlainText;
        Assert.Equal("Іваненко Олег (7-А): зміни в розкладі на понеділок, 23 листопада\n2. Алгебра — заміна: Ткаченко А. М.", text);
        // The father's diary, still to come this evening, has the day as it now stands.
        var friday = (await new DiaryQueries(check, S.Clock).StudentDayAsync(S.Ivanenko.Id, TestSchool.Today)).GetValueOrThrow();
        Assert.Contains("Розклад на понеділок, 23 листопада:\n2. Алгебра — заміна: Ткаченко А. М.", DailyDiaryJob.Family([friday], TestSchool.Today).PlainText);

        // A change of another day (not the next school day) tells nobody.
        (await WithAsync(db => new TimetableService(db, S.Clock).SetCellAsync(Deputy,
            new TimetableCellInput(S.Class7A.Id, DayOfWeek.Tuesday, 2, S.Algebra.Id, S.AlgebraTeacher.Id, null), TestSchool.Today))).GetValueOrThrow();
        (await SubstituteAsync(Monday.AddDays(1), S.OtherTeacher.Id)).GetValueOrThrow();
        Assert.Equal(1, await check.Outbox.CountAsync(o => o.Kind == NotificationKind.TimetableChange));
    }
}

public sealed class TimetableSetupOnSqlite : TimetableSetupTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class TimetableSetupOnPostgres(PostgresServer server) : TimetableSetupTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
