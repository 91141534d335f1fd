using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JwtAuth.Server.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UserEpochsAndTokenExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "TokensExpireAtMs",
                table: "jwtauth_sessions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Sessions from before this column: their last bearer token can live at most until the session ends.
            migrationBuilder.Sql("UPDATE jwtauth_sessions SET \"TokensExpireAtMs\" = \"ExpiresAtMs\"");

            migrationBuilder.CreateTable(
                name: "jwtauth_user_epochs",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Epoch = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jwtauth_user_epochs", x => x.UserId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "jwtauth_user_epochs");

            migrationBuilder.DropColumn(
                name: "TokensExpireAtMs",
                table: "jwtauth_sessions");
        }
    }
}
