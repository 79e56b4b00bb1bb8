using Bot.Domain.Notifications;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Domain.Persistence.Configurations;

internal sealed class NotificationRulesConfiguration : IEntityTypeConfiguration<NotificationRules>
{
    public void Configure(EntityTypeBuilder<NotificationRules> b)
    {
        b.HasIndex(x => x.SchoolId).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
        b.Property(x => x.MarkAlertsText).HasMaxLength(8);
        b.Ignore(x => x.MarkAlerts);
    }
}

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> b)
    {
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
        b.Property(x => x.AudienceTitle).HasMaxLength(100);
        b.Property(x => x.Text).HasMaxLength(Announcement.MaxTextLength);
        b.Property(x => x.Signature).HasMaxLength(300);
        b.HasIndex(x => new { x.SchoolId, x.CreatedAtUtc });
    }
}

internal sealed class AnnouncementAcknowledgementConfiguration : IEntityTypeConfiguration<AnnouncementAcknowledgement>
{
    public void Configure(EntityTypeBuilder<AnnouncementAcknowledgement> b)
    {
        b.HasOne<Announcement>().WithMany().HasForeignKey(x => x.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.AnnouncementId, x.GuardianId }).IsUnique();
        b.Property(x => x.AcknowledgedVia).HasConversion<string>().HasMaxLength(16);
    }
}
