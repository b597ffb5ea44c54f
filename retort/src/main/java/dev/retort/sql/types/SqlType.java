package dev.retort.sql.types;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A column's SQL type and the Java type its values have. Each dialect renders a type with its own
 * native name (a {@link Uuid} is {@code uuid} on PostgreSQL, {@code CHAR(36)} on MariaDB); the type
 * parameter lets a {@code Column<T>} refuse values of the wrong Java type at compile time. Obtain
 * instances from {@link SqlTypes}. Immutable.
 *
 * @param <T> the Java type of the column's values
 */
public sealed interface SqlType<T>
    permits SqlType.SmallInt,
        SqlType.Int,
        SqlType.BigInt,
        SqlType.Varchar,
        SqlType.Text,
        SqlType.Bool,
        SqlType.Numeric,
        SqlType.Real,
        SqlType.DoublePrecision,
        SqlType.Date,
        SqlType.Time,
        SqlType.Timestamp,
        SqlType.TimestampTz,
        SqlType.Uuid,
        SqlType.Json,
        SqlType.EnumName,
        SqlType.Binary {

  /** The Java class of the values, e.g. {@code LocalDate.class}. */
  Class<T> javaType();

  /** Whether the type is an integer type that can be an auto-incrementing identity. */
  default boolean isInteger() {
    return false;
  }

  /** A 2-byte integer, read as {@link Short}. */
  record SmallInt() implements SqlType<Short> {
    @Override
    public Class<Short> javaType() {
      return Short.class;
    }

    @Override
    public boolean isInteger() {
      return true;
    }
  }

  /** A 4-byte integer, read as {@link Integer}. */
  record Int() implements SqlType<Integer> {
    @Override
    public Class<Integer> javaType() {
      return Integer.class;
    }

    @Override
    public boolean isInteger() {
      return true;
    }
  }

  /** An 8-byte integer, read as {@link Long}. */
  record BigInt() implements SqlType<Long> {
    @Override
    public Class<Long> javaType() {
      return Long.class;
    }

    @Override
    public boolean isInteger() {
      return true;
    }
  }

  /**
   * Text of at most {@code length} characters.
   *
   * @param length the maximum length in characters, at least 1
   */
  record Varchar(int length) implements SqlType<String> {
    /** Checks the length. */
    public Varchar {
      if (length < 1) {
        throw new IllegalArgumentException("VARCHAR length must be at least 1, got " + length);
      }
    }

    @Override
    public Class<String> javaType() {
      return String.class;
    }
  }

  /** Text of unbounded length. */
  record Text() implements SqlType<String> {
    @Override
    public Class<String> javaType() {
      return String.class;
    }
  }

  /** A boolean. */
  record Bool() implements SqlType<Boolean> {
    @Override
    public Class<Boolean> javaType() {
      return Boolean.class;
    }
  }

  /**
   * An exact decimal number, read as {@link BigDecimal}.
   *
   * @param precision the total number of digits, at least 1
   * @param scale the digits after the decimal point, from 0 to {@code precision}
   */
  record Numeric(int precision, int scale) implements SqlType<BigDecimal> {
    /** Checks precision and scale. */
    public Numeric {
      if (precision < 1 || scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "NUMERIC needs precision >= 1 and 0 <= scale <= precision, got ("
                + precision
                + ", "
                + scale
                + ")");
      }
    }

    @Override
    public Class<BigDecimal> javaType() {
      return BigDecimal.class;
    }
  }

  /** A 4-byte floating-point number, read as {@link Float}. */
  record Real() implements SqlType<Float> {
    @Override
    public Class<Float> javaType() {
      return Float.class;
    }
  }

  /** An 8-byte floating-point number, read as {@link Double}. */
  record DoublePrecision() implements SqlType<Double> {
    @Override
    public Class<Double> javaType() {
      return Double.class;
    }
  }

  /** A calendar date, read as {@link LocalDate}. */
  record Date() implements SqlType<LocalDate> {
    @Override
    public Class<LocalDate> javaType() {
      return LocalDate.class;
    }
  }

  /** A time of day with microseconds, read as {@link LocalTime}. */
  record Time() implements SqlType<LocalTime> {
    @Override
    public Class<LocalTime> javaType() {
      return LocalTime.class;
    }
  }

  /** A date and time without offset, with microseconds, read as {@link LocalDateTime}. */
  record Timestamp() implements SqlType<LocalDateTime> {
    @Override
    public Class<LocalDateTime> javaType() {
      return LocalDateTime.class;
    }
  }

  /**
   * An instant with microseconds, read as {@link OffsetDateTime}; databases without an offset type
   * store it in UTC, so the offset read back is UTC.
   */
  record TimestampTz() implements SqlType<OffsetDateTime> {
    @Override
    public Class<OffsetDateTime> javaType() {
      return OffsetDateTime.class;
    }
  }

  /** A UUID, stored natively or as its 36-character text. */
  record Uuid() implements SqlType<java.util.UUID> {
    @Override
    public Class<java.util.UUID> javaType() {
      return java.util.UUID.class;
    }
  }

  /** A JSON document, handled in Java as its text. */
  record Json() implements SqlType<String> {
    @Override
    public Class<String> javaType() {
      return String.class;
    }
  }

  /**
   * A Java enum stored as the constant's {@link Enum#name()} in a VARCHAR.
   *
   * @param javaType the enum class
   * @param length the VARCHAR length, at least the longest constant name
   */
  record EnumName<E extends Enum<E>>(Class<E> javaType, int length) implements SqlType<E> {
    /** Checks that every constant's name fits. */
    public EnumName {
      Objects.requireNonNull(javaType, "javaType");
      for (E constant : javaType.getEnumConstants()) {
        if (constant.name().length() > length) {
          throw new IllegalArgumentException(
              "VARCHAR(" + length + ") is too short for " + javaType.getName() + "." + constant);
        }
      }
    }
  }

  /** A byte string of unbounded length, read as {@code byte[]}. */
  record Binary() implements SqlType<byte[]> {
    @Override
    public Class<byte[]> javaType() {
      return byte[].class;
    }
  }
}
