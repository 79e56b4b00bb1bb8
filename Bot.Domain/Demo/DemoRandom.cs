namespace Bot.Domain.Demo;

/// <summary>
/// A seeded random stream of the demo school. Each concern draws from its own named stream, so the same seed gives the
/// same school whatever else changes (a day seeded or not, another concern drawing more numbers).
/// </summary>
internal sealed class DemoRandom(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>A stream named <paramref name="name"/> of the school seeded with <paramref name="seed"/> (FNV-1a: stable across processes).</summary>
    public static DemoRandom For(int seed, string name)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var ch in name)
        {
            hash ^= ch;
            hash *= 16777619u;
        }

        return new DemoRandom((int)(hash & 0x7FFFFFFF));
    }

    /// <summary>0 ≤ n &lt; max.</summary>
    public int Next(int max) => _random.Next(max);

    /// <summary>min ≤ n ≤ max.</summary>
    public int Between(int min, int max) => _random.Next(min, max + 1);

    public double NextDouble() => _random.NextDouble();

    public double Between(double min, double max) => min + (max - min) * _random.NextDouble();

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A normally distributed number (Box–Muller).</summary>
    public double Normal(double mean, double deviation)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
