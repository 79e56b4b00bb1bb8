using Npgsql;

namespace Bot.Tests.Infrastructure;

[Collection("postgres")]
public class PostgresServerTests(PostgresServer server)
{
    [Fact]
    public async Task Databases_are_separate_and_keep_Ukrainian_text()
    {
        var first = await server.CreateDatabaseAsync("pgfixture");
        var second = await server.CreateDatabaseAsync("pgfixture");
        Assert.NotEqual(first, second);

        // In the first database: a table with one row of Ukrainian text, read back exactly.
        await using (var db = new NpgsqlConnection(first))
        {
            await db.OpenAsync();
            await Execute(db, "CREATE TABLE pupils (id serial PRIMARY KEY, name text NOT NULL)");
            await using (var insert = new NpgsqlCommand("INSERT INTO pupils (name) VALUES (@name)", db))
            {
                insert.Parameters.AddWithValue("name", "Ґанна Їжак");
                Assert.Equal(1, await insert.ExecuteNonQueryAsync());
            }

            await using var select = new NpgsqlCommand("SELECT name, length(name) FROM pupils", db);
            await using var reader = await select.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("Ґанна Їжак", reader.GetString(0));
            Assert.Equal(10, reader.GetInt32(1)); // characters, not UTF-8 bytes
            Assert.False(await reader.ReadAsync());
        }

        // The second database does not see the first one's table.
        await using (var db = new NpgsqlConnection(second))
        {
            await db.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT to_regclass('public.pupils') IS NOT NULL", db);
            Assert.False((bool)(await exists.ExecuteScalarAsync())!);

            await using var encoding = new NpgsqlCommand("SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()", db);
            Assert.Equal("UTF8", await encoding.ExecuteScalarAsync());
        }
    }

    private static async Task Execute(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }
}
