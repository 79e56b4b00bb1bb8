using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;

namespace Bot.Domain.Diary;

/// <summary>
/// Assembles students' days from <see cref="DiaryData"/> in memory. What is the same for every student of a class on
/// a day (its lessons, homework due, timetables) is built once per class and day, then filtered by the student's
/// groups (J-5) and joined with their own marks and absences.
/// </summary>
internal sealed class DayBuilder(DiaryData data)
{
    private readonly Dictionary<Guid, ClassCalendar> _classes = [];

    /// <summary>The student's day in the class of <paramref name="entry"/>.</summary>
    public StudentDay Build(ClassListEntry entry, DateOnly date)
    {
        var cls = For(entry.ClassId);
        var day = cls.Day(date);
        bool Mine(Guid? groupId) => data.InGroup(entry.ClassId, entry.StudentId, groupId, date);

        var marks = data.Marks[entry.StudentId].Where(m => m.Date == date && m.ClassId == entry.ClassId).ToList();
        var absences = data.Absences[entry.StudentId].Where(a => a.Date == date).ToDictionary(a => a.LessonId, a => a.Kind);
        var lessons = day.Lessons
            .Where(l => Mine(l.GroupId))
            .Select(l => l with
            {
                Marks = marks.Where(m => m.LessonId == l.LessonId).Select(ToDiaryMark).ToList(),
                Absence = absences.TryGetValue(l.LessonId, out var kind) ? kind : null,
            })
            .ToList();
        var dateless = marks.Where(m => m.LessonId is null).OrderBy(m => data.PageTitle(m.SubjectId, m.GroupId), StringComparer.Ordinal)
            .ThenBy(m => m.Column).Select(ToDiaryMark).ToList();

        return new StudentDay(entry.StudentId, entry.FullName, entry.ClassId, cls.Name, date, day.IsSchoolDay, lessons, dateless,
            day.HomeworkDue.Where(h => Mine(h.GroupId)).ToList(),
            new DayTimetable(date, day.Timetable.Where(s => Mine(s.GroupId)).ToList(), day.Notices),
            day.Next is { } next ? new DayTimetable(next, day.NextTimetable.Where(s => Mine(s.GroupId)).ToList(), day.NextNotices) : null)
        {
            NextHomeworkDue = day.NextHomeworkDue.Where(h => Mine(h.GroupId)).ToList(),
        };
    }

    public string ClassName(Guid classId) => For(classId).Name;

    public bool IsSchoolDay(Guid classId, DateOnly date) => For(classId).Day(date).IsSchoolDay;

    private DiaryMark ToDiaryMark(Mark m) =>
        new(m.Id, m.SubjectId, data.PageTitle(m.SubjectId, m.GroupId), m.Column, m.Date, m.Value, m.WorkKind)
        {
            Caption = m.ResultGroupId is { } id && data.ResultGroups.TryGetValue(id, out var g)
                ? $"{g.Code} «{g.Title}», {(m.Column == MarkColumn.ResultGroup1 ? "І" : "ІІ")} семестр"
                : null,
        };

    private ClassCalendar For(Guid classId)
    {
        if (!_classes.TryGetValue(classId, out var cls))
            _classes[classId] = cls = new ClassCalendar(data, data.Classes.First(c => c.Id == classId));
        return cls;
    }

    /// <summary>What every student of a class shares on a day, before the filter by group.</summary>
    private sealed record ClassDayTemplate(
        bool IsSchoolDay,
        IReadOnlyList<DiaryLesson> Lessons,
        IReadOnlyList<HomeworkDue> HomeworkDue,
        IReadOnlyList<TimetableSlot> Timetable,
        DateOnly? Next,
        IReadOnlyList<TimetableSlot> NextTimetable,
        IReadOnlyList<string> Notices,
        IReadOnlyList<string> NextNotices,
        IReadOnlyList<HomeworkDue> NextHomeworkDue);

    private sealed class ClassCalendar
    {
        private readonly DiaryData _data;
        private readonly SchoolYear _year;
        private readonly Guid _classId;
        private readonly List<TimetableEntry> _timetable;
        private readonly bool _saturdayLessons;
        private readonly Dictionary<(Guid SubjectId, Guid? GroupId), List<PriorLesson>> _pages;
        private readonly ILookup<DateOnly, Lesson> _lessonsByDate;
        private readonly Dictionary<DateOnly, ClassDayTemplate> _days = [];

