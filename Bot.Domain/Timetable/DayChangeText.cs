namespace Bot.Domain.Timetable;

/// <summary>How a day's change reads next to its lesson, and a whole day's change as a line of its own (Ukrainian).</summary>
public static class DayChangeText
{
    /// <summary>
    /// The note by a planned lesson: "заміна: Ткаченко А. М.", "скасовано", "перенесено на 24.11, 5 урок",
    /// "перенесено з 3 уроку", "скорочено до 30 хв (повітряна тривога)"; null for a lesson as usual.
    /// </summary>
    public static string? Note(PlannedLesson lesson, DateOnly date, Func<Guid, string?> staffName)
    {
        var change = ChangeNote(lesson, date, staffName);
        if (lesson.Status is not { } status) return change;
        var text = StatusText(status.Kind);
        return change is null ? text : $"{change}; {text}";
    }

    /// <summary>A lesson's status after an alert (N-19): "проведено в укритті", "онлайн (синхронно)", "не проведено через тривогу".</summary>
    public static string StatusText(DayChangeKind kind) => kind switch
    {
        DayChangeKind.HeldInShelter => "проведено в укритті",
        DayChangeKind.OnlineSync => "онлайн (синхронно)",
        DayChangeKind.OnlineAsync => "онлайн (асинхронно)",
        DayChangeKind.NotHeldAlert => "не проведено через повітряну тривогу",
        _ => "проведено",
    };

    private static string? ChangeNote(PlannedLesson lesson, DateOnly date, Func<Guid, string?> staffName)
    {
        if (lesson.Change is not { } c) return null;
        var text = c.Kind switch
        {
            DayChangeKind.Substitution => $"заміна: {(c.TeacherId is { } t ? staffName(t) : null) ?? "інший учитель"}",
            DayChangeKind.Cancellation => "скасовано",
            DayChangeKind.Move when !lesson.IsHeld => c.ToDate == date ? $"перенесено на {c.ToNumber} урок" : $"перенесено на {c.ToDate:dd.MM}, {c.ToNumber} урок",
            DayChangeKind.Move => c.Date == date ? $"перенесено з {c.LessonNumber} уроку" : $"перенесено з {c.Date:dd.MM}, {c.LessonNumber} урок",
            DayChangeKind.AirRaid => c.Minutes is { } m ? $"скорочено до {m} хв (повітряна тривога)" : "скорочено (повітряна тривога)",
            _ => null,
        };
        return text is null || c.Note is null || c.Kind == DayChangeKind.AirRaid ? text : $"{text} — {c.Note}";
    }

    /// <summary>A change of the whole day: "Дистанційне навчання", "Повітряна тривога: уроки з 3-го скорочено до 30 хв".</summary>
    public static string DayNote(DayChange c) => c.Kind switch
    {
        DayChangeKind.Remote => "Дистанційне навчання" + (c.ClassId is null ? " (уся школа)" : "") + (c.Note is null ? "" : $" — {c.Note}"),
        DayChangeKind.AirRaid => "Повітряна тривога: " + (c.LessonNumber is { } n ? $"уроки з {n}-го" : "усі уроки")
            + (c.Minutes is { } m ? $" скорочено до {m} хв" : " скорочено") + (c.Note is null ? "" : $" — {c.Note}"),
        DayChangeKind.Shelter => "Клас в укритті" + (c.LessonNumber is { } l ? $" (з {l} уроку)" : ""),
        DayChangeKind.AllClear => "Відбій" + (c.Note is null ? "" : $": {c.Note}"),
        _ => c.Note ?? "",
    };

    /// <summary>What kind of change it is, for a list: "Заміна", "Скасування", "Перенесення", ...</summary>
    public static string Title(DayChangeKind kind) => kind switch
    {
        DayChangeKind.Substitution => "Заміна",
        DayChangeKind.Cancellation => "Скасування",
        DayChangeKind.Move => "Перенесення",
        DayChangeKind.Remote => "Дистанційне навчання",
        DayChangeKind.AirRaid => "Повітряна тривога",
        DayChangeKind.Shelter => "Клас в укритті",
        DayChangeKind.AllClear => "Відбій",
        DayChangeKind.HeldInShelter or DayChangeKind.OnlineSync or DayChangeKind.OnlineAsync or DayChangeKind.NotHeldAlert => "Урок після тривоги",
        _ => kind.ToString(),
    };
}
