using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditSealedAfterCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_SchoolId_Sequence",
                table: "AuditRecords");

            migrationBuilder.AddColumn<string>(
                name: "KeyId",
                table: "AuditHeads",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "KeyedFromSequence",
                table: "AuditHeads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_SchoolId_Sequence",
                table: "AuditRecords",
                columns: new[] { "SchoolId", "Sequence" },
                unique: true,
                filter: "\"Sequence\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_Unsealed",
                table: "AuditRecords",
                column: "SchoolId",
                filter: "\"Sequence\" = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_SchoolId_Sequence",
                table: "AuditRecords");

            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_Unsealed",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "KeyId",
                table: "AuditHeads");

            migrationBuilder.DropColumn(
                name: "KeyedFromSequence",
                table: "AuditHeads");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_SchoolId_Sequence",
                table: "AuditRecords",
                columns: new[] { "SchoolId", "Sequence" },
                unique: true);
        }
    }
}
