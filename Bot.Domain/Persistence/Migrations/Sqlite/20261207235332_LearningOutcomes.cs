using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LearningOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EducationalFields",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolYearId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EducationalFields", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EducationalFields_SchoolYears_SchoolYearId",
                        column: x => x.SchoolYearId,
                        principalTable: "SchoolYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EducationalFieldSubjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FieldId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EducationalFieldSubjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EducationalFieldSubjects_EducationalFields_FieldId",
                        column: x => x.FieldId,
                        principalTable: "EducationalFields",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EducationalFieldSubjects_Subjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LearningOutcomes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolYearId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FieldId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LearningOutcomes_EducationalFields_FieldId",
                        column: x => x.FieldId,
                        principalTable: "EducationalFields",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LearningOutcomes_SchoolYears_SchoolYearId",
                        column: x => x.SchoolYearId,
                        principalTable: "SchoolYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolYearId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearningOutcomeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WrittenById = table.Column<Guid>(type: "TEXT", nullable: true),
                    WrittenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutcomeResults_Classes_ClassId",
                        column: x => x.ClassId,
                        principalTable: "Classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutcomeResults_LearningOutcomes_LearningOutcomeId",
                        column: x => x.LearningOutcomeId,
                        principalTable: "LearningOutcomes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeResults_SchoolYears_SchoolYearId",
                        column: x => x.SchoolYearId,
                        principalTable: "SchoolYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutcomeResults_Staff_WrittenById",
                        column: x => x.WrittenById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_OutcomeResults_Students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Students",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EducationalFields_SchoolId",
                table: "EducationalFields",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_EducationalFields_SchoolYearId_Number",
                table: "EducationalFields",
                columns: new[] { "SchoolYearId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_EducationalFieldSubjects_FieldId_SubjectId",
                table: "EducationalFieldSubjects",
                columns: new[] { "FieldId", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EducationalFieldSubjects_SubjectId",
                table: "EducationalFieldSubjects",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_LearningOutcomes_FieldId_Number",
                table: "LearningOutcomes",
                columns: new[] { "FieldId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_LearningOutcomes_SchoolId_SchoolYearId",
                table: "LearningOutcomes",
                columns: new[] { "SchoolId", "SchoolYearId" });

            migrationBuilder.CreateIndex(
                name: "IX_LearningOutcomes_SchoolYearId",
                table: "LearningOutcomes",
                column: "SchoolYearId");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeResults_ClassId",
                table: "OutcomeResults",
                column: "ClassId");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeResults_LearningOutcomeId",
                table: "OutcomeResults",
                column: "LearningOutcomeId");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeResults_SchoolYearId",
                table: "OutcomeResults",
                column: "SchoolYearId");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeResults_StudentId_LearningOutcomeId",
                table: "OutcomeResults",
                columns: new[] { "StudentId", "LearningOutcomeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeResults_WrittenById",
                table: "OutcomeResults",
                column: "WrittenById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EducationalFieldSubjects");

            migrationBuilder.DropTable(
                name: "OutcomeResults");

            migrationBuilder.DropTable(
                name: "LearningOutcomes");

            migrationBuilder.DropTable(
                name: "EducationalFields");
        }
    }
}
