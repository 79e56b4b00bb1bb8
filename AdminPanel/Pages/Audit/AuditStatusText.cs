using System.Globalization;
using Bot.Domain.Audit;
using Bot.Domain.Text;

namespace AdminPanel.Pages.Audit;

/// <summary>How the panel tells a school's stored audit verdict (ADR 0037 decision 4): read, never computed on a page view.</summary>
public static class AuditStatusText
{
    /// <summary>"Остання перевірка: 07.12.2026 03:10 — цілісний" or "… — порушено: …", or that it was never checked.</summary>
    public static string Verdict(AuditStatus status, TimeZoneInfo zone)
    {
        if (status.Last is not { CheckedAtUtc: { } at } last) return "Остання перевірка: ще не перевірявся (перевірка відбувається щоночі).";
        var when = TimeZoneInfo.ConvertTimeFromUtc(at, zone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
        return last.IsIntact
            ? $"Остання перевірка: {when} — цілісний"
            : $"Остання перевірка: {when} — порушено: {last.Problem}";
    }

    /// <summary>"записів: 128 000, звірено оцінок і пропусків: 61 200, за 1,2 с" — what the last check covered.</summary>
    public static string Coverage(AuditCheck last) =>
        $"перевірено записів: {last.Checked.ToString("N0", Uk)} (від №{last.CheckedFrom.ToString("N0", Uk)} до №{last.HeadSequence.ToString("N0", Uk)}), " +
        $"звірено оцінок і пропусків: {last.Reconciled.ToString("N0", Uk)}, за {(last.DurationMs / 1000.0).ToString("0.0", Uk)} с";

    /// <summary>"Ще не запечатано записів: 3 (найдавніший — 2 с)", or null when there are none.</summary>
    public static string? Unsealed(AuditStatus status, DateTime nowUtc) =>
        status.Unsealed == 0 ? null
            : $"Ще не запечатано записів: {status.Unsealed} (найдавніший — {UkrainianText.Duration(nowUtc - (status.OldestUnsealedUtc ?? nowUtc))} тому)";

    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("uk-UA");
}
