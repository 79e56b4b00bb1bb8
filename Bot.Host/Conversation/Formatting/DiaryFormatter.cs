using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Roster;
using Bot.Domain.Text;

namespace Bot.Host.Conversation.Formatting;

/// <summary>Turns diary records into neutral messages for parents and students.</summary>
public static class DiaryFormatter
{
    /// <summary>
    /// A student's day: every lesson of the day's timetable with its change, recorded or not yet (with its topic,
    /// homework, marks and absence once recorded), lessons recorded outside the timetable, dateless marks, the homework
    /// due that day, and for today (or the last school day) the next school day's timetable.
    /// </summary>
    public static Message Day(StudentDay day, DateOnly today, Message? into = null, bool withStudent = true)
    {
        var m = into ?? new Message();
        if (withStudent) m.Line(new Span.Bold($"{day.StudentName}, {day.ClassName}"));
        m.Line(new Span.Bold(UkrainianDates.Relative(day.Date, today)));
        Lessons(day, today, m);

        if (day.HomeworkDue.Count > 0)
        {
            m.Blank().Line(new Span.Bold(day.Date == today.AddDays(1) ? "Задано на завтра:" : "Задано на цей день:"));
            foreach (var hw in day.HomeworkDue) m.Line($"• {hw.PageTitle}: {hw.Homework}");
        }

        if (day.NextSchoolDay is { Slots.Count: > 0 } next && day.Date <= today && next.Date > today) NextTimetable(next, today, m);
        return m;
    }

    /// <summary>
    /// A child's part of the evening diary (ADR 0036): the day's lessons with marks, absences, topics and homework; then
    /// "Задано на завтра" (the homework due on the next school day) and the next school day's timetable with its changes.
    /// The homework due today (done by now) is not repeated.
    /// </summary>
    public static Message Evening(StudentDay day, DateOnly today, Message? into = null)
    {
        var m = into ?? new Message();
        m.Line(new Span.Bold($"{day.StudentName}, {day.ClassName}"));
        m.Line(new Span.Bold(UkrainianDates.Relative(day.Date, today)));
        Lessons(day, today, m);
        if (day.NextSchoolDay is not { } next) return m;
        var on = UkrainianDates.On(next.Date, today);
        m.Blank().Line(new Span.Bold($"Задано {on}:"));
        if (day.NextHomeworkDue.Count == 0) m.Line("Нічого не задано.");
        foreach (var hw in day.NextHomeworkDue)
            m.Line($"• {hw.PageTitle}: {hw.Homework}" + (hw.SubstituteNote is null ? "" : $" ({hw.SubstituteNote})"));
        if (next.Slots.Count > 0) NextTimetable(next, today, m);
        return m;
    }

    private static void NextTimetable(DayTimetable next, DateOnly today, Message m)
    {
        m.Blank().Line(new Span.Bold($"Розклад {UkrainianDates.On(next.Date, today)}:"));
        foreach (var notice in next.DayNotices) m.Line(new Span.Italic(notice));
        foreach (var slot in next.Slots) m.Line(SlotLine(slot, slot.Starts is { } s ? $" ({s:HH\\:mm})" : ""));
    }

    /// <summary>The day's timetable merged with its recorded lessons, by the lesson's number.</summary>
    private static void Lessons(StudentDay day, DateOnly today, Message m)
    {
        if (!day.IsSchoolDay && day.Lessons.Count == 0)
        {
            // A semester's marks stand on its last day, a Saturday in most years: shown even when it has no lessons.
            m.Line("Уроків немає.");
            DatelessMarks(day, m);
            return;
        }

        var recorded = day.Lessons.ToList();
        var rows = new List<(int Slot, Span[] Line, DiaryLesson? Lesson)>();
        foreach (var slot in day.Timetable.Slots)
        {
            var lesson = slot.IsHeld ? recorded.FirstOrDefault(l => l.Slot == slot.Number && l.SubjectId == slot.SubjectId && l.GroupId == slot.GroupId) : null;
            if (lesson is not null)
            {
                recorded.Remove(lesson);
                rows.Add((slot.Number, LessonHead(lesson, slot.Change), lesson));
                continue;
            }

            var time = slot.Starts is { } s && slot.IsHeld ? $" ({s:HH\\:mm})" : "";
            var state = !slot.IsHeld || day.Date > today ? null : "ще не записано";
            var line = new List<Span> { new Span.Plain($"{slot.Number}. {slot.PageTitle}{time}") };
            if (slot.Change is { } change) line.AddRange([new Span.Plain(" — "), new Span.Bold(change)]);
            if (state is not null) line.Add(new Span.Italic($" — {state}"));
            rows.Add((slot.Number, [.. line], null));
        }

        rows.AddRange(recorded.Select(l => (l.Slot, LessonHead(l, null), (DiaryLesson?)l)));
        if (rows.Count == 0) m.Line("Уроків у журналі за цей день ще немає.");
        foreach (var (_, line, lesson) in rows.OrderBy(r => r.Slot))
        {
            m.Line(line);
            if (lesson is null) continue;
            if (!string.IsNullOrWhiteSpace(lesson.ThemeTitle)) m.Line(new Span.Italic($"   {lesson.ThemeTitle}"));
            if (!string.IsNullOrWhiteSpace(lesson.Topic)) m.Line($"   Тема: {lesson.Topic}");
            if (!string.IsNullOrWhiteSpace(lesson.HomeworkField)) m.Line($"   Д/з: {lesson.HomeworkField}");
        }

        DatelessMarks(day, m);
    }

