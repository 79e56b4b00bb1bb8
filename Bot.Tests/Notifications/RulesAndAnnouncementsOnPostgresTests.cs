using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Notifications;

/// <summary>The school's notification rules and announcements on a real PostgreSQL: saved, read back, counted by state.</summary>
[Collection("postgres")]
public sealed class RulesAndAnnouncementsOnPostgresTests(PostgresServer server)
{
    private static readonly Actor Director = new(Guid.NewGuid(), "Гребенюк О. А.", StaffRoles.Administrator, Channel.Web);

    [Fact]
    public async Task Rules_AreTheDefaultsUntilSaved_ThenTheSchoolsOwn()
    {
        await using var database = await TestDatabase.PostgresAsync(server);
        TestSchool s;
        await using (var db = database.NewContext()) s = await TestSchool.CreateAsync(db);
        var defaults = new NotificationDefaults { MarkAlerts = MarkAlertRule.Parse("4"), UndoWindow = TimeSpan.FromMinutes(7) };

        await using (var db = database.NewContext())
        {
            var service = new NotificationRulesService(db, defaults, s.Clock);
            var before = (await service.ForSchoolsAsync([s.School.Id]))[s.School.Id];
            Assert.Equal((new MarkAlertRule(false, 4), false), (before.MarkAlerts, before.ViberAlerts));
            Assert.Equal(TimeSpan.FromMinutes(7), await service.UndoWindowAsync(s.School.Id));
            var refused = await service.SaveAsync(Director, s.School.Id, new NotificationRulesInput(true, "all", null, true, true, true, "18:00", "21:00", "21:00", 10, false));
            Assert.Equal("rules.QuietTo", refused.Error!.Code);
            (await service.SaveAsync(Director, s.School.Id, new NotificationRulesInput(false, "none", null, false, true, false, "20:15", null, null, 20, true))).GetValueOrThrow();
        }

        await using (var db = database.NewContext())
        {
            var service = new NotificationRulesService(db, defaults, s.Clock);
            var rules = await service.ForSchoolAsync(s.School.Id);
            Assert.True(await service.IsStoredAsync(s.School.Id));
            Assert.Equal((false, true, false, false, true, new TimeOnly(20, 15), (TimeOnly?)null), (rules.AbsenceAlerts, rules.MarkAlerts.Off, rules.HomeworkNotices, rules.Announcements, rules.ViberAlerts, rules.DiaryTime, rules.QuietFrom));
            Assert.Equal(TimeSpan.FromMinutes(20), await service.UndoWindowAsync(s.School.Id));
        }
    }

    [Fact]
    public async Task Announcement_WritesOneRowPerGuardian_AndTheListCountsThemByState()
    {
        await using var database = await TestDatabase.PostgresAsync(server);
        TestSchool s;
        await using (var db = database.NewContext()) s = await TestSchool.CreateAsync(db);

        await using (var db = database.NewContext())
        {
            var posted = await new AnnouncementService(db, s.Clock).PostAsync(s.As(s.ClassTeacher), s.School.Id,
                new AnnouncementInput(AnnouncementAudience.Class, s.Class7A.Id, null, "Екскурсія до музею в четвер.", false));
            Assert.Equal(2, posted.GetValueOrThrow().Recipients);
            var refused = await new AnnouncementService(db, s.Clock).PostAsync(s.As(s.ClassTeacher), s.School.Id,
                new AnnouncementInput(AnnouncementAudience.Grade, null, 7, "Усім сьомим класам.", false));
            Assert.Equal("announcement.forbidden", refused.Error!.Code);
        }

        await using (var db = database.NewContext())
        {
            await db.Outbox.Where(o => o.RecipientId == s.IvanenkoMother.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.State, OutboxState.Sent));
            var row = Assert.Single(await new AnnouncementService(db, s.Clock).ListAsync(s.School.Id, s.ClassTeacher.Id, 10));
            Assert.Equal(("7-А", 1, 1, 0), (row.Announcement.AudienceTitle, row.Sent, row.Waiting, row.NotDelivered));
            Assert.Empty(await new AnnouncementService(db, s.Clock).ListAsync(s.School.Id, s.AlgebraTeacher.Id, 10)); // not theirs
        }
    }
}
