using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Roster.Import;

/// <summary>A guardian as one cell "Прізвище Ім'я По батькові" plus phone and relation.</summary>
public sealed record ImportGuardian(string LastName, string FirstName, string? MiddleName, string? Phone, string Relation)
{
    public string FullName => MiddleName is null ? $"{LastName} {FirstName}" : $"{LastName} {FirstName} {MiddleName}";
}

/// <summary>One good row of a roster file: a student of a class, and one of their guardians (or none).</summary>
public sealed record ImportRow(int Line, ClassName Class, string LastName, string FirstName, string? MiddleName, DateOnly BirthDate, Sex? Sex,
    ImportGuardian? Guardian)
{
    public string StudentName => MiddleName is null ? $"{LastName} {FirstName}" : $"{LastName} {FirstName} {MiddleName}";
}

/// <summary>A row that cannot be imported, and every reason why, in Ukrainian.</summary>
public sealed record ImportProblem(int Line, string Who, IReadOnlyList<string> Reasons)
{
    public string Describe() => $"Рядок {Line}{(Who.Length > 0 ? $" ({Who})" : "")}: {string.Join("; ", Reasons)}.";
}

/// <summary>Turns a row of text into an <see cref="ImportRow"/>, or lists what is wrong with it.</summary>
public static class ImportRowParser
{
    private static readonly string[] DateFormats = ["dd.MM.yyyy", "d.M.yyyy", "dd.MM.yy"];

    public static (ImportRow? Row, ImportProblem? Problem) Parse(RosterFileRow raw, DateOnly today)
    {
        var reasons = new List<string>();
        var className = ClassName.Parse(raw[RosterColumns.Class]);
        if (!className.IsSuccess) reasons.Add(raw[RosterColumns.Class].Length == 0 ? "не вказано клас" : className.Error.Message.TrimEnd('.'));

        // A name of only invisible characters (a zero-width space from a copied cell) is no name.
        var last = VisibleText.Normalize(raw[RosterColumns.LastName]);
        var first = VisibleText.Normalize(raw[RosterColumns.FirstName]);
        var middle = VisibleText.Normalize(raw[RosterColumns.MiddleName]);
        if (last.Length == 0) reasons.Add("не вказано прізвище");
        if (first.Length == 0) reasons.Add("не вказано ім'я");
        if (last.Length > 100 || first.Length > 100 || middle.Length > 100) reasons.Add("ім'я, прізвище чи по батькові довші за 100 символів");

        var birthText = raw[RosterColumns.BirthDate];
        DateOnly birth = default;
        if (birthText.Length == 0) reasons.Add("не вказано дату народження");
        else if (!DateOnly.TryParseExact(birthText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out birth))
            reasons.Add($"дата народження «{birthText}» — не дата у форматі дд.мм.рррр");
        else if (birth > today.AddYears(-4) || birth < today.AddYears(-25))
            reasons.Add($"дата народження {birth:dd.MM.yyyy} не схожа на дату народження учня");

        var sex = ParseSex(raw[RosterColumns.Sex], reasons);
        var guardian = ParseGuardian(raw, reasons);
        var who = $"{last} {first}".Trim();
        if (reasons.Count > 0) return (null, new ImportProblem(raw.Line, who, reasons));
        return (new ImportRow(raw.Line, className.Value, last, first, middle.Length == 0 ? null : middle, birth, sex, guardian), null);
    }

    private static Sex? ParseSex(string text, List<string> reasons)
    {
        switch (text.Trim().TrimEnd('.').ToLowerInvariant())
        {
            case "": return null;
            case "ч" or "чол" or "чоловіча" or "чоловік" or "м" or "хлопець": return Sex.Male;
            case "ж" or "жін" or "жіноча" or "жінка" or "дівчина": return Sex.Female;
            default:
                reasons.Add($"стать «{text}» — напишіть «ч» або «ж»");
                return null;
        }
    }

    private static ImportGuardian? ParseGuardian(RosterFileRow raw, List<string> reasons)
    {
        var name = VisibleText.Normalize(raw[RosterColumns.Guardian]);
        var phoneText = raw[RosterColumns.Phone];
        var relation = raw[RosterColumns.Relation].Trim().ToLowerInvariant();
        if (name.Length == 0)
        {
            if (phoneText.Length > 0 || relation.Length > 0) reasons.Add("є телефон чи спорідненість, але не вказано батьків (ПІБ)");
            return null;
        }

        var parts = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) reasons.Add($"батьки «{name}» — потрібні прізвище та ім'я");
        if (parts.Length > 3) reasons.Add($"батьки «{name}» — очікується «Прізвище Ім'я По батькові»");
        string? phone = null;
        if (phoneText.Length > 0)
        {
            var parsed = PhoneNumber.Parse(phoneText);
            if (parsed.IsSuccess) phone = parsed.Value;
            else reasons.Add($"телефон «{phoneText}» — не номер телефону (приклад: +380671234567)");
        }

        if (relation.Length == 0) reasons.Add("не вказано ступінь спорідненості (мати, батько, опікун…)");
        else if (relation.Length > 40) reasons.Add("ступінь спорідненості довший за 40 символів");
        if (parts.Length is < 2 or > 3) return null;
        return new ImportGuardian(parts[0], parts[1], parts.Length == 3 ? parts[2] : null, phone, relation);
    }
}
