using System.Diagnostics.CodeAnalysis;
using Bot.Domain;

namespace Bot.Host.Conversation.Parsing;

public enum AmbiguityKind
{
    Subject,
    Group,
    Student,

    /// <summary>Two lessons of one page on a day: which, by its number in the day.</summary>
    Lesson,
}

/// <summary>One answer to an <see cref="Ambiguity"/>: what to show on the button, and the id to pick.</summary>
public sealed record Candidate(Guid Id, string Label);

/// <summary>
/// A word that fits several records: the bot asks <see cref="Question"/> with a button per candidate, then parses
/// the same text again with <see cref="Choices"/>.<see cref="Choices.With(Ambiguity, Guid)"/> the pressed one.
/// <see cref="Slot"/> says which word it was ("student@17": kind and offset in the arguments).
/// </summary>
public sealed record Ambiguity(AmbiguityKind Kind, string Slot, string Typed, string Question, IReadOnlyList<Candidate> Candidates);

/// <summary>
/// The outcome of reading a command against the roster: a value, a refusal the user can fix
/// (<see cref="DomainError"/> with a Ukrainian message), or an <see cref="Ambiguity"/> to ask about with buttons.
/// </summary>
public readonly record struct Parsed<T>
{
    private static readonly DomainError EmptyResult =
        new("parse.empty", "Внутрішня помилка: результат без значення.");

    private readonly DomainError? _error;

    private Parsed(T? value, DomainError? error, Ambiguity? ambiguity)
    {
        Value = value;
        _error = error;
        Ambiguity = ambiguity;
        IsSuccess = error is null && ambiguity is null;
    }

    public bool IsSuccess { get; }

    public T? Value { get; }

    /// <summary>The refusal; a <c>default</c> <see cref="Parsed{T}"/> is a refusal too.</summary>
    public DomainError? Error => IsSuccess || Ambiguity is not null ? null : _error ?? EmptyResult;

    public Ambiguity? Ambiguity { get; }

    [MemberNotNullWhen(true, nameof(Ambiguity))]
    public bool IsAmbiguous => Ambiguity is not null;

    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsFailure => !IsSuccess && Ambiguity is null;

    public static implicit operator Parsed<T>(T value) => new(value, null, null);

    public static implicit operator Parsed<T>(DomainError error) =>
        new(default, error ?? throw new ArgumentNullException(nameof(error)), null);

    public static implicit operator Parsed<T>(Ambiguity ambiguity) =>
        new(default, null, ambiguity ?? throw new ArgumentNullException(nameof(ambiguity)));

    public static implicit operator Parsed<T>(Result<T> result) =>
        result.IsSuccess ? new(result.Value, null, null) : new(default, result.Error, null);

    /// <summary>The same refusal or question for another type; only for an unsuccessful result.</summary>
    public Parsed<TOther> Relay<TOther>()
    {
        if (IsSuccess)
            throw new InvalidOperationException("A successful result has nothing to relay.");
        return IsAmbiguous ? Ambiguity : Error!;
    }

    public override string ToString() =>
        IsSuccess ? $"Ok: {Value}" : IsAmbiguous ? $"Ambiguous: {Ambiguity.Question}" : $"Error {Error!.Code}: {Error.Message}";
}
