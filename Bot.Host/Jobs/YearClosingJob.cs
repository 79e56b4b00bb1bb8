using Bot.Domain.Archive;
using Hangfire;

namespace Bot.Host.Jobs;

/// <summary>
/// Closing a school year in the background (J-14): renders every class journal of the year as PDF/A and closes the year
/// (<see cref="YearArchiveService.RunAsync"/>). The panel polls the <see cref="YearClosing"/> row for progress. Not retried
/// by Hangfire: a failure is written on the row and the administrator may ask again; running twice is harmless.
/// </summary>
public sealed class YearClosingJob(YearArchiveService archive)
{
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(Guid closingId, CancellationToken ct) => archive.RunAsync(closingId, ct);
}

/// <summary>Queues a closing as a Hangfire job: any process may enqueue, a process with the `jobs` role runs it.</summary>
internal sealed class HangfireYearClosingQueue(IBackgroundJobClient jobs) : IYearClosingQueue
{
    public void Enqueue(Guid closingId) => jobs.Enqueue<YearClosingJob>(j => j.RunAsync(closingId, CancellationToken.None));
}
