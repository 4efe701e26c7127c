package org.twisted4j.enterprise;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Binds arguments to a statement's parameters: always as parameters, never spliced into the SQL text. */
final class Parameters {
    private Parameters() {
    }

    static void bind(PreparedStatement statement, @Nullable Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    static void bind(PreparedStatement statement, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }
}
