using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.Sqlite
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
                    Channel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChatId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SelectedStudentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Pending = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PendingUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChatSessions", x => new { x.Channel, x.ChatId });
                });

            migrationBuilder.CreateTable(
                name: "Preferences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MarkAlerts = table.Column<bool>(type: "INTEGER", nullable: false),
                    AbsenceAlerts = table.Column<bool>(type: "INTEGER", nullable: false),
                    HomeworkNotices = table.Column<bool>(type: "INTEGER", nullable: false),
                    DailyDiary = table.Column<bool>(type: "INTEGER", nullable: false),
                    DailyDiaryTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    QuietFrom = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    QuietTo = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Channels = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false)
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
