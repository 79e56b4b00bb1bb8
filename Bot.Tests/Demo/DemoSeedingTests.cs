using Bot.Domain.Demo;
using Bot.Domain.Grading;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Demo;

/// <summary>Seeding on other days and at other sizes: the same day gives the same school; semester ends; a cut-off; scale.</summary>
public sealed class DemoSeedingTests
{
    private static async Task<(DemoSummary Summary, List<string> Students, List<string> Marks)> SeedAsync(DemoSchoolOptions options)
    {
        await using var database = await TestDatabase.SqliteAsync();
        await using var db = database.NewContext();
        var summary = await DemoSchool.SeedAsync(db, options);
        var classes = await db.Classes.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name.ToString());
        var subjects = await db.Subjects.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var students = await db.Students.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.FullName);
        var list = (await db.Enrolments.AsNoTracking().ToListAsync())
            .Select(e => $"{classes[e.ClassId]} · {e.ListPosition} · {students[e.StudentId]} · {e.From} · {e.To}").Order().ToList();
        var marks = (await db.Marks.AsNoTracking().ToListAsync())
            .Select(m => $"{classes[m.ClassId]} · {subjects[m.SubjectId]} · {students[m.StudentId]} · {m.Column} · {m.Date} · {m.Value.Text} · {m.WorkKind}")
            .Order().ToList();
        return (summary, list, marks);
    }

    [Fact]
    public async Task TheSameDay_GivesTheSameSchool_InAnotherDatabase()
    {
        var options = new DemoSchoolOptions { Today = new DateOnly(2026, 11, 20), DaysBack = 8 };
        var first = await SeedAsync(options);
        var second = await SeedAsync(options);

        Assert.Equal(first.Summary with { Elapsed = default }, second.Summary with { Elapsed = default });
        Assert.Equal(first.Students, second.Students);
        Assert.Equal(first.Marks, second.Marks);
        Assert.NotEmpty(first.Marks);
    }

    [Fact]
    public async Task SeedingAfterTheFirstSemester_GivesSemesterMarks_M6_M12()
    {
        await using var database = await TestDatabase.SqliteAsync();
        await using var db = database.NewContext();
        await DemoSchool.SeedAsync(db, new DemoSchoolOptions { Today = new DateOnly(2026, 12, 30), DaysBack = 12 });

        var semester = await db.Marks.AsNoTracking().Where(m => m.Column == MarkColumn.Semester1).ToListAsync();
        Assert.NotEmpty(semester);
        Assert.All(semester, m => Assert.Equal(new DateOnly(2026, 12, 25), m.Date));
        var individual = await db.Students.AsNoTracking().SingleAsync(s => s.StudyMode == StudyMode.Individual);
        Assert.Contains(semester, m => m.StudentId == individual.Id);
        Assert.DoesNotContain(await db.Marks.AsNoTracking().Where(m => m.StudentId == individual.Id).ToListAsync(), m => !MarkColumns.IsFinal(m.Column));
        await AssertMarksParseAsync(db);
    }

    [Fact]
    public async Task SeedingInSummer_FillsTheYearJustEnded_WithSecondSemesterAndAnnualMarks_M8()
    {
        await using var database = await TestDatabase.SqliteAsync();
        await using var db = database.NewContext();
        var summary = await DemoSchool.SeedAsync(db, new DemoSchoolOptions { Today = new DateOnly(2027, 7, 15), DaysBack = 52 });

        Assert.Equal("2026-2027", summary.Year);
        Assert.Equal(new DateOnly(2027, 5, 28), await db.Lessons.MaxAsync(l => l.Date));
        Assert.True(await db.Marks.AnyAsync(m => m.Column == MarkColumn.Semester2));
        Assert.True(await db.Marks.AnyAsync(m => m.Column == MarkColumn.Annual));
        await AssertMarksParseAsync(db);
    }

    [Fact]
    public async Task SeedingInTheMorning_RecordsOnlyTheLessonsAlreadyHeld_J7()
    {
        await using var database = await TestDatabase.SqliteAsync();
        await using var db = database.NewContext();
        var friday = new DateOnly(2026, 11, 20);
        await DemoSchool.SeedAsync(db, new DemoSchoolOptions { Today = friday, TimeOfDay = new TimeOnly(10, 20), DaysBack = 3 });

        var slots = await db.Lessons.Where(l => l.Date == friday).Select(l => l.Slot).Distinct().OrderBy(s => s).ToListAsync();
        Assert.Equal([1, 2], slots); // the second lesson ended at 10:10, the third ends at 11:15
        Assert.True(await db.Lessons.AnyAsync(l => l.Date == new DateOnly(2026, 11, 19) && l.Slot == 6));
    }

    [Fact]
    public async Task Scale_MultipliesTheClassesOfEachGrade()
    {
        await using var database = await TestDatabase.SqliteAsync();
        await using var db = database.NewContext();
        var summary = await DemoSchool.SeedAsync(db, new DemoSchoolOptions { Today = new DateOnly(2026, 11, 20), Scale = 2, DaysBack = 0 });

        Assert.Equal(66, summary.Classes);
        Assert.InRange(summary.Students, 1_000, 1_400);
        Assert.True(await db.Classes.AnyAsync(c => c.Grade == 9 && c.Letter == "Е"));
        Assert.All(await db.Classes.ToListAsync(), c => Assert.NotNull(c.ClassTeacherId));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DemoSchool.SeedAsync(db, new DemoSchoolOptions { Today = new DateOnly(2026, 11, 20), Scale = 11 }));
    }

    private static async Task AssertMarksParseAsync(JournalDbContext db)
    {
        var grades = await db.Classes.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Grade);
        var subjects = await db.Subjects.AsNoTracking().ToDictionaryAsync(s => s.Id);
        var individual = await db.Students.AsNoTracking().Where(s => s.StudyMode == StudyMode.Individual).Select(s => s.Id).ToListAsync();
        foreach (var m in await db.Marks.AsNoTracking().ToListAsync())
        {
            var parsed = CellParser.Parse(m.Value.Text, grades[m.ClassId], m.Column, subjects[m.SubjectId].Traits, individual.Contains(m.StudentId));
            Assert.True(parsed.IsSuccess, $"{m.Column} «{m.Value.Text}»: {parsed.Error?.Message}");
        }
    }
}
