using Bot.Domain.Text;

namespace Bot.Domain.Roster;

/// <summary>A named person of the school: full surname and first name as in the school database (J-4).</summary>
public abstract class Person : SchoolEntity
{
    protected Person() { LastName = FirstName = SortKey = SearchKey = ""; }

    protected Person(Guid schoolId, string lastName, string firstName, string? middleName)
    {
        SchoolId = schoolId;
        LastName = FirstName = SortKey = SearchKey = "";
        Rename(lastName, firstName, middleName);
    }

    public string LastName { get; private set; }
    public string FirstName { get; private set; }
    public string? MiddleName { get; private set; }

    /// <summary>Ordinal order of this key is Ukrainian alphabetical order of "Surname FirstName".</summary>
    public string SortKey { get; private set; }

    /// <summary>Lower-cased, apostrophe- and look-alike-normalised "surname firstname" for prefix search.</summary>
    public string SearchKey { get; private set; }

    public string FullName => MiddleName is null ? $"{LastName} {FirstName}" : $"{LastName} {FirstName} {MiddleName}";

    /// <summary>"Surname I. B." as written in the journal (J-9).</summary>
    public string ShortName => MiddleName is null ? $"{LastName} {FirstName[0]}." : $"{LastName} {FirstName[0]}. {MiddleName[0]}.";

    public void Rename(string lastName, string firstName, string? middleName)
    {
        if (VisibleText.IsBlank(lastName) || VisibleText.IsBlank(firstName))
            throw new DomainException(new DomainError("person.name", "Потрібні прізвище та ім'я."));
        LastName = UkrainianText.NormalizeApostrophe(VisibleText.Normalize(lastName));
        FirstName = UkrainianText.NormalizeApostrophe(VisibleText.Normalize(firstName));
        MiddleName = VisibleText.IsBlank(middleName) ? null : UkrainianText.NormalizeApostrophe(VisibleText.Normalize(middleName));
        SortKey = UkrainianText.SortKey($"{LastName} {FirstName} {MiddleName}".TrimEnd());
        SearchKey = UkrainianText.SearchKey($"{LastName} {FirstName}");
    }
}

public enum StudyMode
{
    Regular,

    /// <summary>Individual study (patronage, external, home study): no absences recorded, only final marks (M-12).</summary>
    Individual,
}

/// <summary>A student's sex as the school database records it ("Стать": ч / ж).</summary>
public enum Sex
{
    Male,
    Female,
}

public sealed class Student : Person
{
    private Student() { }

    public Student(Guid schoolId, string lastName, string firstName, string? middleName = null, DateOnly? birthDate = null, Sex? sex = null)
        : base(schoolId, lastName, firstName, middleName)
    {
        BirthDate = birthDate;
        Sex = sex;
    }

    public DateOnly? BirthDate { get; private set; }
    public Sex? Sex { get; private set; }
    public StudyMode StudyMode { get; private set; }

    public void SetStudyMode(StudyMode mode) => StudyMode = mode;

    /// <summary>
    /// N-12: the day the administration marked the student as arrived displaced without first-semester records: in the school
    /// year holding this day the annual mark may be given from the second semester alone. Null: not marked.
    /// </summary>
    public DateOnly? AnnualFromSemester2Since { get; private set; }

    /// <summary>The administration's note for <see cref="AnnualFromSemester2Since"/> ("ВПО з Бахмута, особова справа без оцінок за І семестр").</summary>
    public string? AnnualFromSemester2Note { get; private set; }

    public const int MaxAnnualFromSemester2NoteLength = 300;

    /// <summary>Marks (or, with null, unmarks) the student for the annual mark from semester II (N-12).</summary>
    public void SetAnnualFromSemester2(DateOnly? since, string? note)
    {
        AnnualFromSemester2Since = since;
        AnnualFromSemester2Note = since is null || string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    /// <summary>Whether the mark applies in the year from <paramref name="starts"/> to <paramref name="ends"/>.</summary>
    public bool AnnualFromSemester2In(DateOnly starts, DateOnly ends) => AnnualFromSemester2Since is { } d && d >= starts && d <= ends;

    public void SetSex(Sex? sex) => Sex = sex;
}

public sealed class Guardian : Person
{
    private Guardian() { }

    public Guardian(Guid schoolId, string lastName, string firstName, string? middleName = null, string? phone = null)
        : base(schoolId, lastName, firstName, middleName) => Phone = phone;

    public string? Phone { get; private set; }

    /// <summary>Sets the phone, already normalised by <see cref="PhoneNumber.Parse"/> (or none).</summary>
    public void ChangePhone(string? phone) => Phone = string.IsNullOrWhiteSpace(phone) ? null : phone;
}

/// <summary>A guardian's link to one of their children.</summary>
public sealed class GuardianStudent
{
    private GuardianStudent() { Relation = ""; }