    private static void DatelessMarks(StudentDay day, Message m)
    {
        foreach (var mark in day.DatelessMarks)
            m.Line(new Span.Plain("• "), new Span.Bold(mark.PageTitle), new Span.Plain($" — {MarkLabel(mark)}"));
    }

    private static Span[] LessonHead(DiaryLesson lesson, string? change)
    {
        var head = new List<Span> { new Span.Plain($"{lesson.Slot}. "), new Span.Bold(lesson.PageTitle) };
        if (change is not null) head.Add(new Span.Plain($" ({change})"));
        if (lesson.Absence is not null) head.Add(new Span.Plain($" — {lesson.AbsenceText}"));
        foreach (var mark in lesson.Marks) head.Add(new Span.Plain($" — {MarkLabel(mark)}"));
        return [.. head];
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

    /// <summary>
    /// The semester's marks per subject (ADR 0036): the average, then each mark with its date and kind ("12.11 — 9
    /// (контрольна)"), levels of grades 3–4 with their word ("Д (достатній)"), then thematic, outcome and final marks.
    /// </summary>
    public static Message Marks(StudentMarks marks, string? onlySubject = null)
    {
        var m = new Message().Line(new Span.Bold($"{marks.StudentName}: оцінки за {(marks.Semester == 1 ? "І" : "ІІ")} семестр {marks.YearTitle}"));
        var subjects = marks.Subjects.Where(s => onlySubject is null || s.PageTitle.StartsWith(onlySubject, StringComparison.OrdinalIgnoreCase)).ToList();
        if (subjects.Count == 0) m.Line(onlySubject is null ? "Оцінок ще немає." : $"З предмета «{onlySubject}» оцінок ще немає.");
        foreach (var s in subjects)
        {
            m.Blank();
            var head = new List<Span> { new Span.Bold(s.PageTitle) };
            if (s.Average is { } avg) head.Add(new Span.Plain($" — середній бал {avg.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',')}"));
            m.Line([.. head]);
            if (s.Marks.Count == 0 && s.Thematic.Count == 0 && s.Outcomes.Count == 0 && s.Final.Count == 0) m.Line("   Оцінок ще немає.");
            if (s.Marks.Count > 0) m.Line("   " + string.Join("; ", s.Marks.Select(DatedMark)));
            if (s.Thematic.Count > 0)
                m.Line($"   {(s.Thematic.Count == 1 ? "Тематична" : "Тематичні")}: {string.Join(", ", s.Thematic.Select(t => WithLevel(t.Value)))}");
            foreach (var o in s.Outcomes) m.Line($"   {o.Code} «{o.Title}»: {WithLevel(o.Value)}");
            foreach (var f in s.Final) m.Line($"   {f.ColumnTitle}: {WithLevel(f.Value)}");
        }

        // N-21: grades 1–2, the year's results by expected learning outcome, as the свідоцтво досягнень has them.
        if (onlySubject is null && marks.YearOutcomes.Count > 0)
        {
            m.Blank().Line(new Span.Bold($"Результати {marks.YearTitle} навчального року (свідоцтво досягнень)"));
            foreach (var field in marks.YearOutcomes)
            {
                m.Line(new Span.Bold($"{field.Field} освітня галузь"));
                foreach (var o in field.Outcomes) m.Line($"   {o.Code} {o.Title}: {o.Level ?? "—"}");
            }
        }

        return m;
    }

    /// <summary>"12.11 — 9 (контрольна)", "13.11 — Д (достатній)", "14.11 — 10 (зошит)".</summary>
    private static string DatedMark(DiaryMark mark)
    {
        var notes = new List<string>();
        if (LevelWord(mark.Value) is { } level) notes.Add(level);
        if (mark.Column != MarkColumn.Current) notes.Add(mark.ColumnTitle.ToLowerInvariant());
        else if (mark.WorkKind is { Length: > 0 } kind) notes.Add(kind);
        return $"{mark.Date:dd.MM} — {mark.Text}" + (notes.Count > 0 ? $" ({string.Join(", ", notes)})" : "");
    }

    /// <summary>"Д (достатній)" for a level of grades 3–4, "незар (не зараховано)"; the mark's text otherwise.</summary>
    private static string WithLevel(MarkValue value) => LevelWord(value) is { } word ? $"{value.Text} ({word})" : value.Text;

    private static string? LevelWord(MarkValue value) => value.Kind switch
    {
        MarkKind.Level => value.Points switch { 1 => "початковий", 2 => "середній", 3 => "достатній", 4 => "високий", _ => null },
        // N-12: the council's "зараховано / не зараховано" in words for the family.
        MarkKind.Credited => "зараховано",
        MarkKind.NotCredited => "не зараховано",
        _ => null,
    };

    public static Message Homework(StudentDay day, DateOnly today)
    {
        var m = new Message().Line(new Span.Bold($"{day.StudentName}: домашнє завдання {UkrainianDates.On(day.Date, today)}"));
        if (day.HomeworkDue.Count == 0) m.Line(day.IsSchoolDay ? "На цей день нічого не задано." : "Цього дня уроків немає.");
        foreach (var hw in day.HomeworkDue)
            m.Line(new Span.Bold(hw.PageTitle), new Span.Plain($": {hw.Homework}" + (hw.SubstituteNote is null ? "" : $" ({hw.SubstituteNote})")));
        return m;
    }

    public static Message Timetable(StudentDay day, DateOnly today)
    {
        var m = new Message().Line(new Span.Bold($"{day.StudentName}: розклад {UkrainianDates.On(day.Date, today)}"));
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

    /// <summary>
    /// A child's attendance in words (ADR 0036): "Іваненко Олег пропустив 3 уроки: 02.12 алгебра, …; з них 1 — з поважної
    /// причини"; the verb agrees with the child's sex where the school recorded it, and without it the wording needs none
    /// ("Іваненко Олег: пропущено 3 уроки"). <paramref name="days"/> name the subjects of the missed lessons.
    /// </summary>
    public static Message Attendance(ClassAttendance attendance, Guid studentId, Sex? sex = null, IReadOnlyList<StudentDay>? days = null)
    {
        var row = attendance.Students.FirstOrDefault(s => s.StudentId == studentId);
        var m = new Message().Line(new Span.Bold($"Пропуски з {attendance.From:dd.MM} по {attendance.To:dd.MM}"));
        if (row is null) return m.Line("Даних немає.");
        var t = row.Totals;
        if (t.Lessons == 0) return m.Line($"{row.StudentName}: пропусків немає.");
        var lessons = UkrainianGrammar.Count(t.Lessons, "урок", "уроки", "уроків");
        var text = UkrainianGrammar.BySex(sex, $"{row.StudentName} пропустив {lessons}", $"{row.StudentName} пропустила {lessons}", $"{row.StudentName}: пропущено {lessons}");
        var missed = (days ?? []).SelectMany(d => d.Lessons.Where(l => l.Absence is not null).Select(l => (d.Date, l.Slot, Title: Lower(l.PageTitle))))
            .OrderBy(x => x.Date).ThenBy(x => x.Slot).ToList();
        if (missed.Count > 0)
        {
            const int shown = 10;
            text += ": " + (missed.Count > shown ? "… " : "") + string.Join(", ", missed.TakeLast(shown).Select(x => $"{x.Date:dd.MM} {x.Title}"));
        }

        if (t.LessonsIll > 0) text += $"; з них {t.LessonsIll} — з поважної причини";
        m.Line(text + ".");
        if (t.Days > 0) m.Line($"Пропущено цілих днів: {t.Days}" + (t.DaysIll > 0 ? $" (з них з поважної причини — {t.DaysIll})." : "."));
        return m;
    }

    private static string Lower(string title) => title.Length > 0 ? char.ToLowerInvariant(title[0]) + title[1..] : title;

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

    private static string MarkLabel(DiaryMark mark) =>
        mark.Column == MarkColumn.Current ? WithLevel(mark.Value) + (mark.WorkKind is { } k ? $" ({k})" : "")
        : mark.Caption is { } caption ? $"{caption}: {WithLevel(mark.Value)}"   // a group's code and title keep their case
        : $"{mark.ColumnTitle.ToLowerInvariant()}: {WithLevel(mark.Value)}";
}
