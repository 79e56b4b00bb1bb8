using System.Collections.Immutable;

namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// The answers given so far to the questions of one command (<see cref="Ambiguity"/>), by slot. The bot keeps
/// them with the command's text while it asks; reading the text again with them resolves the words that were
/// ambiguous. A pick that is not among a word's candidates is ignored, so a stale answer asks again.
/// </summary>
public sealed class Choices
{
    private readonly ImmutableDictionary<string, Guid> _picks;

    private Choices(ImmutableDictionary<string, Guid> picks) => _picks = picks;

    public static Choices None { get; } = new(ImmutableDictionary<string, Guid>.Empty.WithComparers(StringComparer.Ordinal));

    public IReadOnlyDictionary<string, Guid> Picks => _picks;

    /// <summary>Adds the pressed candidate's answer; throws if it was not one of the ambiguity's candidates.</summary>
    public Choices With(Ambiguity ambiguity, Guid id)
    {
        ArgumentNullException.ThrowIfNull(ambiguity);
        if (ambiguity.Candidates.All(c => c.Id != id))
            throw new ArgumentException("The id is not one of the candidates.", nameof(id));
        return With(ambiguity.Slot, id);
    }

    public Choices With(string slot, Guid id) => new(_picks.SetItem(slot, id));

    /// <summary>The picked candidate among <paramref name="candidates"/>, if there is one for the slot.</summary>
    internal T? Pick<T>(string slot, IEnumerable<T> candidates, Func<T, Guid> id) where T : class =>
        _picks.TryGetValue(slot, out var picked) ? candidates.FirstOrDefault(c => id(c) == picked) : null;

    internal static string Slot(AmbiguityKind kind, Token token) => $"{kind.ToString().ToLowerInvariant()}@{token.Start}";
}
