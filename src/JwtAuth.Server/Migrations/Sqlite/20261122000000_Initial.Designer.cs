using JwtAuth.Server.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JwtAuth.Server.Migrations.Sqlite;

[DbContext(typeof(SqliteServerDbContext))]
[Migration("20261122000000_Initial")]
public partial class Initial
{
}
