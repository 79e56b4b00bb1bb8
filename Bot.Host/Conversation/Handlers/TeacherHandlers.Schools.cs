using Bot.Domain.Linking;
using Bot.Host.Conversation.Parsing;

namespace Bot.Host.Conversation.Handlers;

public sealed partial class TeacherHandlers
{
    /// <summary>
    /// A teacher who works at two schools of the installation links one chat to both staff records (DESIGN.md "Tenancy",
    /// ADR 0022). A typed command that begins with its class (<c>/mark 7-Б алгебра ...</c>) speaks for the staff record
    /// that teaches or leads that class this year — the first school's when both do; any other command speaks for the
    /// first linked record (<see cref="ChatContext.Staff"/>).
    /// </summary>
    internal static ChatContext SchoolOfNamedClass(ChatContext ctx, ChatRequest request)
    {
        if (ctx.Persona.Staff.Count < 2 || request is not TeacherRequest r || !ClassReader.TryRead(r.Args.Tokens, 0, out var named, out _)) return ctx;
        var name = named.ToString();
        bool Teaches(PersonaStaff s) => s.Assignments.Any(a => a.ClassName == name) || s.ClassTeacherOf.Any(c => c.ClassName == name);
        return ctx.Persona.Staff.FirstOrDefault(Teaches) is { } staff && staff.StaffId != ctx.Staff!.StaffId ? ctx.ForStaff(staff) : ctx;
    }
}
