using System.Diagnostics.CodeAnalysis;

namespace Bot.Domain;

/// <summary>
/// An expected "no" from the domain: a stable <paramref name="Code"/> for code and tests,
/// and a <paramref name="Message"/> in Ukrainian that is shown to the user as is.
/// </summary>
public sealed record DomainError(string Code, string Message);

/// <summary>A broken invariant: thrown when a caller ignores a rule it had to check.</summary>
public sealed class DomainException(DomainError error) : Exception(error.Message)
{
    public DomainError Error { get; } = error;
}

/// <summary>Either a value or a <see cref="DomainError"/> the caller turns into a friendly reply.</summary>
public readonly record struct Result<T>
{
    private Result(bool isSuccess, T? value, DomainError? error)
    {
        IsSuccess = isSuccess;
        Value = value;
        Error = error;
    }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess { get; }

    public T? Value { get; }

    public DomainError? Error { get; }

    public static Result<T> Ok(T value) => new(true, value, null);

    public static Result<T> Fail(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(false, default, error);
    }

    /// <summary>The value, or a <see cref="DomainException"/> carrying the error.</summary>
    public T GetValueOrThrow() =>
        IsSuccess ? Value! : throw new DomainException(Error ?? EmptyResult);

    // default(Result<T>) carries neither a value nor an error.
    private static readonly DomainError EmptyResult =
        new("result.empty", "Внутрішня помилка: результат без значення.");

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(DomainError error) => Fail(error);
}
