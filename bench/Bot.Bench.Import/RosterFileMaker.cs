using System.Globalization;
using System.Text;
using Bot.Domain.Roster.Import;

namespace Bot.Bench.Import;

/// <summary>
/// A school's roster file as a school would export it from its old system: N students in classes of 30 (grades 1–11,
/// letters А, Б, В, …), each with one or two guardians (about 1.7 on average), one row per student × guardian.
/// Deterministic: the same N gives the same file.
/// </summary>
public static class RosterFileMaker
{
    private static readonly string[] Surnames =
        ["Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Шевчук", "Поліщук", "Бойко", "Мельник", "Савченко", "Лисенко", "Руденко",
         "Марченко", "Петренко", "Іваненко", "Гончаренко", "Мороз", "Ковальчук", "Кравчук", "Павленко", "Литвиненко", "Гаврилюк", "Ярошенко", "Ґудзь"];
    private static readonly string[] Boys = ["Олександр", "Андрій", "Максим", "Дмитро", "Іван", "Богдан", "Тарас", "Назар", "Ярослав", "Остап", "Євген", "Їжак"];
    private static readonly string[] Girls = ["Софія", "Анна", "Марія", "Вікторія", "Дарина", "Олена", "Ірина", "Юлія", "Христина", "Єва", "Катерина", "Соломія"];
    private static readonly string[] Fathers = ["Петрович", "Іванович", "Андрійович", "Олегович", "Миколайович", "Васильович"];
    private static readonly string[] Mothers = ["Петрівна", "Іванівна", "Андріївна", "Олегівна", "Миколаївна", "Василівна"];
    private static readonly string[] Letters = ["А", "Б", "В", "Г", "Д", "Е", "Є", "Ж"];

    public const int StudentsPerClass = 30;

    public static (string Csv, int Rows) Make(int students, int seed = 2026)
    {
        var random = new Random(seed);
        var text = new StringBuilder(string.Join(';', RosterColumns.All)).Append("\r\n");
        var rows = 0;
        var classes = (int)Math.Ceiling(students / (double)StudentsPerClass);
        for (var i = 0; i < students; i++)
        {
            var classIndex = i % classes;
            var grade = classIndex % 11 + 1;
            var letter = Letters[classIndex / 11 % Letters.Length];
            var girl = random.Next(2) == 0;
            var surname = Surnames[random.Next(Surnames.Length)];
            var first = girl ? Girls[random.Next(Girls.Length)] : Boys[random.Next(Boys.Length)];
            var fatherName = Boys[random.Next(Boys.Length)];
            var middle = girl ? Mothers[random.Next(Mothers.Length)] : Fathers[random.Next(Fathers.Length)];
            var birth = new DateOnly(2026 - 6 - grade, 9, 1).AddDays(random.Next(365) + i % 7);
            string Row(string guardian, string phone, string relation) => string.Join(';', $"{grade}-{letter}", surname, first, middle,
                birth.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), girl ? "ж" : "ч", guardian, phone, relation);

            var mother = $"{surname} {Girls[random.Next(Girls.Length)]} {Mothers[random.Next(Mothers.Length)]}";
            text.Append(Row(mother, $"+38067{1000000 + i * 7 % 9000000:D7}", "мати")).Append("\r\n");
            rows++;
            if (random.NextDouble() < 0.7)
            {
                text.Append(Row($"{surname} {fatherName} {Fathers[random.Next(Fathers.Length)]}", $"0{50 + random.Next(49)}{random.Next(1000000, 9999999)}", "батько"))
                    .Append("\r\n");
                rows++;
            }
        }

        return (text.ToString(), rows);
    }
}
