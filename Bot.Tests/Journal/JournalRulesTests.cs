using Bot.Domain;
using Bot.Domain.Attendance;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Journal;

/// <summary>
/// The journal's rules (docs/rules.md J, M, A) through the write path, on a real database. Each test runs on SQLite
/// (<see cref="JournalRulesOnSqlite"/>) and on PostgreSQL (<see cref="JournalRulesOnPostgres"/>).
/// </summary>
public abstract class JournalRulesTests : IAsyncLifetime
{
    protected TestDatabase Database = null!;
    protected TestSchool S = null!;
    private JournalDbContext _db = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        _db = Database.NewContext();
        S = await TestSchool.CreateAsync(_db);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A fresh context per operation, as a request would have.</summary>
    private async Task<T> WithJournal<T>(Func<JournalService, Task<T>> work)
    {
        await using var db = Database.NewContext();
        return await work(S.Journal(db));
    }

    private Task<Result<Lesson>> Lesson(Staff by, DateOnly date, int slot = 2, string topic = "Лінійні рівняння", string? homework = null,
        Subject? subject = null, SchoolClass? cls = null, Guid? group = null, bool substitute = false) =>
        WithJournal(j => j.RecordLessonAsync(S.As(by), new LessonInput((cls ?? S.Class7A).Id, (subject ?? S.Algebra).Id, group, date, slot, topic,
            Homework: homework, AsSubstitute: substitute)));

    private Task<Result<CellChange>> Cell(Staff by, Student student, Lesson lesson, string text, string? reason = null) =>
        WithJournal(j => j.SetCellAsync(S.As(by), new CellInput(student.Id, lesson.ClassId, lesson.SubjectId, MarkColumn.Current, text,
            LessonId: lesson.Id, Reason: reason)));

    private Task<Result<CellChange>> Final(Staff by, Student student, MarkColumn column, string text, Subject? subject = null, SchoolClass? cls = null,
        string? reason = null) =>
        WithJournal(j => j.SetCellAsync(S.As(by), new CellInput(student.Id, (cls ?? S.Class7A).Id, (subject ?? S.Algebra).Id, column, text, Reason: reason)));

