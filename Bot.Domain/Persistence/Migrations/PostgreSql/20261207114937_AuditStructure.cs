using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AuditStructure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClassId",
                table: "AuditRecords",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LessonId",
                table: "AuditRecords",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RevertsBatchId",
                table: "AuditRecords",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "StudentId",
                table: "AuditRecords",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SubjectId",
                table: "AuditRecords",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "WriteBatchId",
                table: "AuditRecords",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_ActorId_AtUtc",
                table: "AuditRecords",
                columns: new[] { "ActorId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_RevertsBatchId",
                table: "AuditRecords",
                column: "RevertsBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_SchoolId_ClassId",
                table: "AuditRecords",
                columns: new[] { "SchoolId", "ClassId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_SchoolId_StudentId",
                table: "AuditRecords",
                columns: new[] { "SchoolId", "StudentId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_WriteBatchId",
                table: "AuditRecords",
                column: "WriteBatchId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_ActorId_AtUtc",
                table: "AuditRecords");

            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_RevertsBatchId",
                table: "AuditRecords");

            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_SchoolId_ClassId",
                table: "AuditRecords");

            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_SchoolId_StudentId",
                table: "AuditRecords");

            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_WriteBatchId",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "ClassId",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "LessonId",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "RevertsBatchId",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "StudentId",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "SubjectId",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "WriteBatchId",
                table: "AuditRecords");
        }
    }
}
