using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Preferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChatSessions",
                columns: table => new
                {
                    Channel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ChatId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SelectedStudentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Pending = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PendingUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChatSessions", x => new { x.Channel, x.ChatId });
                });

            migrationBuilder.CreateTable(
                name: "Preferences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    MarkAlerts = table.Column<bool>(type: "boolean", nullable: false),
                    AbsenceAlerts = table.Column<bool>(type: "boolean", nullable: false),
                    HomeworkNotices = table.Column<bool>(type: "boolean", nullable: false),
                    DailyDiary = table.Column<bool>(type: "boolean", nullable: false),
                    DailyDiaryTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    QuietFrom = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    QuietTo = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    Channels = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Preferences", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Preferences_Kind_PersonId",
                table: "Preferences",
                columns: new[] { "Kind", "PersonId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChatSessions");

            migrationBuilder.DropTable(
                name: "Preferences");
        }
    }
}
