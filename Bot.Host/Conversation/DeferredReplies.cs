namespace Bot.Host.Conversation;

/// <summary>
/// Replies sent later, off the path of the update that asked for them (<see cref="ConversationResult.Delay"/>: the
/// brake on wrong invite codes, ADR 0042). The update is done at once — long polling fetches the next batch, a webhook
/// is answered — so a held-back answer to a wrong code never holds up another chat's valid one. The wait runs on the
/// injected <see cref="TimeProvider"/>; on shutdown the replies still waiting are dropped (a wrong code's answer, lost
/// at worst).
/// </summary>
public sealed class DeferredReplies(TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<DeferredReplies> log)
{
    private int _waiting;

    /// <summary>Replies waiting for their time now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Runs <paramref name="send"/> after <paramref name="delay"/>; returns at once with the task that does it.</summary>
    public Task After(TimeSpan delay, Func<CancellationToken, Task> send)
    {
        var stop = lifetime.ApplicationStopping;
        Interlocked.Increment(ref _waiting);
        return Task.Run(async () =>
        {
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, clock, stop);
                await send(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                log.LogInformation("A deferred reply was dropped at shutdown");
            }
            catch (Exception e)
            {
                log.LogWarning(e, "A deferred reply could not be sent");
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }, CancellationToken.None);
    }
}
