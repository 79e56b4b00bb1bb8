namespace Bot.Host.Jobs;

/// <summary>`Jobs:*`: the Hangfire server of a process with the `jobs` role.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How often the server looks for scheduled and recurring jobs that are due (Hangfire's default is 15 s).</summary>
    public TimeSpan SchedulePollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Worker threads: the jobs only compose digests into the outbox, a few are plenty.</summary>
    public int WorkerCount { get; init; } = 4;

    /// <summary>
    /// The embedded default's job storage (ADR 0030): a SQLite file of its own. Unset: beside the journal's database,
    /// `jobs.db` next to `journal.db` (so `data/jobs.db`), or `NAME-jobs.db` next to a journal named `NAME.db`.
    /// </summary>
    public string? SqlitePath { get; init; }

    /// <summary>
    /// How long a job taken by a worker stays invisible to the others: a process killed in the middle of a job has it
    /// run again this long after (the SQLite storage has no heartbeat). Longer than any job runs.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a lock between jobs (the year's closing runs one at a time) outlives a process that died holding it; a
    /// live holder renews it. After a crash the interrupted job waits out the longer of this and the invisibility.
    /// </summary>
    public TimeSpan DistributedLockLifetime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Tests only: keep jobs in memory (a restart forgets them). Never set by an installation.</summary>
    public bool InMemory { get; init; }
}
