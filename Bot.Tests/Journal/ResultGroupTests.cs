using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Journal.Grid;
using Bot.Domain.Notifications;
using Bot.Domain.Schools;
using Bot.Host.Conversation.Formatting;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Journal;

/// <summary>
/// НУШ assessment on each provider (docs/rules.md): N-6 the typical groups of results seeded per subject and year and
/// edited by the deputy; N-7 a 1–12 mark per group and semester in НУШ classes only, the semester mark proposed as the
/// groups' mean and the teacher's choice audited, the group marks with their titles in the parent's /marks; N-1 the
/// class flag; N-9 "Тематична" as a school setting.
/// </summary>
public abstract class ResultGroupTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task Seeding_GivesTheCommonSubjectsTheirTypicalGroups_OnceAYear_Audited()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.NewContext();
        var s = await TestSchool.CreateAsync(db);
        var nus = await NusClass.AddAsync(db, s);
        var service = new ResultGroupService(db, s.Clock);

        Assert.Equal(SchoolSetupService.SetupRights, (await service.SeedDefaultsAsync(s.As(s.AlgebraTeacher), s.School.Id, s.Year.Id)).Error);
        // Ukrainian language, mathematics, algebra, geometry, English, "Основи здоров'я"; not the optional chess club or primary reading.
        Assert.Equal(6, (await service.SeedDefaultsAsync(s.As(s.Deputy), s.School.Id, s.Year.Id)).GetValueOrThrow());
        Assert.Equal(0, (await service.SeedDefaultsAsync(s.As(s.Deputy), s.School.Id, s.Year.Id)).GetValueOrThrow());

        await using var read = database.NewContext();
        var groups = await new ResultGroupService(read, s.Clock).ForYearAsync(s.School.Id, s.Year.Id);
        Assert.Equal(["ГР1", "ГР2", "ГР3", "ГР4"], groups[s.Ukrainian.Id].Select(g => g.Code));
        Assert.Equal("Усна взаємодія та робота з інформацією", groups[s.Ukrainian.Id].First().Title);
        Assert.Equal(["Аудіювання", "Говоріння", "Читання", "Письмо"], groups[s.English.Id].Select(g => g.Title));
        Assert.Equal(3, groups[nus.Mathematics.Id].Count());
        Assert.Equal(3, groups[nus.Health.Id].Count());
        Assert.Empty(groups[s.Optional.Id]);
        Assert.Empty(groups[s.Reading.Id]);
        var audit = await read.AuditRecords.Where(r => r.EntityType == nameof(ResultGroup)).ToListAsync();
        Assert.Equal(6, audit.Count);
        Assert.Contains(audit, r => r.EntityId == nus.Mathematics.Id && r.NewValue!.StartsWith("ГР1 — ", StringComparison.Ordinal) && r.ActorName == s.Deputy.ShortName);
    }

    [Fact]
    public async Task Deputy_EditsASubjectsList_CodesUniqueTitlesGiven_AndAGroupWithMarksStays()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.NewContext();
        var s = await TestSchool.CreateAsync(db);
        var nus = await NusClass.AddAsync(db, s);
        var service = new ResultGroupService(db, s.Clock);
        var deputy = s.As(s.Deputy);
        (await service.SeedDefaultsAsync(deputy, s.School.Id, s.Year.Id)).GetValueOrThrow();
        var maths = (await service.ForYearAsync(s.School.Id, s.Year.Id))[nus.Mathematics.Id].ToList();

        var twice = await service.SaveAsync(deputy, s.School.Id, s.Year.Id, nus.Mathematics.Id,
            [new(maths[0].Id, "ГР1", "Перша"), new(maths[1].Id, "гр1", "Друга")]);
        Assert.Equal("Позначення «ГР1» повторюється: у кожної групи має бути своє.", twice.Error!.Message);
        var untitled = await service.SaveAsync(deputy, s.School.Id, s.Year.Id, nus.Mathematics.Id, [new(maths[0].Id, "ГР1", " ")]);
        Assert.Equal("ГР1: вкажіть назву групи результатів.", untitled.Error!.Message);

        // The third group removed, the second renamed, a new fourth: one audit record with the list before and after.
        var saved = (await service.SaveAsync(deputy, s.School.Id, s.Year.Id, nus.Mathematics.Id,
            [new(maths[0].Id, "ГР1", maths[0].Title), new(maths[1].Id, "ГР2", "Математичне моделювання"), new(null, null, "Застосування математики в житті")])).GetValueOrThrow();
        Assert.Equal(["ГР1", "ГР2", "ГР3"], saved.Select(g => g.Code));
        await using (var read = database.NewContext())
        {
            var stored = (await read.ResultGroups.Where(g => g.SubjectId == nus.Mathematics.Id).ToListAsync()).OrderBy(g => g.Number).ToList();
            Assert.Equal(["Математичне моделювання", "Застосування математики в житті"], stored.Skip(1).Select(g => g.Title));
            Assert.DoesNotContain(stored, g => g.Id == maths[2].Id);
            var record = await read.AuditRecords.Where(r => r.EntityType == nameof(ResultGroup) && r.Action == AuditAction.Changed).SingleAsync();
            Assert.Contains("ГР3 — Критичне оцінювання", record.OldValue, StringComparison.Ordinal);
            Assert.Contains("ГР2 — Математичне моделювання", record.NewValue, StringComparison.Ordinal);
        }

        // A group with a student's mark cannot be removed (the mark written in the semester's window, M-6, ADR 0033).
        s.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero));
        var journal = s.Journal(db);
        (await journal.SetCellAsync(s.As(s.AlgebraTeacher), GroupCell(nus, nus.Kravchuk.Id, saved[0].Id, "9"))).GetValueOrThrow();
        var refused = await service.SaveAsync(deputy, s.School.Id, s.Year.Id, nus.Mathematics.Id, [new(saved[1].Id, "ГР1", "Математичне моделювання")]);
        Assert.Equal("result_group.has_marks", refused.Error!.Code);
    }

    [Fact]
    public async Task GroupMarks_InAnNusSixthGrade_OneToTwelve_NotInOtherClasses_NoAlert_AndTheSemesterMarkProposedFromThem()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.NewContext();
        var s = await TestSchool.CreateAsync(db);
        var nus = await NusClass.AddAsync(db, s);
        (await new ResultGroupService(db, s.Clock).SeedDefaultsAsync(s.As(s.Deputy), s.School.Id, s.Year.Id)).GetValueOrThrow();
        var groups = (await db.ResultGroups.Where(g => g.SubjectId == nus.Mathematics.Id).ToListAsync()).OrderBy(g => g.Number).ToList();
        var algebraGroup = await db.ResultGroups.FirstAsync(g => g.SubjectId == s.Algebra.Id);
        var journal = s.Journal(db);
        var teacher = s.As(s.AlgebraTeacher);

        // N-7, M-6 (ADR 0033): on 20 November the groups' marks are not open yet; they open with the semester mark's window.
        var early = await journal.SetCellAsync(teacher, GroupCell(nus, nus.Kravchuk.Id, groups[0].Id, "8"));
        Assert.Equal("Оцінки за групами результатів за І семестр можна виставити з 13.12.2026 до 11.01.2027.", early.Error!.Message);
        s.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero));

        // N-7: Кравчук 8, 9, 7 (mean 8), Мороз 9, 10, 10 (mean 9,67 → 10), written in December before the semester ends.
        foreach (var (g, k, m) in groups.Zip(["8", "9", "7"], ["9", "10", "10"]))
        {
            (await journal.SetCellAsync(teacher, GroupCell(nus, nus.Kravchuk.Id, g.Id, k))).GetValueOrThrow();
            (await journal.SetCellAsync(teacher, GroupCell(nus, nus.Moroz.Id, g.Id, m))).GetValueOrThrow();
        }

        var thirteen = await journal.SetCellAsync(teacher, GroupCell(nus, nus.Moroz.Id, groups[0].Id, "13"));
        Assert.Equal("Оцінка «13» поза шкалою: у 6 класі ставлять бали від 1 до 12.", thirteen.Error!.Message);
        var notNus = await journal.SetCellAsync(teacher, new CellInput(s.Ivanenko.Id, s.Class7A.Id, s.Algebra.Id, MarkColumn.ResultGroup1, "9", ResultGroupId: algebraGroup.Id));
        Assert.Equal("7-А — не клас НУШ: оцінки за групами результатів ставлять лише в класах НУШ.", notNus.Error!.Message);
        var otherSubject = await journal.SetCellAsync(teacher, GroupCell(nus, nus.Kravchuk.Id, algebraGroup.Id, "9"));
        Assert.Equal("not_found", otherSubject.Error!.Code);

        await using (var read = database.NewContext())
        {
            var marks = await read.Marks.Where(m => m.Column == MarkColumn.ResultGroup1).ToListAsync();
            Assert.Equal(6, marks.Count);
            Assert.All(marks, m => Assert.Equal(s.Year.Semester1End, m.Date));
            Assert.Equal("9", marks.Single(m => m.StudentId == nus.Moroz.Id && m.ResultGroupId == groups[0].Id).Value.Text);
            // A group mark sends no alert of its own (ADR 0032): the mother has nothing in the outbox yet.
            Assert.Empty(await read.Outbox.ToListAsync());
            Assert.Contains(await read.AuditRecords.Where(r => r.EntityType == nameof(Mark)).ToListAsync(),
                r => r.NewValue == "7" && r.Context!.Contains("Кравчук Ярина · ГР3, І семестр", StringComparison.Ordinal));
        }

        // The grid proposes the semester mark as the groups' mean, rounded half up; the group columns stand before it.
        var grid = (await new JournalGridQuery(db, s.Clock).LoadAsync(nus.Class6A.Id, nus.Mathematics.Id, null, GridPeriod.Semester1))!;
        Assert.Equal(["ГР1", "ГР2", "ГР3", "І семестр", "Скоригована"], grid.Columns.Select(c => c.Title));
        Assert.Equal("8", grid.Suggestions[(nus.Kravchuk.Id, "Semester1")].Text);
        Assert.Equal("10", grid.Suggestions[(nus.Moroz.Id, "Semester1")].Text);
        Assert.Equal("Середнє 9,67 з 3 оцінок за групами результатів.", grid.Suggestions[(nus.Moroz.Id, "Semester1")].Explanation);

        // Кравчук's teacher takes the proposal; Мороз's sets 9: the audit says which, and the semester mark alerts the mother.
        (await journal.SetCellAsync(teacher, new CellInput(nus.Kravchuk.Id, nus.Class6A.Id, nus.Mathematics.Id, MarkColumn.Semester1, "8"))).GetValueOrThrow();
        (await journal.SetCellAsync(teacher, new CellInput(nus.Moroz.Id, nus.Class6A.Id, nus.Mathematics.Id, MarkColumn.Semester1, "9"))).GetValueOrThrow();
        await using (var read = database.NewContext())
        {
            var semester = await read.AuditRecords.Where(r => r.EntityType == nameof(Mark) && r.Context!.Contains("І семестр (26.12.2026)")).ToListAsync();
            Assert.Equal("запропоновано середнє ГР: 8", semester.Single(r => r.Context!.Contains("Кравчук", StringComparison.Ordinal)).Reason);
            Assert.Equal("не як середнє ГР: запропоновано 10, поставлено 9", semester.Single(r => r.Context!.Contains("Мороз", StringComparison.Ordinal)).Reason);
            var alert = Assert.Single(await read.Outbox.ToListAsync());
            Assert.Equal(NotificationKind.MarkAlert, alert.Kind);
            Assert.Equal(nus.KravchukMother.Id, alert.RecipientId);
        }

        // The parent's /marks: the group marks with their titles under the subject, not among the current marks.
        await using (var read = database.NewContext())
        {
            var marks = (await new DiaryQueries(read, s.Clock).StudentMarksAsync(nus.Kravchuk.Id, 1)).GetValueOrThrow();
            var maths = Assert.Single(marks.Subjects);
            Assert.Empty(maths.Marks);
            Assert.Equal(["ГР1", "ГР2", "ГР3"], maths.Outcomes.Select(o => o.Code));
            Assert.Equal("8", maths.Suggested!.Value?.Text);
            var text = DiaryFormatter.Marks(marks).PlainText;
            Assert.Contains($"   ГР1 «{groups[0].Title}»: 8", text, StringComparison.Ordinal);
            Assert.Contains($"   ГР3 «{groups[2].Title}»: 7", text, StringComparison.Ordinal);
            Assert.Contains("   І семестр: 8", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ClassFlag_AndTheThematicSetting_AreTheAdministrations_Audited()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.NewContext();
        var s = await TestSchool.CreateAsync(db);
        var nus = await NusClass.AddAsync(db, s);
        var service = new ResultGroupService(db, s.Clock);
        var journal = s.Journal(db);
        var teacher = s.As(s.AlgebraTeacher);

        Assert.Equal(SchoolSetupService.SetupRights, (await service.SetClassNusAsync(teacher, s.Class7A.Id, true)).Error);
        (await service.SetClassNusAsync(s.As(s.Deputy), s.Class7A.Id, true)).GetValueOrThrow();
        // N-9: "Тематична" stays in НУШ classes by default; switched off, the write path refuses it there and only there.
        var thematic = new CellInput(nus.Kravchuk.Id, nus.Class6A.Id, nus.Mathematics.Id, MarkColumn.Thematic, "9", Date: TestSchool.Today);
        (await journal.SetCellAsync(teacher, thematic)).GetValueOrThrow();
        (await service.SetNusThematicAsync(s.As(s.Deputy), s.School.Id, false)).GetValueOrThrow();
        await using (var fresh = database.NewContext())
        {
            var refused = await s.Journal(fresh).SetCellAsync(teacher, thematic with { StudentId = nus.Moroz.Id });
            Assert.Equal("cell.nus_no_thematic", refused.Error!.Code);
            var grid = (await new JournalGridQuery(fresh, s.Clock).LoadAsync(nus.Class6A.Id, nus.Mathematics.Id, null))!;
            Assert.False(grid.ThematicAllowed);
        }

        await using var read = database.NewContext();
        Assert.True((await read.Classes.SingleAsync(c => c.Id == s.Class7A.Id)).IsNus);
        Assert.False((await read.Schools.SingleAsync()).NusThematic);
        var audit = await read.AuditRecords.Where(r => r.EntityType == "SchoolClass" || r.EntityType == "School").InWrittenOrder().ToListAsync();
        Assert.Equal([("не НУШ", "клас НУШ"), ("тематична є", "без тематичної")], audit.Select(r => (r.OldValue, r.NewValue)));
    }

    private static CellInput GroupCell(NusClass nus, Guid student, Guid group, string text) =>
        new(student, nus.Class6A.Id, nus.Mathematics.Id, MarkColumn.ResultGroup1, text, ResultGroupId: group);
}

public sealed class ResultGroupsOnSqlite : ResultGroupTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class ResultGroupsOnPostgres(PostgresServer server) : ResultGroupTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
