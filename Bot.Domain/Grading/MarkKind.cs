namespace Bot.Domain.Grading;

/// <summary>What a mark is (M-1, M-3, M-11).</summary>
public enum MarkKind
{
    /// <summary>1–12, grades 5–11.</summary>
    Points,

    /// <summary>П, С, Д, В, grades 3–4.</summary>
    Level,

    /// <summary>"сформовано", grades 1–2.</summary>
    Formed,

    /// <summary>"н/а": not attested.</summary>
    NotAttested,

    /// <summary>"зв": exempt (звільнений/а).</summary>
    Exempt,

    /// <summary>"зар": credited (зараховано), special health group in PE.</summary>
    Credited,

    /// <summary>"н/о": no notebook mark, the student was absent (M-4).</summary>
    NotebookAbsent,

    /// <summary>"незар": not credited (не зараховано), a semester or annual result under the teachers' council's martial-law decision (N-12).</summary>
    NotCredited,
}
