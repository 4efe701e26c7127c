package org.twisted4j.enterprise;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.trial.Trial;

/** The pool against SQLite (xerial's sqlite-jdbc), a file database. */
class SqliteConnectionPoolTest extends ConnectionPoolContract {

    @TempDir
    Path directory;

    @Override
    ConnectionPoolBuilder database(Trial trial) {
        return ConnectionPool.builder().url("jdbc:sqlite:" + directory.resolve("test.db"));
    }

    @Override
    String identityColumn() {
        return "INTEGER PRIMARY KEY AUTOINCREMENT";
    }

    @Override
    String slowQuery() {
        return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT MAX(x) FROM c";
    }

    @Override
    String rangeQuery(long count) {
        return "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < " + count
                + ") SELECT n, 'some padding to make the row weigh something' AS pad FROM c";
    }
}
