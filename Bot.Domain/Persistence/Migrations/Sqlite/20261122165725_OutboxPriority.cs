using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxPriority : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "Outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Priority",
                table: "Outbox");
        }
    }
}
