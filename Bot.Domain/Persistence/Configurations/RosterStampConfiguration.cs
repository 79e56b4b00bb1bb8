using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Domain.Persistence.Configurations;

internal sealed class RosterStampConfiguration : IEntityTypeConfiguration<RosterStamp>
{
    public void Configure(EntityTypeBuilder<RosterStamp> b)
    {
        b.ToTable("RosterStamps");
        b.Property(x => x.Id).ValueGeneratedNever();
        // The one row exists from the first migration on: a save only ever updates it.
        b.HasData(new { Id = RosterStamp.RowId, Value = RosterStamp.Initial });
    }
}
