using Bot.Domain.Diary;
using Bot.Domain.Grading;

namespace Bot.Host.Conversation.Formatting;

/// <summary>Turns diary records into neutral messages for parents and students.</summary>
public static class DiaryFormatter
{
    public static Message Day(StudentDay day, DateOnly today, Message? into = null, bool withStudent = true)
    {
        var m = into ?? new Message();
        if (withStudent) m.Line(new Span.Bold($"{day.StudentName}, {day.ClassName}"));
        m.Line(new Span.Bold(UkrainianDates.Relative(day.Date, today)));
        if (!day.IsSchoolDay)
        {
            m.Line("Уроків немає.");
        }
        else if (day.Lessons.Count == 0)
        {
            m.Line(day.Date > today ? "Уроки ще не відбулися." : "Уроків у журналі за цей день ще немає.");
        }

        foreach (var lesson in day.Lessons)
        {
            var head = new List<Span> { new Span.Plain($"{lesson.Slot}. "), new Span.Bold(lesson.PageTitle) };
            if (lesson.Absence is not null) head.Add(new Span.Plain($" — {lesson.AbsenceText}"));
            foreach (var mark in lesson.Marks) head.Add(new Span.Plain($" — {MarkLabel(mark)}"));
            m.Line([.. head]);
            if (!string.IsNullOrWhiteSpace(lesson.ThemeTitle)) m.Line(new Span.Italic($"   {lesson.ThemeTitle}"));
            if (!string.IsNullOrWhiteSpace(lesson.Topic)) m.Line($"   Тема: {lesson.Topic}");
            if (!string.IsNullOrWhiteSpace(lesson.HomeworkField)) m.Line($"   Д/з: {lesson.HomeworkField}");
        }

        foreach (var mark in day.DatelessMarks)
            m.Line(new Span.Plain("• "), new Span.Bold(mark.PageTitle), new Span.Plain($" — {MarkLabel(mark)}"));

        if (day.HomeworkDue.Count > 0)
        {
            m.Blank().Line(new Span.Bold("Задано на цей день:"));
            foreach (var hw in day.HomeworkDue) m.Line($"• {hw.PageTitle}: {hw.Homework}");
        }

        if (day.NextSchoolDay is { Slots.Count: > 0 } next)
        {
            m.Blank().Line(new Span.Bold($"Розклад на {UkrainianDates.Long(next.Date)}:"));
            foreach (var notice in next.DayNotices) m.Line(new Span.Italic(notice));
            foreach (var slot in next.Slots) m.Line(SlotLine(slot, slot.Starts is { } s ? $" ({s:HH\\:mm})" : ""));
        }

        return m;
    }

    /// <summary>
    /// The week's school days under one heading, each with its lessons; the days still ahead with nothing recorded
    /// are one line ("вт 24.11 – пт 27.11: уроки ще не відбулися"), not a block each.
    /// </summary>
    public static Message Week(StudentWeek week, DateOnly today)
    {
        var schoolDays = week.Days.Where(d => d.IsSchoolDay).ToList();
        if (schoolDays.Count == 0) return new Message().Line($"{week.StudentName}: цього тижня уроків немає.");
        var m = new Message().Line(new Span.Bold($"{week.StudentName}, {schoolDays[0].ClassName}: {UkrainianDates.Short(schoolDays[0].Date)} – {UkrainianDates.Short(schoolDays[^1].Date)}"));
        var ahead = schoolDays.Where(d => d.Date > today && d.Lessons.Count == 0 && d.DatelessMarks.Count == 0).ToList();
        foreach (var day in schoolDays.Except(ahead))
        {
            m.Blank();
            Day(day with { NextSchoolDay = null, HomeworkDue = [] }, today, m, withStudent: false);
        }

        if (ahead.Count > 0)
        {
            var days = ahead.Count == 1 ? UkrainianDates.Short(ahead[0].Date) : $"{UkrainianDates.Short(ahead[0].Date)} – {UkrainianDates.Short(ahead[^1].Date)}";
            m.Blank().Line(char.ToUpperInvariant(days[0]) + days[1..] + ": уроки ще не відбулися.");
        }

        return m;
    }

    public static Message Marks(StudentMarks marks, string? onlySubject = null)
    {
        var m = new Message().Line(new Span.Bold($"{marks.StudentName}: оцінки за {(marks.Semester == 1 ? "І" : "ІІ")} семестр {marks.YearTitle}"));
        var subjects = marks.Subjects.Where(s => onlySubject is null || s.PageTitle.StartsWith(onlySubject, StringComparison.OrdinalIgnoreCase)).ToList();
        if (subjects.Count == 0) m.Line(onlySubject is null ? "Оцінок ще немає." : $"З предмета «{onlySubject}» оцінок ще немає.");
        foreach (var s in subjects)
        {
            var line = new List<Span> { new Span.Bold(s.PageTitle), new Span.Plain(": ") };
            line.Add(new Span.Plain(s.Marks.Count == 0 ? "—" : MarkList(s.Marks)));
            if (s.Average is { } avg) line.Add(new Span.Plain($"  (середній {avg.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',')})"));
            m.Line([.. line]);
            if (s.Thematic.Count > 0) m.Line($"   Тематичні: {string.Join(", ", s.Thematic.Select(t => t.Text))}");
            foreach (var o in s.Outcomes) m.Line($"   {o.Code} «{o.Title}»: {o.Text}");
            foreach (var f in s.Final) m.Line($"   {f.ColumnTitle}: {f.Text}");
        }

        return m;
    }

