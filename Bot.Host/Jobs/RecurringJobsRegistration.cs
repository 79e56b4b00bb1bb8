using Bot.Domain.Schools;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Bot.Host.Jobs;

/// <summary>
/// Registers the recurring jobs at every start, in the installation's time zone (`School:TimeZone`): a changed schedule
/// replaces the stored one, and a storage that forgets (a test's, in memory) gets them again; each stays one. Each job only composes outbox rows. The jobs
/// run every few minutes and each school acts at its own local time (ADR 0022); only housekeeping and the audit check keep a fixed hour.
/// </summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager jobs, IOptions<Configuration.SchoolOptions> school, ILogger<RecurringJobsRegistration> log)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new RecurringJobOptions { TimeZone = SchoolTime.Resolve(school.Value.TimeZone) };
        jobs.AddOrUpdate<DailyDiaryJob>(DailyDiaryJob.Id, j => j.RunAsync(CancellationToken.None), DailyDiaryJob.Cron, options);
        jobs.AddOrUpdate<StaffDigestJobs>(StaffDigestJobs.WeekId, j => j.ClassTeacherWeekAsync(CancellationToken.None), StaffDigestJobs.WeekCron, options);
        jobs.AddOrUpdate<StaffDigestJobs>(StaffDigestJobs.RunsId, j => j.AbsenceRunsAsync(CancellationToken.None), StaffDigestJobs.RunsCron, options);
        jobs.AddOrUpdate<LessonDayReminderJob>(LessonDayReminderJob.Id, j => j.RunAsync(CancellationToken.None), LessonDayReminderJob.Cron, options);
        jobs.AddOrUpdate<HousekeepingJob>(HousekeepingJob.Id, j => j.RunAsync(CancellationToken.None), HousekeepingJob.Cron, options);
        jobs.AddOrUpdate<AuditVerificationJob>(AuditVerificationJob.Id, j => j.RunAsync(CancellationToken.None), AuditVerificationJob.Cron, options);
        jobs.AddOrUpdate<AuditHeadJob>(AuditHeadJob.Id, j => j.RunAsync(CancellationToken.None), AuditHeadJob.Cron, options);
        log.LogInformation("Jobs: recurring jobs registered in {TimeZone}", options.TimeZone.Id);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
