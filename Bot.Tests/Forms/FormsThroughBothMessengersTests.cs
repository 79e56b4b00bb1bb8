using Bot.Domain.Audit;
using Bot.Domain.Forms;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Host.Conversation.Handlers;
using Bot.Tests.Builders;
using Bot.Tests.Printing;
using Bot.Tests.Talk;
using Microsoft.EntityFrameworkCore;
using static Bot.Tests.Talk.TalkHost;

namespace Bot.Tests.Forms;

/// <summary>
/// Talking with the school (ADR 0045): through the fake Telegram and Viber servers, on Friday 20 November 2026, 10:00 in Kyiv: the
/// class teacher of 7-А asks Іваненко Олег's and Петренко Марія's families for an excursion permission (deadline Monday
/// 23.11, 18:00). Олег's mother answers «Так» in Telegram (her message is edited to show it), his father «Ні» in Viber and
/// changes it to «Так» an hour later (a short confirmation with the buttons again); forged presses are refused in words and
/// record nothing; after the deadline a press says so and changes nothing; the printable list (read back from the PDF) and the
/// CSV say who answered what and that Марія's family did not. And the announcements' leftovers: Viber's <c>seen</c> is shown as
/// "переглянуто", a child is acknowledged when any guardian acknowledged, and /ack tells the author who has not.
/// </summary>
public sealed class FormsThroughBothMessengersTests
{
    private const string ViberFather = "vIv4nenkoDad+7/q==";
    private static readonly DateTime Deadline = new(2026, 11, 23, 18, 0, 0);

    private static async Task<TalkHost> StartAsync()
    {
        var h = await TalkHost.StartAsync(TestSchool.Now);
        await using var db = h.Database.NewContext();
        var now = TestSchool.Now.UtcDateTime;
        var invite = new Invite(h.S.School.Id, PersonKind.Guardian, h.S.IvanenkoFather.Id, now, TimeSpan.FromDays(30), null);
        db.AddRange(invite, new ChatLink(h.S.School.Id, Channel.Viber, ViberFather, ViberFather, PersonKind.Guardian, h.S.IvanenkoFather.Id, invite.Id, now));
        db.Consents.Add(new Consent(h.S.School.Id, h.S.IvanenkoFather.Id, new DateOnly(2026, 9, 1), h.S.ClassTeacher.Id, now));
        // The school sends its own messages over Viber too (paid ones: its choice).
        var rules = NotificationRules.Defaults(h.S.School.Id, new NotificationDefaults());
        rules.Set(true, rules.MarkAlerts, true, true, true, rules.DiaryTime, rules.QuietFrom, rules.QuietTo, viberAlerts: true);
        db.Add(rules);
        await db.SaveChangesAsync();
        h.Viber.Viber.AddUser(ViberFather, "Петро", subscribed: true);
        return h;
    }

