using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Domain.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CertificateDescription : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CertificateDescriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    WrittenById = table.Column<Guid>(type: "uuid", nullable: true),
                    WrittenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateDescriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateDescriptions_SchoolYears_SchoolYearId",
                        column: x => x.SchoolYearId,
                        principalTable: "SchoolYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CertificateDescriptions_Staff_WrittenById",
                        column: x => x.WrittenById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CertificateDescriptions_Students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Students",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateDescriptions_SchoolYearId_StudentId",
                table: "CertificateDescriptions",
                columns: new[] { "SchoolYearId", "StudentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CertificateDescriptions_StudentId",
                table: "CertificateDescriptions",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateDescriptions_WrittenById",
                table: "CertificateDescriptions",
                column: "WrittenById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateDescriptions");
        }
    }
}
