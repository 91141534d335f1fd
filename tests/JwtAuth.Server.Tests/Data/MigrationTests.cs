using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Server.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Sqlite_Migrations_MatchTheModel()
    {
        await using var host = await TestServerHost.StartAsync();
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SqliteServerDbContext>();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse(Differences(db));
    }

    /// <summary>What the snapshot lacks, so a failure says which table or column to fix.</summary>
    internal static string Differences(DbContext db)
    {
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model;
        var initializer = db.GetService<IModelRuntimeInitializer>();
        var snapshotModel = initializer.Initialize(snapshot, designTime: true, validationLogger: null);
        var differ = db.GetService<IMigrationsModelDiffer>();
        var designModel = db.GetService<IDesignTimeModel>().Model;
        return string.Join("; ", differ.GetDifferences(snapshotModel.GetRelationalModel(), designModel.GetRelationalModel())
            .Select(operation => operation.GetType().Name + " " + Describe(operation)));
    }

    private static string Describe(MigrationOperation operation) => operation switch
    {
        ColumnOperation c => $"{c.Table}.{c.Name}",
        TableOperation t => t.Name,
        CreateIndexOperation i => $"{i.Table}.{i.Name}",
        _ => operation.ToString() ?? "",
    };
}
