using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Tests.Builders;

namespace Bot.Tests.Notifications;

/// <summary>
/// The homework notice through Bot.Host and the fake Telegram server names the child, and a family gets one notice
/// for its children on the page: a parent of two in one class is told once, with both names.
/// </summary>
public sealed class HomeworkNoticeDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10); // passed by moving the host's clock
    private DeliveryHost _h = null!;
    private TestSchool S => _h.S;

    public async Task InitializeAsync() => _h = await DeliveryHost.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ParentsOfTwoInOneClass_GetOneNotice_NamingBothChildren()
    {
        await using (var db = _h.Db())
        {
            var sister = new Student(S.School.Id, "Іваненко", "Марія");
            db.Add(sister);
            db.Add(new Enrolment(S.School.Id, sister.Id, S.Class7A.Id, S.Year.Semester1Start, 0, false));
            db.Add(new GuardianStudent(S.IvanenkoMother.Id, sister.Id, "мати"));
            db.Add(new GuardianStudent(S.IvanenkoFather.Id, sister.Id, "батько"));
            await db.SaveChangesAsync();
        }

        var mother = await _h.LinkAsync(S.IvanenkoMother, 730001);
        var father = await _h.LinkAsync(S.IvanenkoFather, 730002);
        await _h.StartAsync();
        await using (var db = _h.Db())
            (await S.Journal(db, Window).RecordLessonAsync(S.As(S.AlgebraTeacher),
                new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 2, "Рівняння", Homework: "№ 301, 302"))).GetValueOrThrow();

        await _h.AdvanceAsync(Window + TimeSpan.FromSeconds(1));
        const string Expected = "Іваненко Марія та Іваненко Олег: домашнє завдання з алгебри (20.11)\n№ 301, 302";
        Assert.Equal(Expected, Assert.Single(_h.Telegram.MessagesTo(mother)).PlainText);
        Assert.Equal(Expected, Assert.Single(_h.Telegram.MessagesTo(father)).PlainText);
        var rows = await _h.RowsAsync(NotificationKind.HomeworkNotice);
        Assert.Equal(2, rows.Count); // one per parent, not one per parent and child
    }
}
