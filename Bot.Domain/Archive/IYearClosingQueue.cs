namespace Bot.Domain.Archive;

/// <summary>Hands a queued <see cref="YearClosing"/> to whatever runs long work in the background (Hangfire in Bot.Host).</summary>
public interface IYearClosingQueue
{
    void Enqueue(Guid closingId);
}
