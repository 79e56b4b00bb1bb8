using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Bot.Host.Jobs;

/// <summary>
/// Hangfire logs through a process-wide static provider. This one forwards to the logger factory of the host that
/// started last and is still running, and says nothing once that factory is gone, so a stopped host (tests start
/// many in one process) never breaks another one's jobs.
/// </summary>
internal sealed class HangfireLog : ILogProvider
{
    public static readonly HangfireLog Instance = new();
    private static volatile ILoggerFactory? _factory;

    public static void Use(ILoggerFactory factory) => _factory = factory;

    public static void Forget(ILoggerFactory factory) => Interlocked.CompareExchange(ref _factory, null, factory);

    public ILog GetLogger(string name) => new ForwardingLog(name);

    private sealed class ForwardingLog(string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            ILogger logger;
            try
            {
                if (_factory is not { } factory) return false;
                logger = factory.CreateLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }

            var level = logLevel switch
            {
                HangfireLevel.Trace => LogLevel.Trace,
                HangfireLevel.Debug => LogLevel.Debug,
                HangfireLevel.Info => LogLevel.Information,
                HangfireLevel.Warn => LogLevel.Warning,
                HangfireLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            if (messageFunc is null) return logger.IsEnabled(level);
            if (!logger.IsEnabled(level)) return false;
#pragma warning disable CA2254 // Hangfire hands over finished messages, not templates.
            logger.Log(level, exception, messageFunc());
#pragma warning restore CA2254
            return true;
        }
    }
}