    [Fact]
    public async Task APermissionSlip_TwoGuardiansOfOneChildAnswerInBothMessengers_OneChanges_ALatePressIsRefused_TheListPrintsAndExports()
    {
        await using var h = await StartAsync();
        var s = h.S;
        FamilyForm form;
        await using (var db = h.Database.NewContext())
            form = (await new FormService(db, h.Clock).CreateAsync(Actor.For(s.ClassTeacher, Channel.Web), s.School.Id,
                new FormInput(s.Class7A.Id, [s.Ivanenko.Id, s.Petrenko.Id], FormKind.Permission, "Дозволяю участь моєї дитини в екскурсії до музею 12.12", null, Deadline)))
                .GetValueOrThrow();
        await h.SettledAsync();

        // Each guardian gets the form about their child, with «Так» and «Ні».
        const string Body = "Дозволяю участь моєї дитини в екскурсії до музею 12.12\n— Шевчук Н. О., класний керівник 7-А";
        var toMother = h.Telegram.MessagesTo(MotherChat).Single();
        Assert.Equal($"📝 Дозвіл · 7-А\nУчень: Іваненко Олег\n{Body}\nВідповісти можна до 23.11.2026 18:00.", toMother.PlainText);
        Assert.Equal(["Так", "Ні"], toMother.Keyboard.Single().Select(b => b.Text));
        var toFather = h.Viber.Viber.MessagesTo(ViberFather).Single();
        Assert.Equal($"📝 Дозвіл · 7-А\nУчень: Іваненко Олег\n{Body}\nВідповісти можна до 23.11.2026 18:00.", toFather.Text);
        Assert.Equal(["Так", "Ні"], toFather.Buttons.Select(b => b.Text));
        Assert.All(toFather.Buttons, b => Assert.True(b.Silent));
        Assert.StartsWith("📝 Дозвіл · 7-А\nУчень: Петренко Марія", h.Viber.Viber.MessagesTo(ViberMother).Single().Text);

        // Forged: Марія's form from Олег's mother's chat; an option the form has not. Refused, nothing recorded.
        var yes = toMother.Keyboard.Single()[0].CallbackData!;
        Assert.Equal(FormAnswerButton.NotAllowed, await h.PressAsync(MotherChat, FormAnswerButton.For(form.Id, s.Petrenko.Id, 0, "Так").Data));
        Assert.Equal(FormAnswerButton.NotAllowed, await h.PressAsync(MotherChat, yes[..^1] + "7"));
        await using (var db = h.Database.NewContext())
            Assert.False(await db.FamilyFormAnswers.AnyAsync());

        // The mother answers «Так»: her message shows it, the buttons stay to change it.
        var edited = await h.PressEditedAsync(MotherChat, yes);
        Assert.Equal($"📝 Дозвіл · 7-А\nУчень: Іваненко Олег\n{Body}\n✅ Ваша відповідь: Так (20.11 о 10:00). Змінити її можна до 23.11.2026 18:00.", edited);
        Assert.Equal(["✓ Так", "Ні"], h.Telegram.EditsTo(MotherChat)[^1].Keyboard.Single().Select(b => b.Text));
        await Bot.Fakes.FakeTelegramServer.WaitUntilAsync(() => h.Telegram.CallbackAnswers.Any(a => a.Text == "Відповідь записано"), TimeSpan.FromSeconds(20), "the press's toast");

        // The father answers «Ні» in Viber, and an hour later changes it to «Так».
        Assert.Equal("Іваненко Олег: ✅ Ваша відповідь: Ні (20.11 о 10:00). Змінити її можна до 23.11.2026 18:00.",
            await h.ViberPressAsync(ViberFather, h.ViberButton(ViberFather, "Ні")));
        Assert.Equal(["Так", "✓ Ні"], h.Viber.Viber.CurrentKeyboard(ViberFather).Select(b => b.Text));
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("Іваненко Олег: ✅ Ваша відповідь: Так (20.11 о 11:00). Змінити її можна до 23.11.2026 18:00.",
            await h.ViberPressAsync(ViberFather, h.ViberButton(ViberFather, "Так")));
        await using (var db = h.Database.NewContext())
        {
            var answers = await db.FamilyFormAnswers.OrderBy(a => a.Via).ToListAsync();
            Assert.Equal([(s.IvanenkoMother.Id, 0, Channel.Telegram, 0), (s.IvanenkoFather.Id, 0, Channel.Viber, 1)],
                answers.Select(a => (a.GuardianId, a.Option, a.Via, a.Changes)));
        }

        // After the deadline: a press says so and changes nothing, in both messengers.
        h.Clock.Advance(new DateTimeOffset(2026, 11, 23, 16, 0, 1, TimeSpan.Zero) - h.Clock.GetUtcNow());
        Assert.Equal("Термін відповіді минув (23.11.2026 18:00): відповідь не змінено.", await h.PressAsync(MotherChat, toMother.Keyboard.Single()[1].CallbackData!));
        await Bot.Fakes.FakeTelegramServer.WaitUntilAsync(() => h.Telegram.CallbackAnswers.Any(a => a.Text == FormAnswerButton.Closed), TimeSpan.FromSeconds(20), "the late press's toast");
        Assert.Equal("Термін відповіді минув (23.11.2026 18:00): відповідь не змінено.", await h.ViberPressAsync(ViberFather, h.ViberButton(ViberFather, "✓ Так")));
        await using (var db = h.Database.NewContext())
            Assert.All(await db.FamilyFormAnswers.ToListAsync(), a => Assert.Equal(0, a.Option));

        // The author's list: per child who answered what, and who did not — printed and exported.
        FormReport report;
        await using (var db = h.Database.NewContext())
            report = (await new FormService(db, h.Clock).ReportAsync(Actor.For(s.ClassTeacher, Channel.Web), s.School.Id, form.Id))!;
        Assert.Equal("Так: 1 · Ні: 0 · немає відповіді: 1", FormPrints.Totals(report));
        var pdf = Path.Combine(Path.GetTempPath(), $"form-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, FormPrints.Pdf(report, h.Clock.GetUtcNow()).Content);
        try
        {
            // Read back as one line of words (a long cell wraps inside its column).
            var text = System.Text.RegularExpressions.Regex.Replace(await InviteSheetTests.RunAsync("pdftotext", pdf, "-"), @"\s+", " ");
            Assert.Contains("Дозвіл · 7-А (2 учні)", text);
            Assert.Contains("Дозволяю участь моєї дитини в екскурсії до музею 12.12", text);
            Assert.Contains("Так: 1 · Ні: 0 · немає відповіді: 1", text);
            Assert.Contains("1 Іваненко Олег Так Іваненко Г. — Так, 20.11.2026 10:00 (Telegram); Іваненко П. — Так, 20.11.2026 11:00 (Viber)", text);
            Assert.Contains("2 Петренко Марія немає відповіді", text);
        }
        finally
        {
            File.Delete(pdf);
        }

        var csv = System.Text.Encoding.UTF8.GetString((await FormPrints.CsvAsync(report)).Content).TrimStart('\uFEFF');
        Assert.Equal(
            "Клас;Учень;Відповідь;Батьки;Відповідь батьків;Коли;Месенджер\r\n" +
            "7-А;Іваненко Олег;Так;Іваненко Г.;Так;20.11.2026 10:00;Telegram\r\n" +
            "7-А;Іваненко Олег;Так;Іваненко П.;Так;20.11.2026 11:00;Viber\r\n" +
            "7-А;Петренко Марія;немає відповіді;Петренко О.;немає відповіді;;\r\n", csv);
    }

    [Fact]
    public async Task ViberSeen_IsShownAsSeen_AChildIsAcknowledgedByAnyGuardian_AndAckTellsTheAuthorWhoHasNot()
    {
        await using var h = await StartAsync();
        var s = h.S;
        Guid announcementId;
        await using (var db = h.Database.NewContext())
            announcementId = (await new AnnouncementService(db, h.Clock).PostAsync(Actor.For(s.ClassTeacher, Channel.Web), s.School.Id,
                new AnnouncementInput(AnnouncementAudience.Class, s.Class7A.Id, null, "Батьківські збори в четвер о 18:00, кабінет 12.", false, AskAcknowledgement: true)))
                .GetValueOrThrow().Id;
        await h.SettledAsync();
        Assert.Equal("/ack: " + AnnouncementAckButton.NotStaff, "/ack: " + await h.ViberSayAsync(ViberFather, "/ack"));

        // Олег's father sees it in Viber (Viber's `seen` names the message's token): "переглянуто".
        var toFather = h.Viber.Viber.MessagesTo(ViberFather).First(m => m.Text.StartsWith("📢 Оголошення", StringComparison.Ordinal));
        Assert.Equal(200, (await h.Viber.Viber.ReceiptAsync(toFather, "seen")).HttpStatus);
        Assert.Equal(200, (await h.Viber.Viber.ReceiptAsync(toFather, "seen")).HttpStatus); // Viber may send it again: kept once
        await using (var db = h.Database.NewContext())
        {
            Assert.Equal(toFather.MessageToken, (await db.Outbox.SingleAsync(o => o.RecipientId == s.IvanenkoFather.Id)).ViberToken);
            var seen = await db.AnnouncementAcknowledgements.SingleAsync();
            Assert.Equal((s.IvanenkoFather.Id, (DateTime?)null), (seen.GuardianId, seen.AcknowledgedAtUtc));
            Assert.NotNull(seen.SeenAtUtc);
        }

        var ack = await h.SayAsync(TeacherChat, "/ack");
        Assert.StartsWith("Хто ознайомився з оголошенням · 7-А, 20.11 о 10:00\n«Батьківські збори в четвер о 18:00, кабінет 12.»\nПідтвердили: 0 · переглянули: 1 · ще ні: 1", ack);
        Assert.Contains("7-А — ще не підтвердили (2):\n• Іваненко Олег (Іваненко П.) — переглянуто\n• Петренко Марія (Петренко О.)", ack);

        // The mother acknowledges in Telegram: Олег is acknowledged, whoever else of his family has not pressed.
        await h.PressEditedAsync(MotherChat, h.Button(MotherChat, AnnouncementAckButton.Label));
        ack = await h.SayAsync(TeacherChat, "/ack");
        Assert.Contains("Підтвердили: 1 · переглянули: 0 · ще ні: 1", ack);
        Assert.Contains("7-А — ще не підтвердили (1):\n• Петренко Марія (Петренко О.)", ack);
        Assert.DoesNotContain("Іваненко", ack);
        await using (var db = h.Database.NewContext())
        {
            var report = (await new AcknowledgementService(db, h.Clock).ReportAsync(Actor.For(s.ClassTeacher, Channel.Web), s.School.Id, announcementId))!;
            var oleh = report.Classes.Single().Families.Single(f => f.Children == "Іваненко Олег");
            Assert.Equal(("Іваненко Г.", AcknowledgementState.Acknowledged, (Channel?)Channel.Telegram), (oleh.Guardian, oleh.State, oleh.Via));
        }
    }
}
