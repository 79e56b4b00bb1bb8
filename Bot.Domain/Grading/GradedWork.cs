namespace Bot.Domain.Grading;

/// <summary>
/// A mark a student got during a theme, with the column it stands in and what kind of work it
/// was: a free label such as "поточна", "контрольна", "самостійна", "лабораторна",
/// "практична", "зошит", "усне". Labels are compared ignoring case and surrounding spaces.
/// </summary>
public sealed record GradedWork(MarkValue Value, MarkColumn Column, string WorkKind);

/// <summary>
/// A mark the journal proposes; the teacher decides. <paramref name="Value"/> is null when
/// there is nothing to propose. <paramref name="IsObjective"/> is true only for a mark computed
/// from enough evidence (M-5); a proposed "н/а", "зв" or "зар" is never "objective".
/// <paramref name="Explanation"/> is Ukrainian text for the teacher.
/// </summary>
public sealed record Suggestion(MarkValue? Value, bool IsObjective, string Explanation);
