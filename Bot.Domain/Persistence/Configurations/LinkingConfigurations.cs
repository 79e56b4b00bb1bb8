using Bot.Domain.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Domain.Persistence.Configurations;

internal sealed class InviteConfiguration : IEntityTypeConfiguration<Invite>
{
    public void Configure(EntityTypeBuilder<Invite> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => new { x.Kind, x.PersonId });
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId);
    }
}

internal sealed class InviteRedemptionConfiguration : IEntityTypeConfiguration<InviteRedemption>
{
    public void Configure(EntityTypeBuilder<InviteRedemption> b)
    {
        b.HasKey(x => new { x.InviteId, x.Channel });
        b.Property(x => x.ChatId).HasMaxLength(64);
        b.HasOne<Invite>().WithMany().HasForeignKey(x => x.InviteId);
    }
}

internal sealed class ChatLinkConfiguration : IEntityTypeConfiguration<ChatLink>
{
    public void Configure(EntityTypeBuilder<ChatLink> b)
    {
        b.Property(x => x.ChatId).HasMaxLength(64);
        b.Property(x => x.UserId).HasMaxLength(64);
        b.Property(x => x.DeactivationReason).HasMaxLength(100);
        b.HasIndex(x => new { x.Channel, x.ChatId, x.IsActive });
        b.HasIndex(x => new { x.Kind, x.PersonId, x.IsActive });
        b.HasOne<Invite>().WithMany().HasForeignKey(x => x.InviteId);
    }
}

internal sealed class LinkAttemptConfiguration : IEntityTypeConfiguration<LinkAttempt>
{
    public void Configure(EntityTypeBuilder<LinkAttempt> b)
    {
        b.Property(x => x.ChatId).HasMaxLength(64);
        b.HasIndex(x => new { x.Channel, x.ChatId, x.AtUtc });
    }
}

internal sealed class ProcessedUpdateConfiguration : IEntityTypeConfiguration<ProcessedUpdate>
{
    public void Configure(EntityTypeBuilder<ProcessedUpdate> b)
    {
        b.HasKey(x => new { x.Channel, x.UpdateId });
        b.Property(x => x.UpdateId).HasMaxLength(64);
        b.HasIndex(x => x.AtUtc);
    }
}

internal sealed class RecipientPreferencesConfiguration : IEntityTypeConfiguration<Notifications.RecipientPreferences>
{
    public void Configure(EntityTypeBuilder<Notifications.RecipientPreferences> b) =>
        b.HasIndex(x => new { x.Kind, x.PersonId }).IsUnique();
}

internal sealed class ChatSessionConfiguration : IEntityTypeConfiguration<Notifications.ChatSession>
{
    public void Configure(EntityTypeBuilder<Notifications.ChatSession> b)
    {
        b.HasKey(x => new { x.Channel, x.ChatId });
        b.Property(x => x.ChatId).HasMaxLength(64);
        b.Property(x => x.Pending).HasMaxLength(4000);
    }
}

internal sealed class AbsenceNoticeConfiguration : IEntityTypeConfiguration<Attendance.AbsenceNotice>
{
    public void Configure(EntityTypeBuilder<Attendance.AbsenceNotice> b)
    {
        b.Property(x => x.Reason).HasMaxLength(300);
        b.Property(x => x.ReportedBy).HasMaxLength(200);
        b.Property(x => x.ExcusedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.StudentId, x.Date });
        b.HasIndex(x => x.ReportId);
    }
}

internal sealed class TalkThreadConfiguration : IEntityTypeConfiguration<Talk.TalkThread>
{
    public void Configure(EntityTypeBuilder<Talk.TalkThread> b)
    {
        b.ToTable("TalkThreads");
        b.Property(x => x.ClosedReason).HasMaxLength(200);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.IsPassedToAdministration);
        b.HasIndex(x => new { x.StudentId, x.FamilyPersonId, x.StaffId });
        b.HasIndex(x => new { x.SchoolId, x.SchoolYearId });
        b.HasIndex(x => x.StaffId);
    }
}

internal sealed class ClassTeacherStandInConfiguration : IEntityTypeConfiguration<Talk.ClassTeacherStandIn>
{
    public void Configure(EntityTypeBuilder<Talk.ClassTeacherStandIn> b)
    {
        b.ToTable("ClassTeacherStandIns");
        b.HasOne<Roster.SchoolClass>().WithMany().HasForeignKey(x => x.ClassId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ClassId, x.From });
        b.HasIndex(x => x.StaffId);
    }
}

internal sealed class TalkMessageConfiguration : IEntityTypeConfiguration<Talk.TalkMessage>
{
    public void Configure(EntityTypeBuilder<Talk.TalkMessage> b)
    {
        b.ToTable("TalkMessages");
        b.Property(x => x.Text).HasMaxLength(Talk.TalkMessage.MaxLength);
        b.HasOne<Talk.TalkThread>().WithMany().HasForeignKey(x => x.ThreadId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ThreadId);
        b.HasIndex(x => new { x.AuthorId, x.CreatedAtUtc });
    }
}
