using Bot.Domain.Attendance;
using Bot.Domain.Demo;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Demo;

/// <summary>
/// The demo school seeded once for all demo tests: SQLite, seeded on Friday 20 November 2026 (the journal from
/// 1 September), then read back whole so that tests check what is stored, not what the generator meant.
/// </summary>
public sealed class DemoSchoolFixture : IAsyncLifetime
{
    public static readonly DateOnly Today = new(2026, 11, 20);

    public TestDatabase Database { get; private set; } = null!;
    public DemoSummary Summary { get; private set; } = null!;
    public School School { get; private set; } = null!;
    public SchoolYear Year { get; private set; } = null!;
    public List<SchoolClass> Classes { get; private set; } = [];
    public List<Subject> Subjects { get; private set; } = [];
    public List<Staff> Staff { get; private set; } = [];
    public List<Student> Students { get; private set; } = [];
    public List<Enrolment> Enrolments { get; private set; } = [];
    public List<ClassGroup> Groups { get; private set; } = [];
    public List<Guardian> Guardians { get; private set; } = [];
    public List<GuardianStudent> Links { get; private set; } = [];
    public List<Consent> Consents { get; private set; } = [];
    public List<TeachingAssignment> Assignments { get; private set; } = [];
    public List<TimetableEntry> Timetable { get; private set; } = [];
    public List<Lesson> Lessons { get; private set; } = [];
    public List<Mark> Marks { get; private set; } = [];
    public List<Absence> Absences { get; private set; } = [];

    public SchoolClass ClassOf(Guid id) => _classes[id];
    public Subject SubjectOf(Guid id) => _subjects[id];
    public Student StudentOf(Guid id) => _students[id];
    public Lesson? LessonOf(Guid id) => _lessons.GetValueOrDefault(id);
    public IEnumerable<Enrolment> EnrolmentsOf(Guid studentId) => _enrolments[studentId];
    public bool InGroup(Guid groupId, Guid studentId) => _members.Contains((groupId, studentId));

    private Dictionary<Guid, SchoolClass> _classes = [];
    private Dictionary<Guid, Subject> _subjects = [];
    private Dictionary<Guid, Student> _students = [];
    private Dictionary<Guid, Lesson> _lessons = [];
    private ILookup<Guid, Enrolment> _enrolments = null!;
    private ILookup<Guid, Enrolment> _enrolmentsByClass = null!;
    private HashSet<(Guid, Guid)> _members = [];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.SqliteAsync();
        await using (var db = Database.NewContext())
            Summary = await DemoSchool.SeedAsync(db, new DemoSchoolOptions { Today = Today });

        await using var read = Database.NewContext();
        School = await read.Schools.AsNoTracking().SingleAsync();
        Year = await read.SchoolYears.AsNoTracking().SingleAsync();
        Classes = await read.Classes.AsNoTracking().ToListAsync();
        Subjects = await read.Subjects.AsNoTracking().ToListAsync();
        Staff = await read.Staff.AsNoTracking().ToListAsync();
        Students = await read.Students.AsNoTracking().ToListAsync();
        Enrolments = await read.Enrolments.AsNoTracking().ToListAsync();
        Groups = await read.Groups.AsNoTracking().ToListAsync();
        Guardians = await read.Guardians.AsNoTracking().ToListAsync();
        Links = await read.GuardianStudents.AsNoTracking().ToListAsync();
        Consents = await read.Consents.AsNoTracking().ToListAsync();
        Assignments = await read.TeachingAssignments.AsNoTracking().ToListAsync();
        Timetable = await read.Timetable.AsNoTracking().ToListAsync();
        Lessons = await read.Lessons.AsNoTracking().ToListAsync();
        Marks = await read.Marks.AsNoTracking().ToListAsync();
        Absences = await read.Absences.AsNoTracking().ToListAsync();

        _classes = Classes.ToDictionary(c => c.Id);
        _subjects = Subjects.ToDictionary(s => s.Id);
        _students = Students.ToDictionary(s => s.Id);
        _lessons = Lessons.ToDictionary(l => l.Id);
        _enrolments = Enrolments.ToLookup(e => e.StudentId);
        _enrolmentsByClass = Enrolments.ToLookup(e => e.ClassId);
        _members = Groups.SelectMany(g => g.Members.Select(m => (g.Id, m.StudentId))).ToHashSet();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>The students a lesson is for: enrolled in its class that day, in its group if it has one, not on individual study .</summary>
    public IEnumerable<Student> StudentsOf(Lesson lesson) =>
        _enrolmentsByClass[lesson.ClassId].Where(e => e.IsActiveOn(lesson.Date))
            .Select(e => StudentOf(e.StudentId))
            .Where(s => s.StudyMode == StudyMode.Regular && (lesson.GroupId is not { } g || InGroup(g, s.Id)));
}

[CollectionDefinition(Name)]
public sealed class DemoSchoolCollection : ICollectionFixture<DemoSchoolFixture>
{
    public const string Name = "demo school";
}