    /// <summary>Moves the school's clock to 10:00 in Kyiv on <paramref name="day"/> (the period-mark windows are days, ADR 0033).</summary>
    private void On(DateOnly day) => S.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));

    /// <summary>Semester I's window of the test school (ends 26.12.2026; semester II begins 12.01.2027): 13.12.2026–11.01.2027.</summary>
    private static readonly DateOnly Semester1Window = new(2026, 12, 13);

    /// <summary>Semester II's window (ends 30.05.2027; corrected marks by 10.06.2027): 17.05.2027–10.06.2027.</summary>
    private static readonly DateOnly Semester2Window = new(2027, 5, 17);

    private async Task<Lesson> AlgebraLessonAsync(DateOnly? date = null) =>
        (await Lesson(S.AlgebraTeacher, date ?? TestSchool.Today)).GetValueOrThrow();

    private async Task<(int marks, int absences, int outbox, int audit)> CountsAsync()
    {
        await using var db = Database.NewContext();
        return (await db.Marks.CountAsync(), await db.Absences.CountAsync(), await db.Outbox.CountAsync(), await db.AuditRecords.CountAsync());
    }

    private static void AssertRefused<T>(Result<T> result, string code)
    {
        Assert.False(result.IsSuccess, $"expected refusal {code}");
        Assert.Equal(code, result.Error!.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    // ---- Lessons: J-6 .. J-10 ----

    [Fact]
    public async Task RecordLesson_FutureDate_IsRefused_J7()
    {
        var result = await Lesson(S.AlgebraTeacher, TestSchool.Today.AddDays(3));
        AssertRefused(result, "lesson.future");
        Assert.Contains("наперед", result.Error!.Message);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Lessons.CountAsync());
    }

    [Fact]
    public async Task RecordLesson_LateEntry_IsNumberedInDateOrder_J6()
    {
        var friday = (await Lesson(S.AlgebraTeacher, TestSchool.Today)).GetValueOrThrow();
        var earlier = (await Lesson(S.AlgebraTeacher, new DateOnly(2026, 11, 13), topic: "Рівняння з однією змінною")).GetValueOrThrow();
        await using var db = Database.NewContext();
        var numbers = await db.Lessons.OrderBy(l => l.Date).Select(l => new { l.Id, l.Number }).ToListAsync();
        Assert.Equal([(earlier.Id, 1), (friday.Id, 2)], numbers.Select(n => (n.Id, n.Number)));
    }

    [Fact]
    public async Task RecordLesson_ThemeTitleAndHomework_AreStored_J6_J8()
    {
        await WithJournal(j => j.RecordLessonAsync(S.As(S.AlgebraTeacher), new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 2,
            "Що таке рівняння", "Лінійні рівняння з однією змінною", "§3, вправи 11, 12 на с. 47")));
        await using var db = Database.NewContext();
        var lesson = await db.Lessons.SingleAsync();
        Assert.Equal("Лінійні рівняння з однією змінною", lesson.ThemeTitle);
        Assert.Equal("§3, вправи 11, 12 на с. 47", lesson.Homework);
    }

    [Fact]
    public async Task RecordLesson_HomeworkInGrade1_IsRefused_J8()
    {
        var result = await Lesson(S.OtherTeacher, TestSchool.Today, homework: "Прочитати казку", subject: S.Reading, cls: S.Class1A);
        AssertRefused(result, "homework.grade1");
        var withoutHomework = await Lesson(S.OtherTeacher, TestSchool.Today, subject: S.Reading, cls: S.Class1A);
        Assert.True(withoutHomework.IsSuccess);
    }

    [Fact]
    public async Task RecordLesson_HomeworkOnOptionalCourse_IsRefused_J10()
    {
        var result = await Lesson(S.OtherTeacher, TestSchool.Today, topic: "Дебют", homework: "Розв'язати задачу", subject: S.Optional);
        AssertRefused(result, "homework.optional");
    }

    [Fact]
    public async Task RecordLesson_BySubstitute_WritesSubstituteNote_J9()
    {
        var result = await Lesson(S.OtherTeacher, TestSchool.Today, homework: "§4", substitute: true);
        var lesson = result.GetValueOrThrow();
        Assert.Equal("Заміна. Ткаченко А. М.", lesson.SubstituteNote);
        Assert.Equal("§4 Заміна. Ткаченко А. М.", lesson.HomeworkField);
        Assert.Equal(S.OtherTeacher.Id, lesson.TeacherId);
    }

    [Fact]
    public async Task RecordLesson_OnHoliday_IsRefused()
    {
        AssertRefused(await Lesson(S.AlgebraTeacher, new DateOnly(2026, 10, 28)), "lesson.not_school_day");
    }

    [Fact]
    public async Task RecordLesson_TeacherOfAnotherSubject_IsRefused()
    {
        AssertRefused(await Lesson(S.EnglishTeacher, TestSchool.Today), "auth.not_your_subject");
    }

    [Fact]
    public async Task RecordLesson_WithHomework_HoldsHomeworkNoticeForEachGuardianForTheUndoWindow()
    {
        await Lesson(S.AlgebraTeacher, TestSchool.Today, homework: "№ 214, 215");
        await using var db = Database.NewContext();
        var rows = await db.Outbox.ToListAsync();
        Assert.Equal(2, rows.Count); // Іваненко has two guardians; the other students have none in this school
        Assert.All(rows, r =>
        {
            Assert.Equal(NotificationKind.HomeworkNotice, r.Kind);
            Assert.Equal(OutboxState.Pending, r.State);
            Assert.Equal(TestSchool.Now.UtcDateTime.AddMinutes(10), r.NotBeforeUtc);
            Assert.Contains("№ 214, 215", r.Payload);
        });
        Assert.Equal(new[] { S.IvanenkoFather.Id, S.IvanenkoMother.Id }.Order(), rows.Select(r => r.RecipientId).Order());
    }

    [Fact]
    public async Task RecordLesson_WithHomeworkWithoutNotifying_WritesNoNotice()
    {
        var result = await WithJournal(j => j.RecordLessonAsync(S.As(S.AlgebraTeacher), new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 2,
            "Рівняння", Homework: "№ 214, 215"), notify: false));
        Assert.Equal("№ 214, 215", result.GetValueOrThrow().Homework);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [Fact]
    public async Task RecordLesson_InDateOrderThenOneLate_NumbersStayConsecutive_J6()
    {
        var days = new[] { new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16) };
        foreach (var day in days) (await Lesson(S.AlgebraTeacher, day, topic: $"Урок {day:dd.MM}")).GetValueOrThrow();
        var late = (await Lesson(S.AlgebraTeacher, new DateOnly(2026, 11, 4), topic: "Записаний пізніше")).GetValueOrThrow();
        var sameDayLater = (await Lesson(S.AlgebraTeacher, new DateOnly(2026, 11, 16), slot: 5, topic: "Другий урок дня")).GetValueOrThrow();

        Assert.Equal(2, late.Number);
        Assert.Equal(5, sameDayLater.Number);
        await using var db = Database.NewContext();
        var numbers = await db.Lessons.OrderBy(l => l.Date).ThenBy(l => l.Slot).Select(l => l.Number).ToListAsync();
        Assert.Equal([1, 2, 3, 4, 5], numbers);
    }

    // ---- Marks: M-1, M-3, M-11 through the parser, with persistence ----

    [Fact]
    public async Task SetCell_Mark_StoresMarkAuditAndHeldAlertsTogether()
    {
        var lesson = await AlgebraLessonAsync();
        var result = await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "10");
        Assert.Equal(CellOutcome.Created, result.GetValueOrThrow().Outcome);

        await using var db = Database.NewContext();
        var mark = await db.Marks.SingleAsync();
        Assert.Equal(new MarkValue(MarkKind.Points, 10), mark.Value);
        Assert.Equal(TestSchool.Today, mark.Date);
        var audit = await db.AuditRecords.Where(a => a.EntityType == nameof(Mark)).SingleAsync();
        Assert.Equal((AuditAction.Created, (string?)null, "10", S.AlgebraTeacher.Id, Channel.Web),
            (audit.Action, audit.OldValue, audit.NewValue, audit.ActorId, audit.Channel));
        Assert.Contains("Іваненко Олег", audit.Context);
        var alerts = await db.Outbox.Where(o => o.Kind == NotificationKind.MarkAlert).ToListAsync();
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.Equal(mark.Id, a.SourceId));
        Assert.All(alerts, a => Assert.True(a.NotBeforeUtc >= TestSchool.Now.UtcDateTime.AddMinutes(10)));
    }

    [Fact]
    public async Task SetCell_ThirteenInGrade7_IsRefusedAndChangesNothing_M1()
    {
        var lesson = await AlgebraLessonAsync();
        var before = await CountsAsync();
        var result = await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "13");
        AssertRefused(result, "mark.out_of_scale");
        Assert.Contains("12", result.Error!.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task SetCell_LevelInGrade3_IsAccepted_AndPointsRefused_M1()
    {
        var lesson = (await Lesson(S.OtherTeacher, TestSchool.Today, topic: "Казка", subject: S.Reading, cls: S.Class3A)).GetValueOrThrow();
        Assert.True((await Cell(S.OtherTeacher, S.Primary, lesson, "Д")).IsSuccess);
        AssertRefused(await Cell(S.OtherTeacher, S.Primary, lesson, "10"), "mark.wrong_scale");
    }

    [Fact]
    public async Task SetCell_SemesterResultInGrade3_IsALevelInItsWindow_ButGrade1HasNoSemester_N13_N14()
    {
        AssertRefused(await Final(S.OtherTeacher, S.Primary, MarkColumn.Semester1, "В", S.Reading, S.Class3A), JournalErrors.PeriodWindowCode);
        On(Semester1Window);
        Assert.True((await Final(S.OtherTeacher, S.Primary, MarkColumn.Semester1, "В", S.Reading, S.Class3A)).IsSuccess);
        AssertRefused(await Final(S.OtherTeacher, S.Primary, MarkColumn.Semester1, "10", S.Reading, S.Class3A), "mark.wrong_scale");
        var grade1 = await Final(S.OtherTeacher, S.FirstGrader, MarkColumn.Semester1, "сформовано", S.Reading, S.Class1A);
        AssertRefused(grade1, CellErrorCodes.ColumnNotForGrade);
        Assert.Equal("У 1 класі колонки «І семестр» немає: у 1–2 класах ставлять лише поточні оцінки та річний результат.", grade1.Error!.Message);
        await using var db = Database.NewContext();
        Assert.Equal("В", (await db.Marks.SingleAsync(m => m.Column == MarkColumn.Semester1)).Value.Text);
    }

    [Fact]
    public async Task SetCell_OptionalCourseMark_IsRefused_ButAbsenceRecorded_J10()
    {
        var lesson = (await Lesson(S.OtherTeacher, TestSchool.Today, topic: "Дебют", subject: S.Optional, slot: 7)).GetValueOrThrow();
        Assert.False((await Cell(S.OtherTeacher, S.Ivanenko, lesson, "10")).IsSuccess);
        Assert.True((await Cell(S.OtherTeacher, S.Ivanenko, lesson, "н")).IsSuccess);
    }

    // ---- Students and groups: J-4, J-5, A-3 ----

    [Fact]
    public async Task SetCell_StudentOfAnotherClass_IsRefused_J4()
    {
        var lesson = await AlgebraLessonAsync();
        AssertRefused(await Cell(S.AlgebraTeacher, S.Outsider, lesson, "9"), "student.not_in_class");
    }

    [Fact]
    public async Task SetCell_StudentWhoLeft_OrNotYetArrived_IsRefused_J4()
    {
        var october = await AlgebraLessonAsync(new DateOnly(2026, 10, 16));
        AssertRefused(await Cell(S.AlgebraTeacher, S.Leaver, october, "9"), "student.not_in_class");   // left on 9 October
        AssertRefused(await Cell(S.AlgebraTeacher, S.Newcomer, october, "9"), "student.not_in_class"); // arrives 16 November
        var today = await AlgebraLessonAsync();
        Assert.True((await Cell(S.AlgebraTeacher, S.Newcomer, today, "9")).IsSuccess);
    }

    [Fact]
    public async Task SetCell_StudentOutsideTheGroup_IsRefused_J5()
    {
        var lesson = (await Lesson(S.EnglishTeacher, TestSchool.Today, topic: "Present Simple", subject: S.English, group: S.EnglishGroup1.Id)).GetValueOrThrow();
        Assert.True((await Cell(S.EnglishTeacher, S.Petrenko, lesson, "11")).IsSuccess);
        AssertRefused(await Cell(S.EnglishTeacher, S.Sydorenko, lesson, "11"), "student.not_in_group");
    }

    [Fact]
    public async Task SetCell_AbsenceOfStudentOnIndividualStudy_IsRefused_A3()
    {
        await using (var db = Database.NewContext())
        {
            var s = await db.Students.SingleAsync(x => x.Id == S.Sydorenko.Id);
            s.SetStudyMode(StudyMode.Individual);
            await db.SaveChangesAsync();
        }

        var lesson = await AlgebraLessonAsync();
        Assert.False((await Cell(S.AlgebraTeacher, S.Sydorenko, lesson, "н")).IsSuccess);
        Assert.False((await Cell(S.AlgebraTeacher, S.Sydorenko, lesson, "9")).IsSuccess); // M-12: only final marks
        On(Semester1Window); // M-6: in its window
        Assert.True((await Final(S.AlgebraTeacher, S.Sydorenko, MarkColumn.Semester1, "9")).IsSuccess);
    }

    // ---- Rights ----

    [Fact]
    public async Task SetCell_TeacherOfAnotherSubject_IsRefused()
    {
        var lesson = await AlgebraLessonAsync();
        AssertRefused(await Cell(S.EnglishTeacher, S.Ivanenko, lesson, "9"), "auth.not_your_subject");
        Assert.Equal(0, (await CountsAsync()).marks);
    }

    [Fact]
    public async Task SetCell_DeputyInSomeoneElsesJournal_NeedsAReason()
    {
        var lesson = await AlgebraLessonAsync();
        AssertRefused(await Cell(S.Deputy, S.Ivanenko, lesson, "9"), "auth.reason_required");
        Assert.True((await Cell(S.Deputy, S.Ivanenko, lesson, "9", reason: "Заява батьків, наказ № 12")).IsSuccess);
        await using var db = Database.NewContext();
        Assert.Equal("Заява батьків, наказ № 12", (await db.AuditRecords.SingleAsync(a => a.EntityType == nameof(Mark))).Reason);
    }

    // ---- Typing errors and corrections ----

    [Fact]
    public async Task SetCell_AuthorFixesTypoWithinUndoWindow_AndAlertsAreReplaced()
    {
        var lesson = await AlgebraLessonAsync();
        await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "1");
        S.Clock.Advance(TimeSpan.FromMinutes(3));
        var fix = await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "11");
        Assert.Equal((CellOutcome.Changed, "1", "11"), (fix.Value!.Outcome, fix.Value.OldValue, fix.Value.NewValue));

        await using var db = Database.NewContext();
        var rows = await db.Outbox.ToListAsync();
        Assert.Equal(2, rows.Count(r => r.State == OutboxState.Cancelled));
        Assert.All(rows.Where(r => r.State == OutboxState.Pending), r => Assert.Contains("\"11\"", r.Payload));
        Assert.Equal(["Created", "Changed"], await db.AuditRecords.Where(a => a.EntityType == nameof(Mark)).InWrittenOrder()
            .Select(a => a.Action.ToString()).ToListAsync());
    }

    [Fact]
    public async Task SetCell_ChangeAfterUndoWindow_ByTeacherRefused_ByDeputyWithReason()
    {
        var lesson = await AlgebraLessonAsync();
        await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "7");
        S.Clock.Advance(TimeSpan.FromMinutes(11));
        AssertRefused(await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "8"), "mark.locked");
        AssertRefused(await Cell(S.Deputy, S.Ivanenko, lesson, "8"), "auth.reason_required");
        var corrected = await Cell(S.Deputy, S.Ivanenko, lesson, "8", reason: "Помилка введення, доповідна вчителя");
        Assert.True(corrected.IsSuccess);
    }

    [Fact]
    public async Task SetCell_LessonMoreThanTenDaysBack_TeacherRefused_DeputyWithReason_M2()
    {
        var old = await AlgebraLessonAsync(new DateOnly(2026, 11, 6));
        var recent = await AlgebraLessonAsync(new DateOnly(2026, 11, 13));
        AssertRefused(await Cell(S.AlgebraTeacher, S.Ivanenko, old, "9"), "mark.late");
        Assert.True((await Cell(S.AlgebraTeacher, S.Ivanenko, recent, "9")).IsSuccess);
        Assert.True((await Cell(S.Deputy, S.Ivanenko, old, "9", reason: "Контрольна робота, перевірена пізніше")).IsSuccess);
    }

    [Fact]
    public async Task SetCell_Correction_OnceOnlyUpwardsAfterASemesterMark_M7()
    {
        On(Semester1Window.AddDays(2));
        AssertRefused(await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Corrected1, "9"), "mark.correction_without_semester");
        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester1, "8")).IsSuccess);
        AssertRefused(await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Corrected1, "7"), "mark.correction_not_higher");
        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Corrected1, "9")).IsSuccess);
        S.Clock.Advance(TimeSpan.FromMinutes(30));
        AssertRefused(await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Corrected1, "10"), "mark.second_correction");
        AssertRefused(await Final(S.Deputy, S.Ivanenko, MarkColumn.Corrected1, "10", reason: "заява"), "mark.second_correction");
    }

    [Fact]
    public async Task SetCell_CorrectionAfterSemesterTwoBegan_IsRefused_M7()
    {
        On(Semester1Window);
        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester1, "8")).IsSuccess);
        S.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 13, 8, 0, 0, TimeSpan.Zero));
        var late = await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Corrected1, "9");
        AssertRefused(late, JournalErrors.PeriodWindowCode);
        Assert.Equal("Скориговану оцінку за І семестр можна виставити з 13.12.2026 до 11.01.2027. Цей строк минув.", late.Error!.Message);
    }

    [Fact]
    public async Task SetCell_ChangedAnnualMark_IsRefusedEvenForDeputy_M8()
    {
        On(Semester1Window);
        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester1, "8")).IsSuccess);
        On(Semester2Window);
        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester2, "8")).IsSuccess);
        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Annual, "8")).IsSuccess);
        S.Clock.Advance(TimeSpan.FromMinutes(30));
        AssertRefused(await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Annual, "9"), "mark.annual_final");
        AssertRefused(await Final(S.Deputy, S.Ivanenko, MarkColumn.Annual, "9", reason: "заява"), "mark.annual_final");
    }

    // ---- Period marks in their time: M-6, M-7, M-8 (ADR 0033) ----

    [Fact]
    public async Task SemesterMark_BeforeItsWindow_IsRefusedNamingTheDates_AndWritesNothing_M6()
    {
        var before = await CountsAsync();
        var refused = await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester1, "11"); // 20.11.2026
        AssertRefused(refused, JournalErrors.PeriodWindowCode);
        Assert.Equal("Семестрову оцінку за І семестр можна виставити з 13.12.2026 до 11.01.2027.", refused.Error!.Message);
        Assert.DoesNotContain("M-", refused.Error.Message, StringComparison.Ordinal);
        // The case: a semester-II mark in December, stored for 30 May and alerted — refused now, for the deputy too.
        var second = await Final(S.Deputy, S.Ivanenko, MarkColumn.Semester2, "11", reason: "заява");
        Assert.Equal("Семестрову оцінку за ІІ семестр можна виставити з 17.05.2027 до 10.06.2027.", second.Error!.Message);
        AssertRefused(await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Annual, "11"), JournalErrors.PeriodWindowCode);
        Assert.Equal(before, await CountsAsync()); // no mark, no alert, no audit record
    }

    [Fact]
    public async Task SemesterMark_InItsWindow_IsWrittenAndAlerted_AndAfterTheCorrectedDeadline_IsRefused_M6_M7()
    {
        On(Semester1Window.AddDays(-1));
        AssertRefused(await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester1, "10"), JournalErrors.PeriodWindowCode);
        On(Semester1Window);
        var written = await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester1, "10");
        Assert.Equal(CellOutcome.Created, written.Value!.Outcome);
        Assert.Equal(new DateOnly(2026, 12, 26), written.Value.Mark!.Date); // placed at the semester's end
        // Until the day before semester II (the corrected I-semester mark's deadline), then closed.
        On(new DateOnly(2027, 1, 11));
        Assert.True((await Final(S.AlgebraTeacher, S.Petrenko, MarkColumn.Semester1, "н/а")).IsSuccess);
        On(new DateOnly(2027, 1, 12));
        var late = await Final(S.Deputy, S.Sydorenko, MarkColumn.Semester1, "9", reason: "пізно");
        AssertRefused(late, JournalErrors.PeriodWindowCode);
        Assert.EndsWith("Цей строк минув.", late.Error!.Message);
        // Clearing a standing semester mark is a write of its column too: not outside the window.
        AssertRefused(await Final(S.Deputy, S.Ivanenko, MarkColumn.Semester1, "-", reason: "помилка"), JournalErrors.PeriodWindowCode);

        await using var db = Database.NewContext();
        Assert.Equal(["10", "н/а"], (await db.Marks.Where(m => m.Column == MarkColumn.Semester1).Select(m => m.Value).ToListAsync()).Select(v => v.Text).Order());
        Assert.True(await db.Outbox.AnyAsync(o => o.Kind == NotificationKind.MarkAlert));
    }

    [Fact]
    public async Task CorrectedMark_OnceWithinItsWindow_SemesterTwoUntilTenJune_M7()
    {
        On(Semester2Window);
        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester2, "7")).IsSuccess);
        On(new DateOnly(2027, 6, 10));
        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Corrected2, "8")).IsSuccess);
        S.Clock.Advance(TimeSpan.FromMinutes(30));
        AssertRefused(await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Corrected2, "9"), "mark.second_correction");
        On(new DateOnly(2027, 6, 11));
        var late = await Final(S.Deputy, S.Petrenko, MarkColumn.Corrected2, "9", reason: "заява");
        AssertRefused(late, JournalErrors.PeriodWindowCode);
        Assert.Equal("Скориговану оцінку за ІІ семестр можна виставити з 17.05.2027 до 10.06.2027. Цей строк минув.", late.Error!.Message);
    }

    [Fact]
    public async Task AnnualMark_OnlyInItsWindow_AndOnlyOnceBothSemesterMarksExist_M8()
    {
        On(Semester1Window);
        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester1, "9")).IsSuccess);
        Assert.Equal("Річну оцінку можна виставити з 17.05.2027 до 10.06.2027.",
            (await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Annual, "9")).Error!.Message);

        On(Semester2Window);
        var none = await Final(S.AlgebraTeacher, S.Petrenko, MarkColumn.Annual, "9");
        AssertRefused(none, "mark.annual_without_semesters");
        Assert.Equal("Річну оцінку можна виставити, коли є оцінки за обидва семестри (або «н/а»): немає за І і ІІ семестри.", none.Error!.Message);
        var one = await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Annual, "9");
        Assert.Equal("Річну оцінку можна виставити, коли є оцінки за обидва семестри (або «н/а»): немає за ІІ семестр.", one.Error!.Message);
        // Several students at once: all or nothing, the student without marks named.
        var batch = await WithJournal(j => j.SetCellsAsync(S.As(S.AlgebraTeacher), [
            new CellInput(S.Ivanenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Annual, "9"),
            new CellInput(S.Petrenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Annual, "8")]));
        Assert.False(batch.IsSuccess);

        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester2, "н/а")).IsSuccess); // "н/а" counts
        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Annual, "9")).IsSuccess);
        On(new DateOnly(2027, 6, 11));
        AssertRefused(await Final(S.Deputy, S.Petrenko, MarkColumn.Annual, "9", reason: "заява"), JournalErrors.PeriodWindowCode);

        await using var db = Database.NewContext();
        Assert.Equal(S.Ivanenko.Id, (await db.Marks.SingleAsync(m => m.Column == MarkColumn.Annual)).StudentId);
    }

    [Fact]
    public async Task AnnualMark_InGrade1_NeedsNoSemesterMarks_InGrade3_ItNeedsBoth_AndKeepsItsWindow_M8_N13_N14()
    {
        AssertRefused(await Final(S.OtherTeacher, S.FirstGrader, MarkColumn.Annual, "сформовано", S.Reading, S.Class1A), JournalErrors.PeriodWindowCode);
        On(Semester1Window);
        Assert.True((await Final(S.OtherTeacher, S.Primary, MarkColumn.Semester1, "Д", S.Reading, S.Class3A)).IsSuccess);
        On(Semester2Window.AddDays(3));
        Assert.True((await Final(S.OtherTeacher, S.FirstGrader, MarkColumn.Annual, "сформовано", S.Reading, S.Class1A)).IsSuccess);
        var refused = await Final(S.OtherTeacher, S.Primary, MarkColumn.Annual, "Д", S.Reading, S.Class3A);
        AssertRefused(refused, "mark.annual_without_semesters");
        Assert.EndsWith("немає за ІІ семестр.", refused.Error!.Message, StringComparison.Ordinal);
        Assert.True((await Final(S.OtherTeacher, S.Primary, MarkColumn.Semester2, "В", S.Reading, S.Class3A)).IsSuccess);
        Assert.True((await Final(S.OtherTeacher, S.Primary, MarkColumn.Annual, "Д", S.Reading, S.Class3A)).IsSuccess);
    }

    [Fact]
    public async Task SemesterWindow_IsTheSchoolsSetting_M6()
    {
        await using (var db = Database.NewContext())
        {
            var setup = new Bot.Domain.Schools.SchoolSetupService(db, S.Clock);
            AssertRefused(await setup.SetPeriodMarkDaysAsync(S.As(S.AlgebraTeacher), S.School.Id, 3), "auth.setup");
            AssertRefused(await setup.SetPeriodMarkDaysAsync(S.As(S.Deputy), S.School.Id, 0), "school.period_mark_days");
            Assert.Equal(3, (await setup.SetPeriodMarkDaysAsync(S.As(S.Deputy), S.School.Id, 3)).Value);
        }

        On(new DateOnly(2026, 12, 23));
        Assert.Equal("Семестрову оцінку за І семестр можна виставити з 24.12.2026 до 11.01.2027.",
            (await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester1, "9")).Error!.Message);
        On(new DateOnly(2026, 12, 24));
        Assert.True((await Final(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester1, "9")).IsSuccess);
    }

    [Fact]
    public async Task SetCell_AppealWithoutDpa_IsRefused_M10()
    {
        AssertRefused(await Final(S.AlgebraTeacher, S.Senior, MarkColumn.Appeal, "9", cls: S.Class11A), "mark.appeal_without_dpa");
        Assert.True((await Final(S.AlgebraTeacher, S.Senior, MarkColumn.Dpa, "7", cls: S.Class11A)).IsSuccess);
        Assert.True((await Final(S.AlgebraTeacher, S.Senior, MarkColumn.Appeal, "8", cls: S.Class11A)).IsSuccess);
    }

    [Fact]
    public async Task SetCell_ClosedYear_IsRefused_J14()
    {
        var lesson = await AlgebraLessonAsync();
        await using (var db = Database.NewContext())
        {
            var year = await db.SchoolYears.SingleAsync();
            year.Close(TestSchool.Now.UtcDateTime);
            await db.SaveChangesAsync();
        }

        AssertRefused(await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "9"), "year.closed");
        AssertRefused(await Lesson(S.AlgebraTeacher, TestSchool.Today, slot: 3), "year.closed");
    }

    // ---- Attendance: A-1 ----

    [Fact]
    public async Task ClassTeacher_TurnsAbsentIntoIll_ForTheWholeDay_A1()
    {
        var algebra = await AlgebraLessonAsync();
        var ukrainian = (await Lesson(S.ClassTeacher, TestSchool.Today, slot: 3, topic: "Дієприкметник", subject: S.Ukrainian)).GetValueOrThrow();
        await Cell(S.AlgebraTeacher, S.Petrenko, algebra, "н");
        await Cell(S.ClassTeacher, S.Petrenko, ukrainian, "н");

        var byTeacher = await WithJournal(j => j.SetDayAbsenceKindAsync(S.As(S.AlgebraTeacher), S.Petrenko.Id, TestSchool.Today, AbsenceKind.Ill));
        AssertRefused(byTeacher, "absence.excuse_rights");

        var byClassTeacher = await WithJournal(j => j.SetDayAbsenceKindAsync(S.As(S.ClassTeacher, Channel.Telegram), S.Petrenko.Id, TestSchool.Today, AbsenceKind.Ill));
        Assert.Equal(2, byClassTeacher.GetValueOrThrow());
        await using var db = Database.NewContext();
        Assert.All(await db.Absences.ToListAsync(), a => Assert.Equal(AbsenceKind.Ill, a.Kind));
        var audit = await db.AuditRecords.Where(a => a.Channel == Channel.Telegram).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(("н", "хв"), (a.OldValue, a.NewValue)));
    }

    [Fact]
    public async Task MarkReplacesAbsenceInTheSameCell_AndBothChangesAreAudited()
    {
        var lesson = await AlgebraLessonAsync();
        await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "н");
        var change = await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "9");
        Assert.Equal(("н", "9"), (change.Value!.OldValue, change.Value.NewValue));
        var counts = await CountsAsync();
        Assert.Equal((1, 0), (counts.marks, counts.absences));
        await using var db = Database.NewContext();
        Assert.Equal(4, await db.AuditRecords.CountAsync()); // lesson, absence created, absence deleted, mark created
        Assert.Equal(AuditAction.Deleted, (await db.AuditRecords.SingleAsync(a => a.EntityType == nameof(Absence) && a.Action == AuditAction.Deleted)).Action);
    }

    // ---- No silent loss, write units and their undo (ADR 0029) ----

    private async Task<Guid> UnitOfAsync(Guid entityId)
    {
        await using var db = Database.NewContext();
        return await db.AuditRecords.Where(a => a.EntityId == entityId).InWrittenOrderDescending().Select(a => a.WriteBatchId).FirstAsync();
    }

    [Fact]
    public async Task Absence_OverAMarkOfTheLesson_IsRefused_WithTheMarkNamed_AndNothingChanges()
    {
        var lesson = await AlgebraLessonAsync();
        await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "9");
        var before = await CountsAsync();
        var refused = await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "н");
        AssertRefused(refused, JournalErrors.AbsenceOverMarkCode);
        Assert.StartsWith("Іваненко Олег уже має оцінку 9 за цей урок", refused.Error!.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Absence_OverAMark_WithAReason_ReplacesIt_TheReasonIsRecorded_AndUndoBringsTheMarkBack()
    {
        var lesson = await AlgebraLessonAsync();
        await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "9");
        var replaced = (await Cell(S.Deputy, S.Ivanenko, lesson, "н", reason: "Учень пішов з уроку")).GetValueOrThrow();
        Assert.Equal(("9", "н"), (replaced.OldValue, replaced.NewValue));
        await using (var db = Database.NewContext())
        {
            var deleted = await db.AuditRecords.SingleAsync(a => a.EntityType == nameof(Mark) && a.Action == AuditAction.Deleted);
            Assert.Equal(("9", "Учень пішов з уроку", S.Ivanenko.Id), (deleted.OldValue, deleted.Reason, deleted.StudentId!.Value));
        }

        var unit = await UnitOfAsync(replaced.Absence!.Id);
        var undone = (await WithJournal(j => j.UndoBatchAsync(S.As(S.Deputy), unit, "помилка"))).GetValueOrThrow();
        Assert.Equal(["Іваненко Олег: н → 9"], undone.Lines);
        await using (var db = Database.NewContext())
        {
            Assert.Equal("9", (await db.Marks.SingleAsync()).Value.Text);
            Assert.Equal(0, await db.Absences.CountAsync());
            Assert.All(await db.AuditRecords.Where(a => a.WriteBatchId == undone.UndoBatchId).ToListAsync(), a => Assert.Equal(undone.BatchId, a.RevertsBatchId));
        }
    }

    [Fact]
    public async Task UndoBatch_IsAllOrNothing_AUnitWhoseCellChangedSince_IsRefused_ThenUndoneInTurn()
    {
        var lesson = await AlgebraLessonAsync();
        var first = (await WithJournal(j => j.SetCellsAsync(S.As(S.AlgebraTeacher),
            [new CellInput(S.Ivanenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Current, "7", lesson.Id),
             new CellInput(S.Petrenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Current, "8", lesson.Id)]))).GetValueOrThrow();
        var unitA = await UnitOfAsync(first[0].Mark!.Id);
        Assert.Equal(unitA, await UnitOfAsync(first[1].Mark!.Id));
        await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "10"); // unit B: the author fixes a typo
        var unitB = await UnitOfAsync(first[0].Mark!.Id);

        var refused = await WithJournal(j => j.UndoBatchAsync(S.As(S.AlgebraTeacher), unitA, "помилка"));
        AssertRefused(refused, "undo.changed_since");
        AssertRefused(await WithJournal(j => j.UndoBatchAsync(S.As(S.EnglishTeacher), unitB, "помилка")), "undo.not_yours");

        await using (var db = Database.NewContext())
            Assert.Equal(unitB, (await S.Journal(db).LatestUnitAsync([S.AlgebraTeacher.Id]))!.BatchId);
        Assert.Equal(["Іваненко Олег: 10 → 7"], (await WithJournal(j => j.UndoLatestAsync(S.As(S.AlgebraTeacher), "помилка"))).GetValueOrThrow().Lines);
        Assert.Equal(["Іваненко Олег: 7 → порожньо", "Петренко Марія: 8 → порожньо"],
            (await WithJournal(j => j.UndoLatestAsync(S.As(S.AlgebraTeacher), "помилка"))).GetValueOrThrow().Lines);
        AssertRefused(await WithJournal(j => j.UndoLatestAsync(S.As(S.AlgebraTeacher), "помилка")), "undo.none");
        AssertRefused(await WithJournal(j => j.UndoBatchAsync(S.As(S.AlgebraTeacher), unitA, "помилка")), "undo.already");
        Assert.Equal((0, 0), ((await CountsAsync()).marks, (await CountsAsync()).absences));
    }

    [Fact]
    public async Task UndoBatch_PastTheWindow_IsRefused_InMinutesAndSeconds_AndChangesNothing()
    {
        var lesson = await AlgebraLessonAsync();
        var mark = (await Cell(S.AlgebraTeacher, S.Ivanenko, lesson, "9")).GetValueOrThrow();
        S.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var refused = await WithJournal(j => j.UndoLatestAsync(S.As(S.AlgebraTeacher), "помилка"));
        AssertRefused(refused, "undo.window_passed");
        Assert.Contains("вікно — 10 хв", refused.Error!.Message);
        await using var db = Database.NewContext();
        Assert.Equal(mark.Mark!.Id, (await db.Marks.SingleAsync()).Id);
        Assert.Equal("1 хв 30 с", Bot.Domain.Text.UkrainianText.Duration(TimeSpan.FromSeconds(90)));
        Assert.Equal("30 с", Bot.Domain.Text.UkrainianText.Duration(TimeSpan.FromSeconds(30)));
    }
}

public sealed class JournalRulesOnSqlite : JournalRulesTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class JournalRulesOnPostgres(PostgresServer server) : JournalRulesTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
