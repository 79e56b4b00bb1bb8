using System.Diagnostics;
using System.Globalization;
using Bot.Bench.Lesson;
using Bot.Tests.Builders;
using Bot.Tests.Conversation;
using Bot.Tests.Infrastructure;

// The lesson flow (ADR 0031) as a benchmark: Bot.Host long-polls the fake Bot API server with Telegram's own
// limits on both sides (1 message a second per chat, edits included; 30 a second overall), a teacher walks a
// 30-student lesson — 3 absent, 12 marks to students chosen by a fixed seed, the topic and the homework — one tap every
// 0.7 s; then the same lesson through the fake Viber server. Usage:
//   dotnet run -c Release --project bench/Bot.Bench.Lesson [-- --interval-ms 700]
var interval = TimeSpan.FromMilliseconds(args.Length == 2 && args[0] == "--interval-ms" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 700);
var inv = CultureInfo.InvariantCulture;
Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning"); // the hosts log every start; the tables stay readable

Console.WriteLine($"Lesson flow benchmark: 30 students, 3 absent, 12 marks (seed {LessonWalk.Seed}), topic and homework, a tap every {interval.TotalSeconds:0.0#} s");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {File.ReadAllText("/proc/loadavg").Trim()} (load average)");

await using (var database = await TestDatabase.SqliteAsync())
{
    TestSchool school;
    await using (var db = database.NewContext()) school = await TestSchool.CreateAsync(db);
    await LessonWalk.GrowClassTo30Async(database, school);
    var clock = new ShiftedClock(school.Clock.GetUtcNow());
    await using var driver = await TelegramDriver.StartAsync(database, school, clock: clock, telegramPace: true);
    var telegram = new PacedTelegram(driver, clock, interval);
    var teacher = await LessonWalk.LinkAsync(driver, database, school, school.AlgebraTeacher.Id);
    var chat = long.Parse(teacher, inv);
    await Task.Delay(TimeSpan.FromSeconds(2)); // the welcome's last message, at Telegram's pace
    var fake = telegram.Telegram;
    var (messages, edits, answers, tooMany, calls) = (fake.MessagesTo(chat).Count, fake.EditsTo(chat).Count, fake.CallbackAnswers.Count, fake.TooManyRequestsAnswered, fake.Calls.Count);

    var wall = Stopwatch.StartNew();
    var walked = await LessonWalk.WalkAsync(telegram, teacher);
    wall.Stop();
    await Task.Delay(TimeSpan.FromSeconds(2)); // anything the last update still caused
    var bot = telegram.BotTime(chat, clock.GetUtcNow());
    var newCalls = fake.Calls.Skip(calls).Where(c => c.Method != "getUpdates").ToList();

    Console.WriteLine();
    Console.WriteLine("Telegram (fake Bot API server, Telegram's limits, long polling)");
    Console.WriteLine($"  taps                          {walked.Taps} (target ≤ 31)");
    Console.WriteLine($"  typed replies                 2 (topic, homework) + /lesson");
    Console.WriteLine($"  new messages in the chat      {fake.MessagesTo(chat).Count - messages} (target ≤ 3)");
    Console.WriteLine($"  edits                         {fake.EditsTo(chat).Count - edits}");
    Console.WriteLine($"  callback answers              {fake.CallbackAnswers.Count - answers}, open {fake.OpenCallbackQueries}");
    Console.WriteLine($"  \"429\" answers                 {fake.TooManyRequestsAnswered - tooMany} (target 0)");
    Console.WriteLine($"  API calls (not getUpdates)    {newCalls.Count}: {string.Join(", ", newCalls.GroupBy(c => c.Method).Select(g => $"{g.Key} {g.Count()}"))}");
    Console.WriteLine($"  bot time, handling (receipt → the update's last own reply: callback answer, typed reply's messages), sum over {bot.Count} updates  {bot.Sum(t => t.Handling.TotalSeconds):0.00} s (target < 10 s)");
    var handling = bot.Select(t => t.Handling.TotalMilliseconds).Order().ToList();
    Console.WriteLine($"    per update, ms                min {handling[0]:0} · median {handling[handling.Count / 2]:0} · max {handling[^1]:0}");
    Console.WriteLine($"  bot time to the screen (receipt → the edit showing it, the coalesced edit included), sum {bot.Sum(t => t.Total.TotalSeconds):0.00} s");
    Console.WriteLine($"    of it Telegram's pace        {bot.Sum(t => t.Paced.TotalSeconds):0.00} s (a send or edit waits 1 s after the chat's previous one was answered)");
    Console.WriteLine($"    beyond the pace              {bot.Sum(t => (t.Total - t.Paced).TotalSeconds):0.00} s");
    var sorted = bot.Select(t => t.Total.TotalMilliseconds).Order().ToList();
    Console.WriteLine($"    per update, ms                min {sorted[0]:0} · median {sorted[sorted.Count / 2]:0} · max {sorted[^1]:0}");
    Console.WriteLine($"  wall time of the walk         {wall.Elapsed.TotalSeconds:0.0} s (mean {wall.Elapsed.TotalSeconds / telegram.Updates.Count:0.00} s an action)");
}

await using (var database = await TestDatabase.SqliteAsync())
{
    TestSchool school;
    await using (var db = database.NewContext()) school = await TestSchool.CreateAsync(db);
    await LessonWalk.GrowClassTo30Async(database, school);
    await using var viber = await ViberDriver.StartAsync(database, school);
    var teacher = await LessonWalk.LinkAsync(viber, database, school, school.AlgebraTeacher.Id);
    var before = viber.Viber.MessagesTo(teacher).Count;
    var wall = Stopwatch.StartNew();
    var walked = await LessonWalk.WalkAsync(viber, teacher);
    wall.Stop();
    var sent = viber.Viber.MessagesTo(teacher).Skip(before).ToList();
    Console.WriteLine();
    Console.WriteLine("Viber (fake Viber server; no editing: a message a tap that changes the screen)");
    Console.WriteLine($"  taps                          {walked.Taps}");
    Console.WriteLine($"  messages to the teacher       {sent.Count} ({sent.Count(m => m.Buttons.Count > 0)} with a keyboard, buttons all silent: {sent.SelectMany(m => m.Buttons).All(b => b.Silent)})");
    Console.WriteLine($"  wall time of the walk         {wall.Elapsed.TotalSeconds:0.0} s (the test driver's quiet waits, no pacing)");
}

Console.WriteLine($"Load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
