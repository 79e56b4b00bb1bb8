using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FamilyForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ViberToken",
                table: "Outbox",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FamilyForms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OptionsText = table.Column<string>(type: "TEXT", maxLength: 246, nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AudienceTitle = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FamilyForms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FamilyFormAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FormId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GuardianId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Option = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Via = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Changes = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FamilyFormAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FamilyFormAnswers_FamilyForms_FormId",
                        column: x => x.FormId,
                        principalTable: "FamilyForms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FamilyFormStudents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FormId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FamilyFormStudents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FamilyFormStudents_FamilyForms_FormId",
                        column: x => x.FormId,
                        principalTable: "FamilyForms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_ViberToken",
                table: "Outbox",
                column: "ViberToken");

            migrationBuilder.CreateIndex(
                name: "IX_FamilyFormAnswers_FormId_StudentId_GuardianId",
                table: "FamilyFormAnswers",
                columns: new[] { "FormId", "StudentId", "GuardianId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FamilyForms_SchoolId_CreatedAtUtc",
                table: "FamilyForms",
                columns: new[] { "SchoolId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FamilyFormStudents_FormId_StudentId",
                table: "FamilyFormStudents",
                columns: new[] { "FormId", "StudentId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FamilyFormAnswers");

            migrationBuilder.DropTable(
                name: "FamilyFormStudents");

            migrationBuilder.DropTable(
                name: "FamilyForms");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_ViberToken",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ViberToken",
                table: "Outbox");
        }
    }
}
