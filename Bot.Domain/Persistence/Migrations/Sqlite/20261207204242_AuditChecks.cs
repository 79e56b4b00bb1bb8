using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.Sqlite
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
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CheckpointSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckpointHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    CheckpointAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CheckpointSeal = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CheckedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsIntact = table.Column<bool>(type: "INTEGER", nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    BrokenAtSequence = table.Column<long>(type: "INTEGER", nullable: true),
                    Checked = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckedFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Reconciled = table.Column<long>(type: "INTEGER", nullable: false),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
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
