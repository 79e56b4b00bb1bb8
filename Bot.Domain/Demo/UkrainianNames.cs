namespace Bot.Domain.Demo;

public enum Gender
{
    Male,
    Female,
}

/// <summary>A surname in its masculine and feminine forms: "Яворський" / "Яворська", "Коваленко" / "Коваленко".</summary>
internal sealed record Surname(string Male, string Female)
{
    public string For(Gender gender) => gender == Gender.Male ? Male : Female;
}

/// <summary>A man's first name with the patronymics it gives: "Микола" → "Миколайович" / "Миколаївна".</summary>
internal sealed record FatherName(string Name, string SonPatronymic, string DaughterPatronymic)
{
    public string PatronymicFor(Gender gender) => gender == Gender.Male ? SonPatronymic : DaughterPatronymic;
}

/// <summary>Realistic Ukrainian names: surnames with their feminine forms, first names of children and adults, patronymics.</summary>
internal static class UkrainianNames
{
    public static readonly IReadOnlyList<Surname> Surnames = Parse("""
        Коваленко Бондаренко Ткаченко Шевченко Кравченко Олійник Шевчук Мельник Бойко Коваль Поліщук Лисенко Савченко
        Руденко Марченко Петренко Мороз Павленко Гаврилюк Кузьменко Клименко Левченко Харченко Сидоренко Карпенко Швець
        Ковальчук Пономаренко Романенко Мазур Кравчук Ткачук Василенко Приходько Мартинюк Гончаренко Лук'яненко
        Литвиненко Гнатюк Бондар Іваненко Костенко Демченко Нестеренко Тарасенко Кушнір Зінченко Яковенко Дорошенко
        Білик Федоренко Кириленко Остапчук Гуменюк Дмитренко Панченко Вовк Семенюк Захарченко Головко Бабенко Тимошенко
        Власенко Антоненко Пилипенко Яременко Кучер Степаненко Юрченко Щербак Гордієнко Собко Лозинський Яворський
        Ковальський Зелінський Вишневський Стецюк Бондарчук Ярошенко Проценко Кононенко Козак Рибак Дячук Скрипник
        Кравець Коломієць Мельничук Грищенко Дзюба Савчук Назаренко Хоменко Петрів Іванів Гнатів Данилюк Климчук
        Тищенко Шаповал Дяченко Чабан Жук Гребенюк Вдовиченко Осадчий|Осадча Білоус Сорока Гладкий|Гладка
        Тимченко Сахно Вакуленко Мирошниченко Соловйов|Соловйова Гайдай Березовський Садовський Грабовський
        Максименко Оліфіренко Луценко Борисенко Ігнатенко Чорновол Паламарчук Онищенко Кулик Сагайдак Тарануха
        """);

    public static readonly IReadOnlyList<string> Boys = Words("""
        Максим Артем Олександр Дмитро Матвій Назар Іван Андрій Богдан Данило Марк Тимофій Михайло Владислав Денис
        Кирило Ярослав Євген Олексій Роман Тарас Святослав Давид Остап Захар Ілля Єгор Степан Арсеній Віктор Павло
        Юрій Олег Максиміліан Ростислав Мирослав Всеволод Лев Федір Тихон Гліб Петро Василь Нестор Орест Семен
        """);

    public static readonly IReadOnlyList<string> Girls = Words("""
        Софія Анастасія Марія Вікторія Анна Дарина Поліна Соломія Єлизавета Олександра Катерина Валерія Мілана Злата
        Ярослава Аліна Діана Вероніка Христина Юлія Ангеліна Маргарита Олена Ірина Василина Уляна Богдана Емілія
        Кароліна Ксенія Мирослава Євгенія Надія Дарія Таїсія Стефанія Мар'яна Оксана Алла Варвара Орися Зоряна Ліля
        """);

    public static readonly IReadOnlyList<string> Women = Words("""
        Олена Наталія Тетяна Оксана Ірина Світлана Людмила Галина Ольга Юлія Марина Лариса Ніна Валентина Інна Алла
        Віра Надія Катерина Ганна Любов Лілія Мар'яна Христина Антоніна Тамара Леся Зоя Вікторія Жанна Раїса
        Софія Анна Мирослава Уляна Євгенія Дарина Ярослава Богдана Роксолана
        """);

    public static readonly IReadOnlyList<FatherName> Men =
    [
        new("Олександр", "Олександрович", "Олександрівна"), new("Сергій", "Сергійович", "Сергіївна"),
        new("Андрій", "Андрійович", "Андріївна"), new("Володимир", "Володимирович", "Володимирівна"),
        new("Микола", "Миколайович", "Миколаївна"), new("Іван", "Іванович", "Іванівна"),
        new("Василь", "Васильович", "Василівна"), new("Юрій", "Юрійович", "Юріївна"),
        new("Олег", "Олегович", "Олегівна"), new("Віктор", "Вікторович", "Вікторівна"),
        new("Дмитро", "Дмитрович", "Дмитрівна"), new("Ігор", "Ігорович", "Ігорівна"),
        new("Михайло", "Михайлович", "Михайлівна"), new("Петро", "Петрович", "Петрівна"),
        new("Богдан", "Богданович", "Богданівна"), new("Роман", "Романович", "Романівна"),
        new("Тарас", "Тарасович", "Тарасівна"), new("Ярослав", "Ярославович", "Ярославівна"),
        new("Степан", "Степанович", "Степанівна"), new("Павло", "Павлович", "Павлівна"),
        new("Віталій", "Віталійович", "Віталіївна"), new("Руслан", "Русланович", "Русланівна"),
        new("Максим", "Максимович", "Максимівна"), new("Євген", "Євгенович", "Євгенівна"),
        new("Костянтин", "Костянтинович", "Костянтинівна"), new("Олексій", "Олексійович", "Олексіївна"),
        new("Анатолій", "Анатолійович", "Анатоліївна"), new("Валерій", "Валерійович", "Валеріївна"),
        new("Григорій", "Григорович", "Григорівна"), new("Леонід", "Леонідович", "Леонідівна"),
        new("Денис", "Денисович", "Денисівна"), new("Артем", "Артемович", "Артемівна"),
        new("Ілля", "Ілліч", "Іллівна"), new("Геннадій", "Геннадійович", "Геннадіївна"),
        new("Валентин", "Валентинович", "Валентинівна"), new("Святослав", "Святославович", "Святославівна"),
    ];

    /// <summary>A patronymic from a random father's name, for staff and guardians.</summary>
    public static string PatronymicFor(DemoRandom random, Gender gender) => random.Pick(Men).PatronymicFor(gender);

    public static string FirstName(DemoRandom random, Gender gender, bool adult) =>
        adult
            ? gender == Gender.Male ? random.Pick(Men).Name : random.Pick(Women)
            : random.Pick(gender == Gender.Male ? Boys : Girls);

    public static IReadOnlyList<string> Words(string text) =>
        text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // "Яворський" → "Яворська" by rule; "Осадчий|Осадча" spelled out; every other surname is the same for both.
    private static List<Surname> Parse(string text) => Words(text).Select(word =>
    {
        var parts = word.Split('|');
        if (parts.Length == 2) return new Surname(parts[0], parts[1]);
        return word.EndsWith("ський", StringComparison.Ordinal) || word.EndsWith("цький", StringComparison.Ordinal)
            ? new Surname(word, word[..^2] + "а")
            : new Surname(word, word);
    }).ToList();
}
