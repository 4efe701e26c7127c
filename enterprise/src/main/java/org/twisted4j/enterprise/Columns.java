package org.twisted4j.enterprise;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The column labels of one result, shared by all its rows; labels are looked up regardless of case. */
final class Columns {
    private final List<String> labels;
    private final Map<String, Integer> indexes;

    Columns(List<String> labels) {
        this.labels = List.copyOf(labels);
        Map<String, Integer> byLabel = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byLabel.putIfAbsent(labels.get(i).toLowerCase(Locale.ROOT), i); // the first of equal labels wins, as in JDBC
        }
        this.indexes = Map.copyOf(byLabel);
    }

    static Columns of(ResultSetMetaData meta) throws SQLException {
        int count = meta.getColumnCount();
        List<String> labels = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            labels.add(meta.getColumnLabel(i));
        }
        return new Columns(labels);
    }

    List<String> labels() {
        return labels;
    }

    int size() {
        return labels.size();
    }

    int indexOf(String label) {
        Integer index = indexes.get(label.toLowerCase(Locale.ROOT));
        if (index == null) {
            throw new IllegalArgumentException("no column labelled '" + label + "' among " + labels);
        }
        return index;
    }
}
