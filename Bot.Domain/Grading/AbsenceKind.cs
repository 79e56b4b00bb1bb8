namespace Bot.Domain.Grading;

/// <summary>An absence mark in a dated column .</summary>
public enum AbsenceKind
{
    /// <summary>"н": absent.</summary>
    Absent,

    /// <summary>"хв": absent, ill.</summary>
    Ill,
}

public static class AbsenceKinds
{
    /// <summary>A-1: "н" or "хв", as written in the journal and stored.</summary>
    public static string Text(AbsenceKind kind) => kind switch
    {
        AbsenceKind.Absent => "н",
        AbsenceKind.Ill => "хв",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The inverse of <see cref="Text"/>; anything else is a <see cref="FormatException"/>.</summary>
    public static AbsenceKind FromStored(string text) => text switch
    {
        "н" => AbsenceKind.Absent,
        "хв" => AbsenceKind.Ill,
        _ => throw new FormatException($"\"{text}\" is not a stored absence."),
    };
}
