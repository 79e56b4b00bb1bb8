using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Schools;
using Bot.Host.Conversation.Formatting;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Journal;

/// <summary>
/// The primary grades' learning outcomes on each provider (docs/rules.md N-20, N-21): the typical educational fields seeded
/// once a year with their outcomes and subjects, edited by the deputy (an outcome with results stays); the year's level per
/// outcome written by the 1-А class teacher only in the annual mark's window, refused elsewhere with the reason, audited,
/// and shown in the parent's /marks.
/// </summary>
public abstract class LearningOutcomeTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>The annual mark's window of the test year opens on 17 May 2027 (the last 14 days of semester II).</summary>
    private static readonly DateTimeOffset YearEnd = new(2027, 5, 20, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Seeding_GivesTheYearTheTypicalFields_Once_AndTheDeputyEditsAField_N20()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.NewContext();
        var s = await TestSchool.CreateAsync(db);
        var service = new LearningOutcomeService(db, s.Clock);

        Assert.Equal(SchoolSetupService.SetupRights, (await service.SeedDefaultsAsync(s.As(s.ClassTeacher), s.School.Id, s.Year.Id)).Error);
        Assert.Equal(LearningOutcomeCatalogue.Fields.Count, (await service.SeedDefaultsAsync(s.As(s.Deputy), s.School.Id, s.Year.Id)).GetValueOrThrow());
        Assert.Equal(0, (await service.SeedDefaultsAsync(s.As(s.Deputy), s.School.Id, s.Year.Id)).GetValueOrThrow());

        await using (var read = database.NewContext())
        {
            var setup = await new LearningOutcomeService(read, s.Clock).ForYearAsync(s.School.Id, s.Year.Id);
            Assert.Equal("Мовно-літературна", setup.Fields[0].Name);
            Assert.Equal(["1.1", "1.2", "1.3", "1.4"], setup.Outcomes[setup.Fields[0].Id].Select(o => o.Code));
            Assert.Equal(new[] { s.Ukrainian.Id, s.Reading.Id }.Order(), setup.Subjects[setup.Fields[0].Id].Order());
            Assert.Equal([s.English.Id], setup.Subjects[setup.Fields[1].Id]);
            Assert.Equal(LearningOutcomeCatalogue.Fields.Count, await read.AuditRecords.CountAsync(r => r.EntityType == nameof(EducationalField) && r.ActorName == s.Deputy.ShortName));
        }

        var setup0 = await service.ForYearAsync(s.School.Id, s.Year.Id);
        var maths = setup0.Fields.Single(f => f.Name == "Математична");
        var rows = setup0.Outcomes[maths.Id].Select(o => new LearningOutcomeInput(o.Id, o.Code, o.Title)).ToList();
        rows[0] = rows[0] with { Title = "Лічить у межах 100, порівнює числа" };
        rows.Add(new LearningOutcomeInput(null, null, "Застосовує математику в житті"));

        var twice = await service.SaveFieldAsync(s.As(s.Deputy), s.School.Id, s.Year.Id, maths.Id, "Математична", null, [],
            [.. rows, new LearningOutcomeInput(null, "3.1", "Ще раз")]);
        Assert.Equal("Позначення «3.1» повторюється: у кожного результату має бути своє.", twice.Error!.Message);
        var untitled = await service.SaveFieldAsync(s.As(s.Deputy), s.School.Id, s.Year.Id, maths.Id, " ", null, [], rows);
        Assert.Equal("Вкажіть назву освітньої галузі.", untitled.Error!.Message);

        var saved = await service.SaveFieldAsync(s.As(s.Deputy), s.School.Id, s.Year.Id, maths.Id, "Математична", 1, [s.Algebra.Id], rows);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        await using (var read = database.NewContext())
        {
            var setup = await new LearningOutcomeService(read, s.Clock).ForYearAsync(s.School.Id, s.Year.Id);
            Assert.Equal(["Математична", "Мовно-літературна", "Іншомовна"], setup.Fields.Take(3).Select(f => f.Name));
            Assert.Equal("3.5", setup.Outcomes[maths.Id].Last().Code); // a new row takes the field's number as it was
            Assert.Equal("Лічить у межах 100, порівнює числа", setup.Outcomes[maths.Id].First().Title);
            Assert.Equal([s.Algebra.Id], setup.Subjects[maths.Id]);
            var audit = await read.AuditRecords.Where(r => r.EntityType == nameof(EducationalField) && r.EntityId == maths.Id).InWrittenOrder().LastAsync();
            Assert.Contains("Лічить у межах 100", audit.NewValue);
            Assert.Contains("(Алгебра)", audit.NewValue);
        }
    }

    [Fact]
    public async Task ClassTeacher_WritesTheYearsLevels_InTheAnnualWindow_Audited_AndTheParentSeesThem_N21()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.NewContext();
        var s = await TestSchool.CreateAsync(db);
        s.Class1A.AssignClassTeacher(s.ClassTeacher.Id);
        await db.SaveChangesAsync();
        var service = new LearningOutcomeService(db, s.Clock);
        (await service.SeedDefaultsAsync(s.As(s.Deputy), s.School.Id, s.Year.Id)).GetValueOrThrow();
        var setup = await service.ForYearAsync(s.School.Id, s.Year.Id);
        var language = setup.Fields[0];
        var reads = setup.Outcomes[language.Id].ElementAt(1);
        var speaks = setup.Outcomes[language.Id].ElementAt(0);
        OutcomeResultInput[] two = [new(s.FirstGrader.Id, speaks.Id, OutcomeLevel.SignificantSuccess), new(s.FirstGrader.Id, reads.Id, OutcomeLevel.WithTeacherHelp)];

        // November: the window has not opened; nothing is written.
        var early = await service.SaveResultsAsync(s.As(s.ClassTeacher), s.Class1A.Id, two);
        Assert.Equal("Результати навчального року можна записати з 17.05.2027 до 10.06.2027.", early.Error!.Message);

        s.Clock.SetUtcNow(YearEnd);
        Assert.Equal(LearningOutcomeService.NotClassTeacher, (await service.SaveResultsAsync(s.As(s.OtherTeacher), s.Class1A.Id, two)).Error);
        Assert.Equal(LearningOutcomeService.NotPrimary,
            (await service.SaveResultsAsync(s.As(s.Deputy), s.Class3A.Id, [new(s.Primary.Id, speaks.Id, OutcomeLevel.NotableProgress)])).Error);
        Assert.Equal("Учня цього класу не знайдено.",
            (await service.SaveResultsAsync(s.As(s.ClassTeacher), s.Class1A.Id, [new(s.Ivanenko.Id, speaks.Id, OutcomeLevel.NotableProgress)])).Error!.Message);
        await using (var read = database.NewContext()) Assert.Empty(await read.OutcomeResults.ToListAsync());

        Assert.Equal(2, (await service.SaveResultsAsync(s.As(s.ClassTeacher), s.Class1A.Id, two)).GetValueOrThrow());
        Assert.Equal(0, (await service.SaveResultsAsync(s.As(s.ClassTeacher), s.Class1A.Id, two)).GetValueOrThrow());
        Assert.Equal(1, (await service.SaveResultsAsync(s.As(s.ClassTeacher), s.Class1A.Id, [new(s.FirstGrader.Id, reads.Id, OutcomeLevel.NotableProgress)])).GetValueOrThrow());

        await using (var read = database.NewContext())
        {
            var audit = await read.AuditRecords.Where(r => r.EntityType == nameof(OutcomeResult)).InWrittenOrder().ToListAsync();
            Assert.Equal(3, audit.Count);
            Assert.All(audit, r => Assert.Equal(s.ClassTeacher.ShortName, r.ActorName));
            Assert.Equal("досягає результату з допомогою вчителя", audit[2].OldValue);
            Assert.Equal("демонструє помітний прогрес", audit[2].NewValue);
            Assert.StartsWith("1-А · Бойко Тарас · 1.2 «Читає вголос і мовчки, розуміє прочитане»", audit[2].Context);

            // The parent's /marks of semester II ends with the year's results by field, as the свідоцтво has them.
            var marks = (await new DiaryQueries(read, s.Clock).StudentMarksAsync(s.FirstGrader.Id)).GetValueOrThrow();
            var text = DiaryFormatter.Marks(marks).PlainText;
            Assert.Contains("Результати 2026-2027 навчального року (свідоцтво досягнень)\nМовно-літературна освітня галузь\n" +
                "   1.1 Усно взаємодіє: слухає, розуміє, висловлюється: має значні успіхи\n" +
                "   1.2 Читає вголос і мовчки, розуміє прочитане: демонструє помітний прогрес\n" +
                "   1.3 Висловлюється письмово: —", text);
            Assert.DoesNotContain("Математична", text); // a field without any result yet is not listed
        }

        // An outcome with results cannot be removed; its field keeps it.
        var keep = setup.Outcomes[language.Id].Where(o => o.Id != reads.Id).Select(o => new LearningOutcomeInput(o.Id, o.Code, o.Title)).ToList();
        var removed = await service.SaveFieldAsync(s.As(s.Deputy), s.School.Id, s.Year.Id, language.Id, language.Name, null, [], keep);
        Assert.Equal("1.2 «Читає вголос і мовчки, розуміє прочитане» уже має результати учнів, тож його не можна вилучити: змініть опис або залиште.", removed.Error!.Message);
    }
}

public sealed class LearningOutcomesOnSqlite : LearningOutcomeTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class LearningOutcomesOnPostgres(PostgresServer server) : LearningOutcomeTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
