using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JwtAuth.Server.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddAuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "jwtauth_audit_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OccurredAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jwtauth_audit_events", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_jwtauth_audit_events_Kind_OccurredAtMs",
                table: "jwtauth_audit_events",
                columns: new[] { "Kind", "OccurredAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_jwtauth_audit_events_OccurredAtMs",
                table: "jwtauth_audit_events",
                column: "OccurredAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_jwtauth_audit_events_UserId_OccurredAtMs",
                table: "jwtauth_audit_events",
                columns: new[] { "UserId", "OccurredAtMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "jwtauth_audit_events");
        }
    }
}
