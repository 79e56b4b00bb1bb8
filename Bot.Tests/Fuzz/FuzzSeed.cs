using System.Globalization;

namespace Bot.Tests.Fuzz;

/// <summary>
/// The seed of a fuzz run (docs/operations.md "Replaying a fuzz seed"): fixed by default so CI runs the same inputs every time;
/// the environment variable <c>FUZZ_SEED</c> sets another one locally. Every failure names the seed and the step.
/// </summary>
public static class FuzzSeed
{
    public const string Variable = "FUZZ_SEED";

    public static int Of(int fixedSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : fixedSeed;

    public static string Replay(int seed) => $"replay with {Variable}={seed.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>A fuzz failure: what broke, at which step of which seed, and the input that broke it.</summary>
public sealed class FuzzFailure(string message, Exception? inner = null) : Exception(message, inner);
