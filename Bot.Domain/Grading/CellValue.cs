namespace Bot.Domain.Grading;

/// <summary>What a teacher put into a cell: a mark, an absence, or nothing (the cell is cleared).</summary>
public abstract record CellValue
{
    private protected CellValue()
    {
    }
}

/// <summary>A mark.</summary>
public sealed record MarkCell(MarkValue Value) : CellValue
{
    public override string ToString() => Value.Text;
}

/// <summary>"н" or "хв" in a dated column .</summary>
public sealed record AbsenceCell(AbsenceKind Kind) : CellValue
{
    public override string ToString() => AbsenceKinds.Text(Kind);
}

/// <summary>Empty text, "-" or "—": whatever was in the cell is removed.</summary>
public sealed record ClearCell : CellValue
{
    public static ClearCell Instance { get; } = new();

    public override string ToString() => "";
}
