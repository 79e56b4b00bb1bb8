using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.PostgreSql
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

            // The writer's transaction, for the sealer's "older than every transaction still running" (ADR 0037). Outside the
            // model: the database fills it on insert, writers never send or read it.
            migrationBuilder.Sql("""ALTER TABLE "AuditRecords" ADD COLUMN "WriterXid" xid8 NOT NULL DEFAULT pg_current_xact_id();""");

            // Unsealed records have empty hashes: `character(64)` would give them back as 64 spaces.
            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "AuditRecords",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(64)",
                oldFixedLength: true,
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "AuditRecords",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(64)",
                oldFixedLength: true,
                oldMaxLength: 64);

            migrationBuilder.AddColumn<string>(
                name: "KeyId",
                table: "AuditHeads",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "KeyedFromSequence",
                table: "AuditHeads",
                type: "bigint",
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

            migrationBuilder.Sql("""ALTER TABLE "AuditRecords" DROP COLUMN "WriterXid";""");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "AuditRecords",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "AuditRecords",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

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
