using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Cli;

/// <summary>
/// `audit verify [--school NAME|ID] [--anchor SEQUENCE:HASH] [--from-checkpoint]` (ADR 0037 decisions 3 and 4): checks each school's audit
/// chain from its first record (or from the school's checkpoint), the record at the anchor's sequence against the
/// anchor's hash, and the journal against the trail, with the installation's key from `Audit:KeyPath`; stores each
/// verdict, which the panel shows. Exit codes: 0 every
/// check passed; <see cref="ChecksFailed"/> a check failed (each problem on standard error); 1 the check could not run;
/// 2 usage.
/// </summary>
internal static class AuditVerb
{
    public const int ChecksFailed = 3;

    public const string Usage =
        "usage: Bot.Host audit verify [--school NAME|ID] [--anchor SEQUENCE:HASH] [--from-checkpoint]\n" +
        "       (--anchor needs one school: name it with --school when the installation has several)";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> all, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var args = VerbOptions.WithoutSettings(all);
        if (args.FirstOrDefault() != "verify")
        {
            await error.WriteLineAsync($"audit: {(args.Count == 0 ? "say what to do" : $"unknown action '{args[0]}'")}\n{Usage}");
            return 2;
        }

        var (options, problem) = VerbOptions.Parse(args, 1, ["school", "anchor"], ["from-checkpoint"]);
        if (options is null)
        {
            await error.WriteLineAsync($"audit verify: {problem}\n{Usage}");
            return 2;
        }

        AuditAnchor? anchor = null;
        if (options.TryGetValue("anchor", out var anchorText) && !AuditAnchor.TryParse(anchorText, out anchor))
        {
            await error.WriteLineAsync($"audit verify: '{anchorText}' is not an anchor: SEQUENCE:HASH, the hash 64 hex digits (as the backup's manifest and the printed journal give it)\n{Usage}");
            return 2;
        }

        var db = services.GetRequiredService<JournalDbContext>();
        await JournalDatabase.MigrateAsync(db, ct);
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        if (options.TryGetValue("school", out var wanted))
        {
            schools = schools.Where(s => s.Name == wanted || s.Id.ToString() == wanted.ToLowerInvariant()).ToList();
            if (schools.Count == 0)
            {
                await error.WriteLineAsync($"audit verify: no school '{wanted}' (Bot.Host school list)");
                return 1;
            }
        }

        if (anchor is not null && schools.Count != 1)
        {
            await error.WriteLineAsync($"audit verify: an anchor belongs to one school; name it with --school\n{Usage}");
            return 2;
        }

        // The installation's key (ADR 0037): the keyed part of a chain is checked with it; without its file that part is
        // reported unchecked. A file that holds no key stops the check.
        var keyPath = services.GetRequiredService<IConfiguration>()["Audit:KeyPath"] is { Length: > 0 } kp ? kp : AuditKey.DefaultPath;
        AuditKey? key;
        try
        {
            key = AuditKey.TryLoad(keyPath);
        }
        catch (InvalidOperationException e)
        {
            await error.WriteLineAsync($"audit verify: {e.Message}");
            return 1;
        }

        if (key is null && (await AuditSealing.KeyIdsInUseAsync(db, ct)).Count > 0)
            await error.WriteLineAsync($"audit verify: no audit key at '{Path.GetFullPath(keyPath)}' (Audit:KeyPath): the chain's keyed records cannot be checked without it.");
        var verifier = new AuditVerifier(db, key, services.GetService<TimeProvider>());
        var mode = options.ContainsKey("from-checkpoint") ? AuditCheckMode.Incremental : AuditCheckMode.Full;
        var failed = 0;
        foreach (var school in schools)
        {
            var verdict = await verifier.RunAsync(school.Id, mode, AuditCheckTrigger.Cli, anchor, ct);
            var summary = $"{school.Name}: records {verdict.CheckedFrom}..{verdict.HeadSequence} checked ({verdict.Chain.Checked}), " +
                $"{verdict.Reconciled} mark(s) and absence(s) reconciled{(anchor is null ? "" : $", anchor {anchor.Sequence} checked")}, " +
                $"{verdict.Duration.TotalSeconds:0.0} s; head {verdict.HeadSequence}:{verdict.HeadHash}";
            if (verdict.IsIntact)
            {
                await output.WriteLineAsync($"INTACT  {summary}");
                continue;
            }

            failed++;
            await output.WriteLineAsync($"BROKEN  {summary}");
            await error.WriteLineAsync($"!!! The audit check of {school.Name} failed:");
            foreach (var p in verdict.Problems) await error.WriteLineAsync($"!!!   - {p}");
        }

        return failed == 0 ? 0 : ChecksFailed;
    }
}
