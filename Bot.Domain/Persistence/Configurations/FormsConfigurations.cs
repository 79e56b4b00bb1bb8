using Bot.Domain.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Domain.Persistence.Configurations;

internal sealed class FamilyFormConfiguration : IEntityTypeConfiguration<FamilyForm>
{
    public void Configure(EntityTypeBuilder<FamilyForm> b)
    {
        b.Property(x => x.Question).HasMaxLength(FamilyForm.MaxQuestionLength);
        b.Property(x => x.OptionsText).HasMaxLength((FamilyForm.MaxOptionLength + 1) * FamilyForm.MaxOptions);
        b.Property(x => x.AudienceTitle).HasMaxLength(64);
        b.Property(x => x.Signature).HasMaxLength(300);
        b.Ignore(x => x.Options);
        b.HasIndex(x => new { x.SchoolId, x.CreatedAtUtc });
    }
}

internal sealed class FamilyFormStudentConfiguration : IEntityTypeConfiguration<FamilyFormStudent>
{
    public void Configure(EntityTypeBuilder<FamilyFormStudent> b)
    {
        b.HasOne<FamilyForm>().WithMany().HasForeignKey(x => x.FormId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.FormId, x.StudentId }).IsUnique();
    }
}

internal sealed class FamilyFormAnswerConfiguration : IEntityTypeConfiguration<FamilyFormAnswer>
{
    public void Configure(EntityTypeBuilder<FamilyFormAnswer> b)
    {
        b.HasOne<FamilyForm>().WithMany().HasForeignKey(x => x.FormId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.FormId, x.StudentId, x.GuardianId }).IsUnique();
    }
}
