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

    /// <summary>
    /// A class of the New Ukrainian School's basic level (НУШ, grades 5–9) by a flag the administration sets, not by its
    /// grade (N-1): its subjects are assessed by groups of learning outcomes (N-5..N-7); in 5th-grade НУШ classes
    /// notebooks never count (M-4). Primary classes follow their own scales (M-1) whatever the flag says.
    /// </summary>
    public bool IsNus { get; private set; }

    /// <summary>Whether the class's subjects are assessed by groups of learning outcomes (N-7): an НУШ class on the twelve-point scale.</summary>
    public bool AssessedByResultGroups => IsNus && Grade >= 5;

    public void SetNus(bool on) => IsNus = on;

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

    /// <summary>Every membership the group has had this year, past ones included (their <see cref="GroupMembership.To"/> set).</summary>
    public IReadOnlyCollection<GroupMembership> Members => _members;

    /// <summary>Whether the student was in the group on that day (J-5: the group's lessons of that day are theirs).</summary>
    public bool HasMember(Guid studentId, DateOnly date) => _members.Any(m => m.StudentId == studentId && m.IsOn(date));

    /// <summary>The students whose stay in the group has not ended (the list the panel shows and edits).</summary>
    public IReadOnlyList<Guid> CurrentMembers => _members.Where(m => m.IsCurrent).Select(m => m.StudentId).ToList();

    /// <summary>The students in the group on that day.</summary>
    public IEnumerable<Guid> MembersOn(DateOnly date) => _members.Where(m => m.IsOn(date)).Select(m => m.StudentId);

    /// <summary>
    /// The student is in the group from <paramref name="from"/> on (null: from the start, as a group's first list is).
    /// Already in it then: nothing changes. One stay a student per group is kept: a student who comes back after a gap
    /// is a member again from the new date (the earlier stay is forgotten; their marks of it stay on the page).
    /// </summary>
    public void Add(Guid studentId, DateOnly? from = null)
    {
        var m = _members.FirstOrDefault(x => x.StudentId == studentId);
        if (m is null) _members.Add(new GroupMembership(Id, studentId, from));
        else m.Rejoin(from);
    }

    /// <summary>
    /// The student leaves the group on <paramref name="on"/>: their stay ends the day before, and the lessons from that
    /// day on are no longer theirs — the ones before stay theirs (attendance and the journal's page keep them). A stay that
    /// had not begun by then, or a removal without a date, is taken back whole.
    /// </summary>
    public void Remove(Guid studentId, DateOnly? on = null)
    {
        var m = _members.FirstOrDefault(x => x.StudentId == studentId);
        if (m is null) return;
        if (on is { } day && (m.From is null || m.From < day)) m.EndBefore(day);
        else _members.Remove(m);
    }

    /// <summary>The page title of J-5: "Subject (I група)".</summary>
    public static string PageTitle(string subjectName, string? groupName) => groupName is null ? subjectName : $"{subjectName} ({groupName})";

    private static string RomanNumber(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };
}

/// <summary>A student's stay in a group (J-5): from <see cref="From"/> (null: the group's start) to <see cref="To"/> (null: still).</summary>
public sealed class GroupMembership
{
    private GroupMembership() { }

    internal GroupMembership(Guid groupId, Guid studentId, DateOnly? from = null)
    {
        GroupId = groupId;
        StudentId = studentId;
        From = from;
    }

    public Guid GroupId { get; private set; }
    public Guid StudentId { get; private set; }
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }

    public bool IsOn(DateOnly date) => (From is null || From <= date) && (To is null || To >= date);

    /// <summary>Whether the stay meets the days [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool Meets(DateOnly from, DateOnly to) => (From is null || From <= to) && (To is null || To >= from);

    public bool IsCurrent => To is null;

    internal void EndBefore(DateOnly day) => To = day.AddDays(-1);

    internal void Rejoin(DateOnly? from)
    {
        if (To is null && (from is null || From is null || From <= from)) return; // in the group already
        if (To is { } to && from is { } f && f <= to.AddDays(1)) { To = null; return; } // back before the stay ended: one stay again
        From = from;
        To = null;
    }
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
