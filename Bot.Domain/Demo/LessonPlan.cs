using Bot.Domain.Roster;

namespace Bot.Domain.Demo;

/// <summary>What kind of lesson it is, which decides how many students get marks and of what kind of work.</summary>
internal enum LessonKind
{
    Regular,
    Review,
    Independent,
    Laboratory,
    Practical,
    Control,

    /// <summary>The closing lesson of a theme in grades 1–2, or of an optional course.</summary>
    Summary,
}

/// <summary>One lesson as the teacher writes it (J-6): its topic, the theme's title on the theme's first lesson.</summary>
internal sealed record LessonPlan(string Topic, string? ThemeTitle, LessonKind Kind, bool EndsTheme)
{
    /// <summary>The label of the marks of this lesson for the thematic mark (M-5); null for ordinary current marks.</summary>
    public string? WorkKind(SubjectSpec subject) => Kind switch
    {
        LessonKind.Control => subject.Key switch
        {
            "pe" => "нормативи",
            "art" or "techn" or "trud" => "творча робота",
            _ => "контрольна",
        },
        LessonKind.Independent => "самостійна",
        LessonKind.Laboratory => "лабораторна",
        LessonKind.Practical => "практична",
        _ => null,
    };
}

/// <summary>
/// A page's way through its programme: themes one after another (6–10 lessons, longer for subjects of many hours),
/// each opening with its title and closing with a test (or a summary lesson in grades 1–2); a review before the
/// test; an independent, laboratory or practical work in the middle where the subject has them.
/// </summary>
internal sealed class ThemeCursor(DemoPage page, DemoRandom random)
{
    private readonly IReadOnlyList<ThemeSpec> _themes = TopicBank.ThemesFor(page.Subject.Spec.Key, page.Class.Grade);
    private int _index = -1;
    private int _length;
    private int _position;
    private int _works;

    public ThemeSpec Theme { get; private set; } = null!;

    /// <summary>The theme's title; "Повторення вивченого" themes come after the programme runs out.</summary>
    public string Title { get; private set; } = "";

    public LessonPlan Next()
    {
        if (_index < 0 || _position == _length) Open();
        _position++;
        var kind = KindAt(_position);
        var topic = TopicAt(_position, kind);
        return new LessonPlan(topic, _position == 1 ? Title : null, kind, _position == _length);
    }

    private void Open()
    {
        _index++;
        Theme = _themes[_index % _themes.Count];
        Title = _index < _themes.Count ? Theme.Title : $"Повторення вивченого: {Theme.Title}";
        _length = random.Between(6, 10) + (page.Hours >= 4 ? random.Between(3, 7) : 0);
        _position = 0;
    }

    private string Key => page.Subject.Spec.Key;
    private int Grade => page.Class.Grade;

    private LessonKind KindAt(int position)
    {
        if (page.Subject.Spec.Kind == SubjectKind.Optional || Grade <= 2)
            return position == _length ? LessonKind.Summary : LessonKind.Regular;
        if (position == _length) return LessonKind.Control;
        if (position == _length - 1 && _length >= 6) return LessonKind.Review;
        if (position == 3 && Grade >= 5 && Key is "phys" or "chem" or "bio" or "nature") return LessonKind.Laboratory;
        if (position == 3 && Grade >= 5 && Key is "geo" or "inf" or "trud" or "techn" or "health" or "fin" or "def") return LessonKind.Practical;
        if (position == _length / 2 + 1 && Key is "ukr" or "math" or "alg" or "geom" or "phys" or "chem" or "eng" or "ger") return LessonKind.Independent;
        return LessonKind.Regular;
    }

    private string TopicAt(int position, LessonKind kind)
    {
        var topics = Theme.Topics;
        var topic = topics[(position - 1) % topics.Count];
        var safety = Key is "inf" or "trud" or "techn" or "def" or "pe" ? ". Інструктаж з БЖД" : "";
        return kind switch
        {
            LessonKind.Control => ControlTopic(),
            LessonKind.Summary when page.Subject.Spec.Kind == SubjectKind.Optional => $"Підсумкове заняття: {Title}",
            LessonKind.Summary => $"Підсумковий урок з теми «{Title}»",
            LessonKind.Review => $"Узагальнення і систематизація знань з теми «{Title}»",
            LessonKind.Independent => $"{topic}. Самостійна робота",
            LessonKind.Laboratory => $"Лабораторна робота № {++_works}. {topic}. Інструктаж з БЖД",
            LessonKind.Practical => $"Практична робота № {++_works}. {topic}{safety}",
            _ when position == 1 && Key == "pe" && !topic.StartsWith("Інструктаж", StringComparison.Ordinal) => $"Інструктаж з БЖД. {topic}",
            _ when position <= topics.Count => topic,
            _ => Practice(topic, (position - 1) / topics.Count),
        };
    }

    // The second and later lessons on a topic: practice, then consolidation.
    private string Practice(string topic, int round) => (Key, round) switch
    {
        ("math" or "alg" or "geom" or "phys" or "chem", 1) => $"Розвʼязування задач. {topic}",
        ("ukr" or "eng" or "ger", 1) => $"Виконання вправ. {topic}",
        ("read" or "ukrlit" or "zar", 1) => $"{topic}. Виразне читання",
        ("read" or "ukrlit" or "zar", _) => $"{topic}. Робота з текстом",
        ("pe", 1) => $"{topic}. Вдосконалення техніки",
        ("pe", _) => $"{topic}. Навчальна гра",
        (_, 1) => $"{topic}. Закріплення",
        _ => $"{topic}. Повторення",
    };

    private string ControlTopic() => Key switch
    {
        "ukr" when Grade >= 5 && _index % 2 == 1 => "Контрольна робота. Диктант",
        "pe" => $"Підсумковий урок з теми «{Title}». Контрольні нормативи",
        "art" => $"Підсумковий урок з теми «{Title}». Творча робота",
        "techn" or "trud" or "dt" => $"Захист проєкту з теми «{Title}»",
        _ => $"Контрольна робота з теми «{Title}»",
    };
}
