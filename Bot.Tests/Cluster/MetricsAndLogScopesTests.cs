using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Fakes;
using Bot.Host.Observability;
using Bot.Tests.Builders;
using Bot.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Cluster;

/// <summary>
/// Observability (ADR 0024): the meter `SchoolJournal.Delivery` counts what the sender did in a fan-out through the fake
/// Telegram server (read with a <see cref="MeterListener"/> and from `/metrics`), and every log line about a row carries
/// its school, outbox id and chat in its scope.
/// </summary>
public sealed class MetricsAndLogScopesTests : IAsyncLifetime
{
    private DeliveryHost _h = null!;

    public async Task InitializeAsync() => _h = await DeliveryHost.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task FanOut_MovesTheCounters_AndTheSendersLogLinesCarryTheOutboxId()
    {
        var logs = new ScopeSink();
        await _h.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:GlobalPerSecond"] = "200",
            ["Logging:LogLevel:Bot.Host.Delivery"] = "Debug",
            ["Metrics:Token"] = "scrape",
        }, services: s => s.AddSingleton<ILoggerProvider>(logs));
        _h.Telegram.Limits.GlobalPerSecond = 400;

        var meters = _h.Host!.Service<IMeterFactory>();
        var counted = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == JournalMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counted.AddOrUpdate(instrument.Name, value, (_, old) => old + value));
        listener.Start();

        // 40 diaries that go; one to a chat that blocked the bot (dead); one to a parent in their quiet hours (held).
        _h.Telegram.Block(870040);
        var chats = await _h.DiariesAsync(41, 870000);
        await using (var db = _h.Db())
        {
            var s = _h.S;
            var now = TestSchool.Now.UtcDateTime;
            var guardian = new Guardian(s.School.Id, "Мельник", "Тиша");
            var prefs = new RecipientPreferences(s.School.Id, PersonKind.Guardian, guardian.Id);
            prefs.SetQuietHours(new TimeOnly(9, 0), new TimeOnly(12, 0)); // the school's "now" is 10:00
            db.AddRange(guardian, prefs, new Consent(s.School.Id, guardian.Id, new DateOnly(2026, 9, 1), s.ClassTeacher.Id, now));
            await DeliveryHost.LinkAsync(db, s.School.Id, PersonKind.Guardian, guardian.Id, 870099);
            // An announcement (quiet hours hold everything but the evening diary, docs/rules.md).
            db.Outbox.Add(new OutboxMessage(s.School.Id, "quiet-announcement", RecipientKind.Guardian, guardian.Id, NotificationKind.Announcement,
                """{"message":[[["p","Оголошення"]]]}""", now, now));
            await db.SaveChangesAsync();
        }

        await _h.WaitForRowsAsync(r => r.Count(x => x.State == OutboxState.Sent) == 40 && r.Any(x => x.State == OutboxState.Dead) && r.Any(x => x.State == OutboxState.Held),
            "the fan-out to end", TimeSpan.FromSeconds(30));
        await FakeTelegramServer.WaitUntilAsync(() => counted.GetValueOrDefault("journal.outbox.sent") == 40, TimeSpan.FromSeconds(5), "the sent counter");

        Assert.Equal(40, _h.Telegram.Messages.Count);
        Assert.Equal(40, counted["journal.outbox.sent"]);
        Assert.Equal(1, counted["journal.outbox.dead"]);
        Assert.True(counted.GetValueOrDefault("journal.outbox.held") >= 1);
        Assert.Equal(0, counted.GetValueOrDefault("journal.outbox.failed"));

        // The same through /metrics, with the outbox's depth by state.
        var client = _h.Host.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "scrape");
        var text = await client.GetStringAsync("/metrics");
        Assert.Contains("journal_outbox_sent_total{kind=\"DailyDiary\"} 40\n", text);
        Assert.Contains("journal_outbox_dead_total{kind=\"DailyDiary\"} 1\n", text);
        Assert.Contains("journal_outbox_depth{state=\"Sent\"} 40\n", text);
        Assert.Contains("journal_outbox_depth{state=\"Dead\"} 1\n", text);
        Assert.Contains("journal_outbox_depth{state=\"Held\"} 1\n", text);
        Assert.Contains("# TYPE journal_outbox_depth gauge", text);
        Assert.Contains("journal_outbox_held_total{kind=\"Announcement\"}", text);

        // Each sent row's line carries its school, its outbox id and the chat it went to.
        var rows = (await _h.RowsAsync()).Where(r => r.State == OutboxState.Sent).ToList();
        var sentLines = logs.Records.Where(r => r.Message.StartsWith("Outbox: row sent", StringComparison.Ordinal)).ToList();
        Assert.Equal(40, sentLines.Count);
        foreach (var row in rows)
        {
            var line = Assert.Single(sentLines, l => Equals(l.Scope.GetValueOrDefault("OutboxId"), row.Id));
            Assert.Equal(_h.S.School.Id, line.Scope["SchoolId"]);
        }

        var dead = logs.Records.Single(r => r.Message.StartsWith("Outbox: row dead", StringComparison.Ordinal));
        Assert.Equal((await _h.RowsAsync()).Single(r => r.State == OutboxState.Dead).Id, dead.Scope["OutboxId"]);
        // The chat's scope is the send's: the adapter's own line about the blocked chat carries it.
        Assert.Contains(logs.Records, r => Equals(r.Scope.GetValueOrDefault("ChatId"), chats[40].ToString()));
    }

    /// <summary>A log provider that keeps each line with the properties of the scopes it was written in.</summary>
    private sealed class ScopeSink : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<(string Message, Dictionary<string, object?> Scope)> Records { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(ScopeSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => sink._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>();
                sink._scopes.ForEachScope((s, d) =>
                {
                    if (s is IEnumerable<KeyValuePair<string, object?>> pairs)
                        foreach (var (k, v) in pairs) d[k] = v;
                }, scope);
                sink.Records.Enqueue((formatter(state, exception), scope));
            }
        }
    }
}
