using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AuditChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditChecks",
                columns: table => new
                {
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    CheckpointSequence = table.Column<long>(type: "bigint", nullable: false),
                    CheckpointHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    CheckpointAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckpointSeal = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CheckedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    IsIntact = table.Column<bool>(type: "boolean", nullable: false),
                    Problem = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    BrokenAtSequence = table.Column<long>(type: "bigint", nullable: true),
                    Checked = table.Column<long>(type: "bigint", nullable: false),
                    CheckedFrom = table.Column<long>(type: "bigint", nullable: false),
                    HeadSequence = table.Column<long>(type: "bigint", nullable: false),
                    Reconciled = table.Column<long>(type: "bigint", nullable: false),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChecks", x => x.SchoolId);
                    table.ForeignKey(
                        name: "FK_AuditChecks_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditChecks");
        }
    }
}
