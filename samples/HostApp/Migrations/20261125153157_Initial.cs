using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HostApp.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "jwtauth_revocations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    NotBefore = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jwtauth_revocations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "jwtauth_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUsedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    RefreshExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RevokedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jwtauth_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastLoginAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "jwtauth_refresh_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    IssuedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ConsumedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    SuccessorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BlacklistedAtMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jwtauth_refresh_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_jwtauth_refresh_tokens_jwtauth_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "jwtauth_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_jwtauth_refresh_tokens_ExpiresAtMs",
                table: "jwtauth_refresh_tokens",
                column: "ExpiresAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_jwtauth_refresh_tokens_SessionId",
                table: "jwtauth_refresh_tokens",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_jwtauth_revocations_ExpiresAt",
                table: "jwtauth_revocations",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_jwtauth_sessions_ExpiresAtMs",
                table: "jwtauth_sessions",
                column: "ExpiresAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_jwtauth_sessions_UserId",
                table: "jwtauth_sessions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_users_UserName",
                table: "users",
                column: "UserName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "jwtauth_refresh_tokens");

            migrationBuilder.DropTable(
                name: "jwtauth_revocations");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "jwtauth_sessions");
        }
    }
}
