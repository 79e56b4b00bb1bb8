using Bot.Domain.Roster.Import;
using Bot.Tests.Builders;
using Bot.Tests.Demo;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Roster;

/// <summary>The demo school's whole roster exported and previewed again: every student matched, nothing to change.</summary>
[Collection(DemoSchoolCollection.Name)]
public sealed class DemoRosterRoundTripTests(DemoSchoolFixture demo)
{
    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task DemoSchool_ExportedThenPreviewed_ChangesNothing(string format)
    {
        var clock = new FakeTimeProvider(TestSchool.Now);
        var file = new MemoryStream();
        await using (var db = demo.Database.NewContext())
        {
            var export = new RosterExport(db, clock);
            if (format == "csv") await export.WriteCsvAsync(demo.School.Id, file);
            else await export.WriteXlsxAsync(demo.School.Id, file);
        }

        var rows = RosterFile.Read(new MemoryStream(file.ToArray()), "demo." + format).GetValueOrThrow();
        await using var db2 = demo.Database.NewContext();
        var plan = await new RosterImportService(db2, clock).PreviewAsync(demo.School.Id, rows);
        Assert.True(plan.CanCommit, string.Join(" ", plan.Problems.Take(5).Select(p => p.Describe())));
        var present = demo.Enrolments.Count(e => e.IsActiveOn(DemoSchoolFixture.Today));
        Assert.True(present > 500, $"{present} students");
        Assert.True(rows.Count > present, "one row per student × guardian");
        Assert.Equal((0, 0, 0, 0, present), (plan.NewStudents, plan.UpdatedStudents, plan.NewGuardians, plan.UpdatedGuardians, plan.UnchangedStudents));
        Assert.Empty(plan.NewClasses);
    }
}
