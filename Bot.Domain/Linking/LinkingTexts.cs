using Bot.Domain.Roster;

namespace Bot.Domain.Linking;

/// <summary>The Ukrainian texts of linking: refusals, and the greeting after a code is accepted.</summary>
public static class LinkingTexts
{
    /// <summary>One answer for unknown, expired, revoked and already spent codes: a guesser learns nothing.</summary>
    public const string InvalidCode =
        "Код не підходить: такого коду немає, строк його дії минув або його вже використано. " +
        "Перевірте код або попросіть новий у класного керівника.";

    public const string TooManyAttempts =
        "Забагато невдалих спроб. Спробуйте через годину або зверніться до класного керівника.";

    public static readonly DomainError NoRights =
        new("auth.invites", "Запрошення створює адміністрація школи, а класний керівник — для учнів свого класу та їхніх батьків.");

    public static readonly DomainError StaffInvitesRights =
        new("auth.invites_staff", "Запрошення для працівників школи створює директор або заступник директора.");

    public static readonly DomainError Validity =
        new("invite.validity", "Строк дії запрошення має бути додатним.");

    /// <summary>The role's title in Ukrainian, for the audit trail and replies.</summary>
    public static string Title(PersonKind kind) => kind switch
    {
        PersonKind.Guardian => "батьки",
        PersonKind.Student => "учень",
        _ => "працівник школи",
    };

    /// <summary>
    /// "Вітаємо! Чат прив'язано: Іваненко Олег (7-А)." and the like for a student or a staff member. It promises nothing:
    /// what will come is said after it, computed from the outbox's rules (ADR 0035).
    /// </summary>
    public static string Greeting(ChatPersona linked)
    {
        var students = linked.DiaryStudents.Select(s => s.Display).ToList();
        if (students.Count > 0) return $"Вітаємо! Чат прив'язано до щоденника: {string.Join(", ", students)}.";
        if (linked.Staff.FirstOrDefault() is { } staff)
        {
            var roles = staff.Roles == StaffRoles.None ? "" : $", {staff.Roles.Title()}";
            return $"Вітаємо! Чат прив'язано до облікового запису: {staff.FullName} ({staff.SchoolName}{roles}).";
        }

        return "Вітаємо! Чат прив'язано, але дітей за вашим записом у школі ще немає: зверніться до класного керівника.";
    }
}
