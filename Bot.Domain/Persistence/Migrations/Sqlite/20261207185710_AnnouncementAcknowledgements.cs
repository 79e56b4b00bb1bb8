using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnnouncementAcknowledgements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AskAcknowledgement",
                table: "Announcements",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAtUtc",
                table: "Announcements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnnouncementAcknowledgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AnnouncementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GuardianId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedVia = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    SeenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnouncementAcknowledgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnouncementAcknowledgements_Announcements_AnnouncementId",
                        column: x => x.AnnouncementId,
                        principalTable: "Announcements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnnouncementAcknowledgements_AnnouncementId_GuardianId",
                table: "AnnouncementAcknowledgements",
                columns: new[] { "AnnouncementId", "GuardianId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnouncementAcknowledgements");

            migrationBuilder.DropColumn(
                name: "AskAcknowledgement",
                table: "Announcements");

            migrationBuilder.DropColumn(
                name: "ReminderSentAtUtc",
                table: "Announcements");
        }
    }
}