    public static Message Homework(StudentDay day, DateOnly today)
    {
        var m = new Message().Line(new Span.Bold($"{day.StudentName}: домашнє завдання на {UkrainianDates.Relative(day.Date, today).ToLowerInvariant()}"));
        if (day.HomeworkDue.Count == 0) m.Line(day.IsSchoolDay ? "На цей день нічого не задано." : "Цього дня уроків немає.");
        foreach (var hw in day.HomeworkDue)
            m.Line(new Span.Bold(hw.PageTitle), new Span.Plain($": {hw.Homework}" + (hw.SubstituteNote is null ? "" : $" ({hw.SubstituteNote})")));
        return m;
    }

    public static Message Timetable(StudentDay day, DateOnly today)
    {
        var m = new Message().Line(new Span.Bold($"{day.StudentName}: розклад на {UkrainianDates.Relative(day.Date, today).ToLowerInvariant()}"));
        if (!day.IsSchoolDay || day.Timetable.Slots.Count == 0) m.Line("Уроків немає.");
        foreach (var notice in day.Timetable.DayNotices) m.Line(new Span.Italic(notice));
        foreach (var slot in day.Timetable.Slots)
            m.Line(SlotLine(slot, slot.Starts is { } s && slot.Ends is { } e ? $"  {s:HH\\:mm}–{e:HH\\:mm}" : ""));
        return m;
    }

    /// <summary>"3. Алгебра (10:00) — заміна: Ткаченко А. М."; a lesson not held has no time: "4. Фізика — скасовано".</summary>
    private static Span[] SlotLine(TimetableSlot slot, string time)
    {
        var head = new Span.Plain($"{slot.Number}. {slot.PageTitle}" + (slot.IsHeld ? time : ""));
        return slot.Change is { } change ? [head, new Span.Plain(" — "), new Span.Bold(change)] : [head];
    }

    public static Message Attendance(ClassAttendance attendance, Guid studentId)
    {
        var row = attendance.Students.FirstOrDefault(s => s.StudentId == studentId);
        var m = new Message().Line(new Span.Bold($"Пропуски з {attendance.From:dd.MM} по {attendance.To:dd.MM}"));
        if (row is null) return m.Line("Даних немає.");
        var t = row.Totals;
        m.Line($"{row.StudentName}: пропущено уроків {t.Lessons} (н — {t.LessonsAbsent}, хв — {t.LessonsIll}), днів {t.Days} (н — {t.DaysAbsent}, хв — {t.DaysIll}).");
        foreach (var day in row.Days.Where(d => d.Missed > 0).TakeLast(10))
            m.Line($"• {UkrainianDates.Short(day.Date)}: {day.Missed} з {day.Expected} {Bot.Domain.Text.UkrainianText.Plural(day.Expected, "уроку", "уроків", "уроків")}" + (day.Ill > 0 ? $", з них хв — {day.Ill}" : ""));
        return m;
    }

    public static Message ClassAttendance(ClassAttendance attendance, IReadOnlyList<AbsenceReport>? toReport = null)
    {
        var m = new Message().Line(new Span.Bold($"{attendance.ClassName}: відвідування {attendance.From:dd.MM}–{attendance.To:dd.MM}"));
        var missing = attendance.Students.Where(s => s.Totals.Lessons > 0).ToList();
        if (missing.Count == 0) m.Line("Пропусків немає.");
        foreach (var s in missing)
        {
            var t = s.Totals;
            m.Line($"{s.Number}. {s.StudentName}: уроків {t.Lessons} (н {t.LessonsAbsent}, хв {t.LessonsIll}), днів {t.Days}");
        }

        var total = attendance.Totals;
        m.Line(new Span.Italic($"Разом: уроків {total.Lessons} (н {total.LessonsAbsent}, хв {total.LessonsIll}), днів {total.Days}."));
        if (toReport is { Count: > 0 })
        {
            m.Blank().Line(new Span.Bold("Повідомити адміністрацію (10 днів без поважної причини):"));
            foreach (var r in toReport) m.Line($"• {r.StudentName}: {r.Run.From:dd.MM}–{r.Run.To:dd.MM}, {r.Run.Days} дн.");
        }

        return m;
    }

    /// <summary>"10 9 н/а 11"; a verbal mark repeated is counted: "сформовано ×8".</summary>
    private static string MarkList(IEnumerable<DiaryMark> marks)
    {
        var parts = new List<string>();
        foreach (var run in marks.Select(m => m.Text).ChunkBy())
            parts.Add(run.Count > 1 && !run.Value.All(char.IsDigit) ? $"{run.Value} ×{run.Count}" : string.Join(" ", Enumerable.Repeat(run.Value, run.Count)));
        return string.Join(" ", parts);
    }

    private static IEnumerable<(string Value, int Count)> ChunkBy(this IEnumerable<string> values)
    {
        string? current = null;
        var count = 0;
        foreach (var v in values)
        {
            if (v == current)
            {
                count++;
                continue;
            }

            if (current is not null) yield return (current, count);
            (current, count) = (v, 1);
        }

        if (current is not null) yield return (current, count);
    }

    private static string MarkLabel(DiaryMark mark) =>
        mark.Column == MarkColumn.Current ? mark.Text + (mark.WorkKind is { } k ? $" ({k})" : "")
        : mark.Caption is { } caption ? $"{caption}: {mark.Text}"   // a group's code and title keep their case
        : $"{mark.ColumnTitle.ToLowerInvariant()}: {mark.Text}";
}
