using Hangfire;

namespace Bot.Host.Jobs;

/// <summary>Each job runs in its own dependency-injection scope of this host (its own DbContext), not Hangfire's static activator.</summary>
internal sealed class ScopedJobActivator(IServiceScopeFactory scopes) : JobActivator
{
    public override object ActivateJob(Type jobType) => throw new InvalidOperationException("Jobs are activated in a scope.");

    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateScope());

    private sealed class Scope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.Dispose();
    }
}
