using Bot.Domain.Linking;
using Bot.Host.Conversation.Parsing;

namespace Bot.Host.Conversation.Handlers;

public sealed partial class TeacherHandlers
{
    /// <summary>
    /// A teacher who works at two schools of the installation links one chat to both staff records (docs/architecture.md "Tenancy",
    /// ADR 0022). A typed command that begins with its class (<c>/mark 7-Б алгебра ...</c>) speaks for the staff record
    /// that teaches or leads that class this year — the first school's when both do. Otherwise: /mark's buttons list
    /// the day's lessons of both schools and each press speaks for its lesson's school; /undo takes back the latest
    /// entry of either record; /attendance and /excuse without a class speak for the record that leads a class; any
    /// other command speaks for the first linked record (<see cref="ChatContext.Staff"/>).
    /// </summary>
    internal static ChatContext SchoolOfNamedClass(ChatContext ctx, ChatRequest request)
    {
        if (ctx.Persona.Staff.Count < 2 || request is not TeacherRequest r || !ClassReader.TryRead(r.Args.Tokens, 0, out var named, out _)) return ctx;
        var name = named.ToString();
        bool Teaches(PersonaStaff s) => s.Assignments.Any(a => a.ClassName == name) || s.ClassTeacherOf.Any(c => c.ClassName == name);
        return ctx.Persona.Staff.FirstOrDefault(Teaches) is { } staff ? ctx.ForStaff(staff) : ctx;
    }

    /// <summary>A class teacher's command without a class: the staff record that leads one, when the first does not.</summary>
    private static ChatContext ClassTeacherRecord(ChatContext ctx) =>
        ctx.Staff!.ClassTeacherOf.Count == 0 && ctx.Persona.Staff.FirstOrDefault(s => s.ClassTeacherOf.Count > 0) is { } leads ? ctx.ForStaff(leads) : ctx;
}
