namespace Bot.Domain.Text;

/// <summary>
/// The ASCII symbol each character turns into in <see cref="UkrainianText.SortKey"/>. Symbols are
/// handed out in ascending ASCII order, so ordinal order of keys is the order of this table.
/// </summary>
internal static class SortSymbols
{
    /// <summary>Between the parts of a name; lower than every other symbol.</summary>
    public const char Separator = ' ';

    /// <summary>Prefix of a letter outside the table (followed by its UTF-16 code in hex); highest.</summary>
    public const char Other = '~';

    // Ukrainian alphabet with the Russian-only letters at their places in the Russian alphabet.
    private const string Cyrillic = "абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя";
    private const string Latin = "abcdefghijklmnopqrstuvwxyz";

    private static readonly Dictionary<char, char> Table = Build();

    public static char? Of(char lowerCase) =>
        Table.TryGetValue(lowerCase, out var symbol) ? symbol : null;

    private static Dictionary<char, char> Build()
    {
        var table = new Dictionary<char, char>();
        var next = '0';
        foreach (var c in "0123456789" + Cyrillic + Latin)
        {
            // Skip the symbols SQL and LIKE treat specially, to keep keys harmless anywhere.
            while (next is '\\' or '`' or '_' or '%' or '\'' or '"')
                next++;
            table[c] = next++;
        }
        if (next > Other)
            throw new InvalidOperationException("Sort symbols do not fit into printable ASCII.");
        return table;
    }
}
