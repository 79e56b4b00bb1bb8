using Bot.Domain.Grading;

namespace Bot.Domain.Demo;

/// <summary>What a page's teacher keeps in mind about one student: the theme's marks and absences, the month's, the semester's.</summary>
internal sealed class StudentTrack
{
    public List<GradedWork> ThemeWorks { get; } = [];
    public int ThemeLessons { get; set; }
    public int ThemeAbsences { get; set; }
    public int MonthLessons { get; set; }
    public int MonthAbsences { get; set; }

    /// <summary>By semester 1 and 2 (index 0 unused).</summary>
    public int[] SemesterLessons { get; } = new int[3];

    public int[] SemesterAbsences { get; } = new int[3];
    public List<MarkValue>[] Thematics { get; } = [[], [], []];
    public MarkValue?[] Semesters { get; } = new MarkValue?[3];

    public int CurrentMarksInTheme => ThemeWorks.Count(w => w.Column == MarkColumn.Current);

    /// <summary>M-5: away for at least half of the theme's lessons.</summary>
    public bool MissedTheme => ThemeLessons > 0 && ThemeAbsences * 2 >= ThemeLessons;

    public bool MissedSemester(int semester) => SemesterLessons[semester] > 0 && SemesterAbsences[semester] * 2 >= SemesterLessons[semester];

    public void Held(bool absent, int semester)
    {
        ThemeLessons++;
        MonthLessons++;
        SemesterLessons[semester]++;
        if (!absent) return;
        ThemeAbsences++;
        MonthAbsences++;
        SemesterAbsences[semester]++;
    }

    public void NewTheme()
    {
        ThemeWorks.Clear();
        ThemeLessons = ThemeAbsences = 0;
    }

    public void NewMonth() => MonthLessons = MonthAbsences = 0;
}

/// <summary>The seeding's running state of one page: its programme cursor, the last lesson of the month, each student's track.</summary>
internal sealed class PageJournal(DemoPage page, DemoRandom random)
{
    private readonly Dictionary<int, StudentTrack> _tracks = [];

    public DemoPage Page { get; } = page;
    public ThemeCursor Themes { get; } = new(page, random);
    public int Lessons { get; set; }
    public DateOnly? LastLessonThisMonth { get; set; }

    public StudentTrack Track(DemoStudent student)
    {
        if (!_tracks.TryGetValue(student.Index, out var track)) _tracks[student.Index] = track = new StudentTrack();
        return track;
    }

    public void NewTheme()
    {
        foreach (var track in _tracks.Values) track.NewTheme();
    }

    public void NewMonth()
    {
        LastLessonThisMonth = null;
        foreach (var track in _tracks.Values) track.NewMonth();
    }
}