    public GuardianStudent(Guid guardianId, Guid studentId, string relation)
    {
        GuardianId = guardianId;
        StudentId = studentId;
        Relation = relation;
    }

    public Guid GuardianId { get; private set; }
    public Guid StudentId { get; private set; }

    /// <summary>"мати", "батько", "опікун", ...</summary>
    public string Relation { get; private set; }

    public void ChangeRelation(string relation) => Relation = relation;
}

/// <summary>
/// A guardian's consent to the processing of personal data for the journal (seed 002, 3.2): when it was given and who
/// recorded it — a staff member (<see cref="RecordedById"/>, from the paper the guardian signed), or the guardian themself
/// in the chat (<see cref="GivenIn"/>: the messenger they answered in, and <see cref="TextVersion"/>: the version of the
/// school's consent text they were shown, ADR 0035).
/// </summary>
public sealed class Consent : SchoolEntity
{
    private Consent() { }

    public Consent(Guid schoolId, Guid guardianId, DateOnly givenOn, Guid recordedById, DateTime recordedAtUtc)
    {
        SchoolId = schoolId;
        GuardianId = guardianId;
        GivenOn = givenOn;
        RecordedById = recordedById;
        RecordedAtUtc = recordedAtUtc;
    }

    /// <summary>The guardian's own "Погоджуюсь" in a chat, to the text of <paramref name="textVersion"/>.</summary>
    public static Consent InChat(Guid schoolId, Guid guardianId, DateOnly givenOn, DateTime atUtc, Audit.Channel channel, int textVersion) =>
        new() { SchoolId = schoolId, GuardianId = guardianId, GivenOn = givenOn, RecordedAtUtc = atUtc, GivenIn = channel, TextVersion = textVersion };

    public Guid GuardianId { get; private set; }
    public DateOnly GivenOn { get; private set; }

    /// <summary>The staff member who recorded it; null when the guardian gave it in the chat.</summary>
    public Guid? RecordedById { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }
    public DateOnly? WithdrawnOn { get; private set; }

    /// <summary>The messenger the guardian answered in; null for a consent recorded by the school.</summary>
    public Audit.Channel? GivenIn { get; private set; }

    /// <summary>The version of the school's consent text the guardian agreed to (0: the installation's standard text).</summary>
    public int? TextVersion { get; private set; }

    public bool IsInForce(DateOnly date) => GivenOn <= date && (WithdrawnOn is null || WithdrawnOn > date);

    public void Withdraw(DateOnly on) => WithdrawnOn = on;
}

/// <summary>
/// The text a school asks guardians to agree to in the chat (seed 002, 3.2), set on the panel by an administrator.
/// Versioned: an edit adds a version, so every consent given in the chat names the text its guardian saw (ADR 0035).
/// </summary>
public sealed class ConsentText : SchoolEntity
{
    public const int MaxLength = 3000;

    private ConsentText() { Text = ""; }

    public ConsentText(Guid schoolId, int version, string text, Guid? createdById, DateTime createdAtUtc)
    {
        SchoolId = schoolId;
        Version = version;
        Text = text;
        CreatedById = createdById;
        CreatedAtUtc = createdAtUtc;
    }

    public int Version { get; private set; }
    public string Text { get; private set; }
    public Guid? CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
}

public sealed class Staff : Person
{
    private Staff() { }

    public Staff(Guid schoolId, string lastName, string firstName, string? middleName, StaffRoles roles)
        : base(schoolId, lastName, firstName, middleName) => Roles = roles;

    public StaffRoles Roles { get; private set; }

    /// <summary>The day a staff member who left was deactivated: no sign-in, no chat links; their history stays.</summary>
    public DateOnly? DeactivatedOn { get; private set; }

    public bool IsActive => DeactivatedOn is null;

    public bool Has(StaffRoles role) => (Roles & role) == role;

    public void Deactivate(DateOnly on) => DeactivatedOn ??= on;

    public void Reactivate() => DeactivatedOn = null;

    public void SetRoles(StaffRoles roles) => Roles = roles;

    public void Grant(StaffRoles role) => Roles |= role;

    public void Revoke(StaffRoles role) => Roles &= ~role;

    /// <summary>The start of the working hours (school-local, on school days); null: the school's 8:00 (ADR 0038).</summary>
    public TimeOnly? WorkFrom { get; private set; }

    /// <summary>The end of the working hours; null: the school's 17:00.</summary>
    public TimeOnly? WorkTo { get; private set; }

    public (TimeOnly From, TimeOnly To) WorkingHours => (WorkFrom ?? Talk.WorkingHours.DefaultFrom, WorkTo ?? Talk.WorkingHours.DefaultTo);

    public void SetWorkingHours(TimeOnly from, TimeOnly to)
    {
        if (to <= from) throw new DomainException(new DomainError("staff.hours", "Кінець робочого дня має бути пізніше за початок."));
        (WorkFrom, WorkTo) = (from, to);
    }
}
