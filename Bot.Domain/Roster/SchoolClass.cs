namespace Bot.Domain.Roster;

/// <summary>A class of one school year, "7-А": grade 1–11 and a letter.</summary>
public sealed class SchoolClass : SchoolEntity
{
    private SchoolClass() { Letter = ""; }

    public SchoolClass(Guid schoolId, Guid schoolYearId, ClassName name, bool isNus = false)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        Grade = name.Grade;
        Letter = name.Letter;
        IsNus = isNus;
    }

    public Guid SchoolYearId { get; private set; }
    public int Grade { get; private set; }
    public string Letter { get; private set; }

    /// <summary>A class of the New Ukrainian School (НУШ); in 5th-grade НУШ classes notebooks never count (M-4).</summary>
    public bool IsNus { get; private set; }

    public Guid? ClassTeacherId { get; private set; }

    public ClassName Name => new(Grade, Letter);

    public void AssignClassTeacher(Guid? staffId) => ClassTeacherId = staffId;
}

/// <summary>A group of a class for a split subject: "Англійська мова (I група)" (J-5).</summary>
public sealed class ClassGroup : SchoolEntity
{
    private readonly List<GroupMembership> _members = [];

    private ClassGroup() { Name = ""; }

    public ClassGroup(Guid schoolId, Guid classId, Guid subjectId, int number)
    {
        if (number is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(number));
        SchoolId = schoolId;
        ClassId = classId;
        SubjectId = subjectId;
        Number = number;
        Name = $"{RomanNumber(number)} група";
    }

    public Guid ClassId { get; private set; }
    public Guid SubjectId { get; private set; }
    public int Number { get; private set; }

    /// <summary>"I група", "II група".</summary>
    public string Name { get; private set; }

    public IReadOnlyCollection<GroupMembership> Members => _members;

    public void Add(Guid studentId)
    {
        if (_members.All(m => m.StudentId != studentId)) _members.Add(new GroupMembership(Id, studentId));
    }

    public void Remove(Guid studentId) => _members.RemoveAll(m => m.StudentId == studentId);

    /// <summary>The page title of J-5: "Subject (I група)".</summary>
    public static string PageTitle(string subjectName, string? groupName) => groupName is null ? subjectName : $"{subjectName} ({groupName})";

    private static string RomanNumber(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };
}

public sealed class GroupMembership
{
    private GroupMembership() { }

    internal GroupMembership(Guid groupId, Guid studentId)
    {
        GroupId = groupId;
        StudentId = studentId;
    }

    public Guid GroupId { get; private set; }
    public Guid StudentId { get; private set; }
}

/// <summary>
/// A student's stay in a class: from the day they arrive to the day they leave (J-4). A student who arrives
/// mid-year is added at the end of the list: <see cref="ListPosition"/> keeps the order of arrival for them.
/// </summary>
public sealed class Enrolment : SchoolEntity
{
    private Enrolment() { }

    public Enrolment(Guid schoolId, Guid studentId, Guid classId, DateOnly from, int listPosition, bool arrivedMidYear)
    {
        SchoolId = schoolId;
        StudentId = studentId;
        ClassId = classId;
        From = from;
        ListPosition = listPosition;
        ArrivedMidYear = arrivedMidYear;
    }

    public Guid StudentId { get; private set; }
    public Guid ClassId { get; private set; }
    public DateOnly From { get; private set; }

    /// <summary>The last day in the class; null while the student stays.</summary>
    public DateOnly? To { get; private set; }

    /// <summary>0 for the students of the class list at the start of the year (sorted alphabetically); 1, 2, ... for later arrivals.</summary>
    public int ListPosition { get; private set; }

    public bool ArrivedMidYear { get; private set; }

    public bool IsActiveOn(DateOnly date) => From <= date && (To is null || To >= date);

    public void Leave(DateOnly lastDay)
    {
        if (lastDay < From) throw new DomainException(new DomainError("enrolment.dates", "Дата вибуття не може бути раніше дати зарахування."));
        To = lastDay;
    }
}
