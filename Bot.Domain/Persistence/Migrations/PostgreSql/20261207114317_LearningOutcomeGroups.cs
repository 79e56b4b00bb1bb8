using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class LearningOutcomeGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "NusThematic",
                table: "Schools",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResultGroupId",
                table: "Marks",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ResultGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResultGroups_SchoolYears_SchoolYearId",
                        column: x => x.SchoolYearId,
                        principalTable: "SchoolYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResultGroups_Subjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Marks_ResultGroupId",
                table: "Marks",
                column: "ResultGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_ResultGroups_SchoolId",
                table: "ResultGroups",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_ResultGroups_SchoolYearId_SubjectId",
                table: "ResultGroups",
                columns: new[] { "SchoolYearId", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_ResultGroups_SubjectId",
                table: "ResultGroups",
                column: "SubjectId");

            migrationBuilder.AddForeignKey(
                name: "FK_Marks_ResultGroups_ResultGroupId",
                table: "Marks",
                column: "ResultGroupId",
                principalTable: "ResultGroups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // N-1: a class is НУШ by a flag, not by its grade. In the open years grades 5–8 are НУШ now (from 2025/26); the
            // flag of other classes is cleared (primary classes follow their own scales; grades 9–11 are not НУШ yet).
            migrationBuilder.Sql("""
                UPDATE "Classes" SET "IsNus" = ("Grade" BETWEEN 5 AND 8)
                WHERE "SchoolYearId" IN (SELECT "Id" FROM "SchoolYears" WHERE NOT "IsClosed")
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Marks_ResultGroups_ResultGroupId",
                table: "Marks");

            migrationBuilder.DropTable(
                name: "ResultGroups");

            migrationBuilder.DropIndex(
                name: "IX_Marks_ResultGroupId",
                table: "Marks");

            migrationBuilder.DropColumn(
                name: "NusThematic",
                table: "Schools");

            migrationBuilder.DropColumn(
                name: "ResultGroupId",
                table: "Marks");
        }
    }
}
