using Bot.Domain.Audit;
using Bot.Domain.Roster;

namespace Bot.Domain.Journal;

/// <summary>Who is making a change, and through which channel: every change is attributed (DOMAIN "Who may do what").</summary>
public sealed record Actor(Guid? StaffId, string Name, StaffRoles Roles, Channel Channel)
{
    public static Actor System(string name = "Система") => new(null, name, StaffRoles.Administrator, Channel.System);

    public static Actor For(Staff staff, Channel channel) => new(staff.Id, staff.ShortName, staff.Roles, channel);

    public bool Is(StaffRoles role) => (Roles & role) == role;

    public bool IsSystem => StaffId is null && Channel == Channel.System;

    /// <summary>
    /// Said in the context of every journal record the actor writes (for people only, ADR 0029): the lesson page's entry
    /// made offline carries the phone's time here, beside the record's own (the server's) time (ADR 0046).
    /// </summary>
    public string? Note { get; init; }
}

/// <summary>Settings of the journal's rules.</summary>
public sealed record JournalSettings
{
    /// <summary>A teacher's typing error is fixed freely within this window; alerts wait for it (Notifications:UndoWindow).</summary>
    public TimeSpan UndoWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>M-2: marks are placed no later than 10 days after the work; later only a deputy corrects, with a reason.</summary>
    public int LateMarkDays { get; init; } = 10;
}
