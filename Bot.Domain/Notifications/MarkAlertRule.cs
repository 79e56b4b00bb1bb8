namespace Bot.Domain.Notifications;

/// <summary>
/// The school's rule for mark alerts: every mark, only marks at or below a threshold of the 12-point scale,
/// or none (marks then reach parents in the evening diary only). Marks that are not points (levels, "н/а", "зар") are
/// alerted unless the rule is none. Written as `all`, `none` or the threshold (`6`).
/// </summary>
public sealed record MarkAlertRule(bool Off, int? AtOrBelow)
{
    public static readonly MarkAlertRule All = new(false, null);

    public static MarkAlertRule Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => All,
        "none" => new MarkAlertRule(true, null),
        var n when int.TryParse(n, out var points) && points is >= 1 and <= 12 => new MarkAlertRule(false, points),
        _ => throw new ArgumentException($"A mark alert rule is all, none or a number 1–12, not '{text}'."),
    };

    public bool Allows(string? markText) =>
        !Off && (AtOrBelow is not { } n || !int.TryParse(markText, out var points) || points <= n);

    public string Reason => Off ? "school rule: marks go in the evening diary only" : $"school rule: alerts only for marks of {AtOrBelow} or below";
}
