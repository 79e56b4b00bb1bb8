using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MartialLawVariants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AnnualFromSemester2Note",
                table: "Students",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AnnualFromSemester2Since",
                table: "Students",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CreditDecisionDate",
                table: "SchoolYears",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreditDecisionNumber",
                table: "SchoolYears",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreditGrades",
                table: "SchoolYears",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SourceNote",
                table: "Marks",
                type: "TEXT",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnnualFromSemester2Note",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "AnnualFromSemester2Since",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "CreditDecisionDate",
                table: "SchoolYears");

            migrationBuilder.DropColumn(
                name: "CreditDecisionNumber",
                table: "SchoolYears");

            migrationBuilder.DropColumn(
                name: "CreditGrades",
                table: "SchoolYears");

            migrationBuilder.DropColumn(
                name: "SourceNote",
                table: "Marks");
        }
    }
}
