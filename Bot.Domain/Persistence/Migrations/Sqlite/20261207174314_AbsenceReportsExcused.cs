using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AbsenceReportsExcused : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExcusedAtUtc",
                table: "AbsenceNotices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExcusedBy",
                table: "AbsenceNotices",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ExcusedById",
                table: "AbsenceNotices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReportId",
                table: "AbsenceNotices",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // A report written before reports had an id is a report of one day: its notice's id is the report's.
            migrationBuilder.Sql("UPDATE \"AbsenceNotices\" SET \"ReportId\" = \"Id\";");

            migrationBuilder.CreateIndex(
                name: "IX_AbsenceNotices_ReportId",
                table: "AbsenceNotices",
                column: "ReportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AbsenceNotices_ReportId",
                table: "AbsenceNotices");

            migrationBuilder.DropColumn(
                name: "ExcusedAtUtc",
                table: "AbsenceNotices");

            migrationBuilder.DropColumn(
                name: "ExcusedBy",
                table: "AbsenceNotices");

            migrationBuilder.DropColumn(
                name: "ExcusedById",
                table: "AbsenceNotices");

            migrationBuilder.DropColumn(
                name: "ReportId",
                table: "AbsenceNotices");
        }
    }
}
