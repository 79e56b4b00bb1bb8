namespace Bot.Host.Jobs;

/// <summary>`Jobs:*`: the Hangfire server of a process with the `jobs` role.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How often the server looks for scheduled and recurring jobs that are due (Hangfire's default is 15 s).</summary>
    public TimeSpan SchedulePollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Worker threads: the jobs only compose digests into the outbox, a few are plenty.</summary>
    public int WorkerCount { get; init; } = 4;
}
