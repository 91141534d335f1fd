using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JwtAuth.Server.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SessionSignInMethod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SignInMethod",
                table: "jwtauth_sessions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SignInMethod",
                table: "jwtauth_sessions");
        }
    }
}
