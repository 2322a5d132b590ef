using Microsoft.Data.Sqlite;

namespace ValueGuard.Storage;

/// <summary>
/// One SQLite file opened for durable use: WAL journal, full fsync on commit, and a lock so one
/// connection serves concurrent callers one at a time.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public SqliteDatabase(string path, string schemaSql)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        Connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        Connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        Execute(schemaSql);
        FilePermissions.RestrictToOwner(path);
    }

    public SqliteConnection Connection { get; }

    public async Task<T> UseAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work(Connection);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The same as <see cref="UseAsync{T}"/> for callers on a thread of their own (the status writer).</summary>
    public T Use<T>(Func<SqliteConnection, T> work)
    {
        gate.Wait();
        try
        {
            return work(Connection);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Execute(string sql)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Connection.Dispose();
        gate.Dispose();
    }
}
