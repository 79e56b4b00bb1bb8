using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host.Jobs;

/// <summary>`/readyz`: the job storage answers (its SQLite file opens and reads, or its PostgreSQL schema is reachable).</summary>
internal sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = storage.GetConnection();
            connection.GetAllItemsFromSet("recurring-jobs");
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The job storage does not answer.", ex));
        }
    }
}