        public ClassCalendar(DiaryData data, SchoolClass cls)
        {
            _data = data;
            _year = data.Years[cls.SchoolYearId];
            _classId = cls.Id;
            Name = cls.Name.ToString();
            _timetable = data.Timetable[cls.Id].ToList();
            _saturdayLessons = _timetable.Any(t => t.Day == DayOfWeek.Saturday);
            var lessons = data.Lessons[cls.Id].ToList();
            _lessonsByDate = lessons.ToLookup(l => l.Date);
            // Each page's lessons in order: its last one before the loaded days, then those of the days.
            _pages = data.PriorLessons[cls.Id].Concat(lessons.Select(PriorLesson.Of))
                .GroupBy(l => (l.SubjectId, l.GroupId))
                .ToDictionary(g => g.Key, g => g.OrderBy(l => l.Date).ThenBy(l => l.Slot).ToList());
        }

        public string Name { get; }

        public ClassDayTemplate Day(DateOnly date)
        {
            if (_days.TryGetValue(date, out var day)) return day;
            var isSchoolDay = SchoolCalendar.IsSchoolDay(_year, date, _saturdayLessons);
            var lessons = _lessonsByDate[date].OrderBy(l => l.Slot).ThenBy(l => _data.PageTitle(l.SubjectId, l.GroupId), StringComparer.Ordinal)
                .Select(l => new DiaryLesson(l.Id, l.Slot, Bell(l.Slot)?.Starts, Bell(l.Slot)?.Ends, l.SubjectId, l.GroupId,
                    _data.PageTitle(l.SubjectId, l.GroupId), l.Topic, l.ThemeTitle, l.Homework, l.SubstituteNote, [], null))
                .ToList();
            var timetable = isSchoolDay ? Slots(date) : [];
            var next = SchoolCalendar.NextSchoolDay(_year, date, _saturdayLessons);
            var nextSlots = next is { } n ? Slots(n) : [];
            day = new ClassDayTemplate(isSchoolDay, lessons, HomeworkDueOn(date, timetable.Where(s => s.IsHeld).ToList(), lessons), timetable, next,
                nextSlots, isSchoolDay ? Notices(date) : [], next is { } m ? Notices(m) : [],
                next is { } due ? HomeworkDueOn(due, nextSlots.Where(s => s.IsHeld).ToList(), []) : []);
            _days[date] = day;
            return day;
        }

        /// <summary>The day's lessons by the weekly timetable with the day's changes (substitutions, cancelled and moved lessons, alerts).</summary>
        private List<TimetableSlot> Slots(DateOnly date) =>
            Plan(date).Lessons
                .Select(l => new TimetableSlot(l.Number, Bell(l.Number)?.Starts, Bell(l.Number)?.Ends, l.SubjectId, l.GroupId,
                    _data.PageTitle(l.SubjectId, l.GroupId), DayChangeText.Note(l, date, id => _data.ChangeTeachers.GetValueOrDefault(id)), l.IsHeld))
                .OrderBy(s => s.Number).ThenBy(s => s.IsHeld ? 1 : 0).ThenBy(s => s.PageTitle, StringComparer.Ordinal)
                .ToList();

        private List<string> Notices(DateOnly date) => Plan(date).DayWide.Select(DayChangeText.DayNote).ToList();

        private DayPlan Plan(DateOnly date) => DayPlan.Of(_classId, date, _timetable, _data.Changes);

        /// <summary>
        /// Homework is due by the next lesson of its subject: for every page with a lesson on the day (by the
        /// timetable, or held), the homework of that page's previous lesson.
        /// </summary>
        private List<HomeworkDue> HomeworkDueOn(DateOnly date, List<TimetableSlot> timetable, List<DiaryLesson> held)
        {
            var pages = timetable.Select(s => (s.SubjectId, s.GroupId)).Concat(held.Select(l => (l.SubjectId, l.GroupId))).Distinct();
            var due = new List<HomeworkDue>();
            foreach (var page in pages)
            {
                if (!_pages.TryGetValue(page, out var history)) continue;
                var previous = history.LastOrDefault(l => l.Date < date);
                if (previous?.Homework is not { } homework) continue;
                due.Add(new HomeworkDue(page.SubjectId, page.GroupId, _data.PageTitle(page.SubjectId, page.GroupId), previous.Date, previous.Id,
                    homework, previous.SubstituteNote));
            }

            return due; // in the order of the day's timetable
        }

        private BellSlot? Bell(int number) => _data.Bells.GetValueOrDefault(number);
    }
}
