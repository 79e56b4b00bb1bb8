using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsentInTheChat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "StudentsFromGrade",
                table: "NotificationRules",
                type: "INTEGER",
                nullable: true,
                defaultValue: 5); // schools that saved their rules before: students from grade 5, as the default

            migrationBuilder.AlterColumn<Guid>(
                name: "RecordedById",
                table: "Consents",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "GivenIn",
                table: "Consents",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TextVersion",
                table: "Consents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConsentTexts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 3000, nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentTexts_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentTexts_SchoolId_Version",
                table: "ConsentTexts",
                columns: new[] { "SchoolId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsentTexts");

            migrationBuilder.DropColumn(
                name: "StudentsFromGrade",
                table: "NotificationRules");

            migrationBuilder.DropColumn(
                name: "GivenIn",
                table: "Consents");

            migrationBuilder.DropColumn(
                name: "TextVersion",
                table: "Consents");

            migrationBuilder.AlterColumn<Guid>(
                name: "RecordedById",
                table: "Consents",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
