using Bot.Domain.Text;

namespace Bot.Domain.Grading;

/// <summary>
/// The typical groups of learning outcomes of the common НУШ subjects of grades 5–9 (N-6): Ukrainian language's four as
/// the model programme has them (paraphrased), the rest short titles from the educational fields of the Standard
/// (Cabinet resolution № 898) — second-hand, so a school edits them. Subjects are matched by name (<see cref="UkrainianText.SearchKey"/>).
/// </summary>
public static class ResultGroupCatalogue
{
    private static readonly string[] Ukrainian =
    [
        "Усна взаємодія та робота з інформацією",
        "Сприймання, аналіз, інтерпретація та оцінювання текстів",
        "Письмове висловлювання та взаємодія",
        "Дослідження мовлення, мовна творчість",
    ];

    private static readonly string[] Literature =
    [
        "Сприймання та розуміння художнього тексту",
        "Аналіз та інтерпретація художнього твору",
        "Власне висловлювання про прочитане, літературна творчість",
        "Робота з інформацією, читацька культура",
    ];

    private static readonly string[] Foreign = ["Аудіювання", "Говоріння", "Читання", "Письмо"];

    private static readonly string[] Mathematics =
    [
        "Дослідження ситуацій і виявлення проблем, які розвʼязують математичними методами",
        "Моделювання процесів і ситуацій, розвʼязування задач",
        "Критичне оцінювання даних, процесу та результату розвʼязання",
    ];

    private static readonly string[] Sciences =
    [
        "Пізнання природи: спостереження, дослідження, експеримент",
        "Робота з природничою інформацією",
        "Усвідомлення закономірностей природи, відповідальне природокористування",
    ];

    private static readonly string[] History =
    [
        "Знання та розуміння подій, явищ, процесів (хронологія, простір)",
        "Робота з історичними джерелами та інформацією",
        "Критичне мислення, висловлення та обґрунтування власної позиції",
    ];

    private static readonly string[] Health =
    [
        "Безпека: розпізнавання небезпек і дії в них",
        "Здоровʼя та здоровий спосіб життя",
        "Добробут, взаємодія та відповідальна поведінка",
    ];

    private static readonly string[] PhysicalEducation =
    [
        "Рухова активність і фізичні вправи",
        "Розвиток фізичних якостей",
        "Безпека, знання про фізичну культуру, співпраця в грі",
    ];

    private static readonly string[] Arts =
    [
        "Пізнання мистецтва: сприймання творів",
        "Художньо-практична діяльність, творчість",
        "Інтерпретація, оцінювання та вплив мистецтва",
    ];

    private static readonly string[] Informatics =
    [
        "Робота з інформацією та даними",
        "Алгоритми та програмування",
        "Цифрові пристрої та технології, створення інформаційних продуктів",
        "Безпечна та відповідальна діяльність у цифровому середовищі",
    ];

    private static readonly string[] Technologies =
    [
        "Проєктування виробу",
        "Технологічна діяльність: виготовлення виробу",
        "Застосування технологій у побуті та самообслуговування",
        "Безпека праці, оцінювання та презентація результату",
    ];

    private static readonly Dictionary<string, string[]> BySubject = new[]
    {
        ("Українська мова", Ukrainian),
        ("Українська література", Literature), ("Зарубіжна література", Literature),
        ("Англійська мова", Foreign), ("Німецька мова", Foreign), ("Французька мова", Foreign), ("Іспанська мова", Foreign),
        ("Польська мова", Foreign), ("Іноземна мова", Foreign),
        ("Математика", Mathematics), ("Алгебра", Mathematics), ("Геометрія", Mathematics),
        ("Пізнаємо природу", Sciences), ("Природничі науки", Sciences), ("Природознавство", Sciences),
        ("Біологія", Sciences), ("Фізика", Sciences), ("Хімія", Sciences), ("Географія", Sciences),
        ("Історія України", History), ("Всесвітня історія", History), ("Вступ до історії України та громадянської освіти", History),
        ("Громадянська освіта", History), ("Досліджуємо історію і суспільство", History),
        ("Здоровʼя, безпека та добробут", Health), ("Основи здоровʼя", Health),
        ("Фізична культура", PhysicalEducation),
        ("Мистецтво", Arts), ("Музичне мистецтво", Arts), ("Образотворче мистецтво", Arts),
        ("Інформатика", Informatics),
        ("Технології", Technologies), ("Трудове навчання", Technologies),
    }.ToDictionary(p => UkrainianText.SearchKey(p.Item1), p => p.Item2);

    /// <summary>The typical groups of a subject by its name, "ГР1"…; empty for a subject the catalogue does not know.</summary>
    public static IReadOnlyList<(string Code, string Title)> For(string subjectName) =>
        BySubject.TryGetValue(UkrainianText.SearchKey(subjectName), out var titles)
            ? titles.Select((t, i) => (CodeOf(i + 1), t)).ToList()
            : [];

    /// <summary>The typical groups of a subject as new rows of a year (none for optional courses, J-10, and unknown subjects).</summary>
    internal static List<ResultGroup> NewRows(Guid schoolId, Guid yearId, Roster.Subject subject) =>
        subject.Kind == Roster.SubjectKind.Optional
            ? []
            : For(subject.Name).Select((d, i) => new ResultGroup(schoolId, yearId, subject.Id, i + 1, d.Code, d.Title)).ToList();

    /// <summary>"ГР1" for the first group.</summary>
    public static string CodeOf(int number) => $"ГР{number}";
}
