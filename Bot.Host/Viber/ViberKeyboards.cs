using Bot.Host.Conversation;

namespace Bot.Host.Viber;

/// <summary>
/// A message's button rows as a Viber keyboard: a grid six columns wide in which buttons flow left to right, so each
/// row of the message fills exactly six columns (two buttons of three, three of two, four as 2+2+1+1). Viber shows
/// at most 12 rows in portrait: a longer keyboard is packed three, then six to a row, and only what still does not
/// fit is dropped (the caller says so in the text). Every button is a silent reply whose ActionBody is the neutral
/// button data, so a press comes back as the same data Telegram's callback would carry.
/// </summary>
public static class ViberKeyboards
{
    public const int GridColumns = 6;
    public const int MaxRows = 12;
    public const int MaxLabelLength = 250;

    public sealed record Layout(ViberKeyboard? Keyboard, int Dropped)
    {
        public IEnumerable<string> Data => Keyboard?.Buttons.Select(b => b.ActionBody) ?? [];
    }

    public static Layout For(Message message)
    {
        if (message.Buttons.Count == 0) return new Layout(null, 0);
        var rows = message.Buttons.SelectMany(row => row.Chunk(GridColumns)).ToList();
        if (rows.Count <= MaxRows) return Build(rows, 0);

        var all = message.Buttons.SelectMany(row => row).ToList();
        foreach (var perRow in new[] { 2, 3, GridColumns })
            if ((all.Count + perRow - 1) / perRow <= MaxRows) return Build(all.Chunk(perRow).ToList(), 0);
        var kept = all.Take(MaxRows * GridColumns).ToList();
        return Build(kept.Chunk(GridColumns).ToList(), all.Count - kept.Count);
    }

    private static Layout Build(IReadOnlyList<Button[]> rows, int dropped) =>
        new(new ViberKeyboard([.. rows.SelectMany(row => row.Zip(Widths(row.Length), (b, columns) => b.Url is { } url
            ? new ViberButton(columns, 1, url, Label(b.Label)) { ActionType = "open-url", OpenUrlType = "internal" }
            : new ViberButton(columns, 1, b.Data, Label(b.Label))))]), dropped);

    /// <summary>Six columns shared as evenly as a row of <paramref name="count"/> (1–6) allows, wider buttons first.</summary>
    public static IEnumerable<int> Widths(int count) =>
        Enumerable.Range(0, count).Select(i => GridColumns / count + (i < GridColumns % count ? 1 : 0));

    private static string Label(string label) => label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)] + "…";
}
