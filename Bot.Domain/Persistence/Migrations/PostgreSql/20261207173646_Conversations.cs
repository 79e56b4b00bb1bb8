using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Conversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeOnly>(
                name: "WorkFrom",
                table: "Staff",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "WorkTo",
                table: "Staff",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "StudentsMayWrite",
                table: "Schools",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "TalkKeepYears", // existing schools keep conversations the year and one more (ADR 0038)
                table: "Schools",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "TalkThreads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyKind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FamilyPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyChannel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastMessageAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UnansweredSinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TalkThreads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TalkMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ThreadId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromStaff = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeliverAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TalkMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TalkMessages_TalkThreads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "TalkThreads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TalkMessages_AuthorId_CreatedAtUtc",
                table: "TalkMessages",
                columns: new[] { "AuthorId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TalkMessages_ThreadId",
                table: "TalkMessages",
                column: "ThreadId");

            migrationBuilder.CreateIndex(
                name: "IX_TalkThreads_SchoolId_SchoolYearId",
                table: "TalkThreads",
                columns: new[] { "SchoolId", "SchoolYearId" });

            migrationBuilder.CreateIndex(
                name: "IX_TalkThreads_StaffId",
                table: "TalkThreads",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_TalkThreads_StudentId_FamilyPersonId_StaffId",
                table: "TalkThreads",
                columns: new[] { "StudentId", "FamilyPersonId", "StaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TalkMessages");

            migrationBuilder.DropTable(
                name: "TalkThreads");

            migrationBuilder.DropColumn(
                name: "WorkFrom",
                table: "Staff");

            migrationBuilder.DropColumn(
                name: "WorkTo",
                table: "Staff");

            migrationBuilder.DropColumn(
                name: "StudentsMayWrite",
                table: "Schools");

            migrationBuilder.DropColumn(
                name: "TalkKeepYears",
                table: "Schools");
        }
    }
}
