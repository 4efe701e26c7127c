package org.twisted4j.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTest {
    private final Row row = Row.of(List.of("ID", "name", "Price", "flag", "data", "Name"),
            Arrays.asList(42L, "ann", new BigDecimal("9.50"), 1, new byte[] {1, 2}, "second"));

    @Test
    void valuesByIndexFromZeroAndByLabelRegardlessOfCase() {
        assertThat(row.get(0)).isEqualTo(42L);
        assertThat(row.get("id")).isEqualTo(42L);
        assertThat(row.getString("NAME")).isEqualTo("ann");
        assertThat(row.size()).isEqualTo(6);
        assertThat(row.labels()).containsExactly("ID", "name", "Price", "flag", "data", "Name");
    }

    @Test
    void theFirstOfTwoEqualLabelsWins() {
        assertThat(row.getString("name")).isEqualTo("ann");
        assertThat(row.getString(5)).isEqualTo("second");
    }

    @Test
    void typedGettersConvertBetweenNumbers() {
        assertThat(row.getInt("id")).isEqualTo(42);
        assertThat(row.getDouble("id")).isEqualTo(42.0);
        assertThat(row.getBigDecimal("id")).isEqualByComparingTo("42");
        assertThat(row.getBigDecimal("price")).isEqualTo(new BigDecimal("9.50"));
        assertThat(row.getLong("price")).isEqualTo(9L);
        assertThat(row.getBoolean("flag")).isTrue();
        assertThat(row.getBytes("data")).containsExactly(1, 2);
    }

    @Test
    void nullIsNullForEveryGetter() {
        Row empty = Row.of(List.of("x"), Arrays.asList((Object) null));
        assertThat(empty.get(0)).isNull();
        assertThat(empty.getLong(0)).isNull();
        assertThat(empty.getString("x")).isNull();
        assertThat(empty.getBoolean(0)).isNull();
        assertThat(empty.getBytes(0)).isNull();
    }

    @Test
    void mistakesSayWhat() {
        assertThatThrownBy(() -> row.get("missing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column labelled 'missing'");
        assertThatThrownBy(() -> row.get(6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> row.getLong("name")).isInstanceOf(ClassCastException.class)
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> Row.of(List.of("a"), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Row.of(List.of("big"), List.of(1L << 40)).getInt(0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void rowsWithEqualLabelsAndValuesAreEqual() {
        Row same = Row.of(List.of("ID", "name", "Price", "flag", "data", "Name"),
                Arrays.asList(42L, "ann", new BigDecimal("9.50"), 1, new byte[] {1, 2}, "second"));
        assertThat(same).isEqualTo(row).hasSameHashCodeAs(row);
        assertThat(row.toString()).isEqualTo("Row(ID=42, name=ann, Price=9.50, flag=1, data=[1, 2], Name=second)");
    }
}
