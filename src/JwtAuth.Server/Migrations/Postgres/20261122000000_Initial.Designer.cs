using JwtAuth.Server.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JwtAuth.Server.Migrations.Postgres;

[DbContext(typeof(PostgresServerDbContext))]
[Migration("20261122000000_Initial")]
public partial class Initial
{
}
