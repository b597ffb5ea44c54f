package dev.retort.sql.types;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/**
 * The SQL types a column can have: {@code import static dev.retort.sql.types.SqlTypes.*}. Named so
 * as not to clash with {@link java.sql.Types}.
 */
public final class SqlTypes {
  private SqlTypes() {}

  /** A 2-byte integer ({@link Short}). */
  public static final SqlType<Short> SMALLINT = new SqlType.SmallInt();

  /** A 4-byte integer ({@link Integer}). */
  public static final SqlType<Integer> INTEGER = new SqlType.Int();

  /** An 8-byte integer ({@link Long}). */
  public static final SqlType<Long> BIGINT = new SqlType.BigInt();

  /** Text of unbounded length. */
  public static final SqlType<String> TEXT = new SqlType.Text();

  /** A boolean. */
  public static final SqlType<Boolean> BOOLEAN = new SqlType.Bool();

  /** A 4-byte floating-point number ({@link Float}). */
  public static final SqlType<Float> FLOAT = new SqlType.Real();

  /** An 8-byte floating-point number ({@link Double}). */
  public static final SqlType<Double> DOUBLE = new SqlType.DoublePrecision();

  /** A calendar date ({@link LocalDate}). */
  public static final SqlType<LocalDate> DATE = new SqlType.Date();

  /** A time of day with microseconds ({@link LocalTime}). */
  public static final SqlType<LocalTime> TIME = new SqlType.Time();

  /** A date-time without offset, with microseconds ({@link LocalDateTime}). */
  public static final SqlType<LocalDateTime> TIMESTAMP = new SqlType.Timestamp();

  /**
   * An instant with microseconds ({@link OffsetDateTime}, UTC where the database has no offset).
   */
  public static final SqlType<OffsetDateTime> TIMESTAMPTZ = new SqlType.TimestampTz();

  /** A UUID. */
  public static final SqlType<UUID> UUID = new SqlType.Uuid();

  /** A JSON document as text. */
  public static final SqlType<String> JSON = new SqlType.Json();

  /** A byte string of unbounded length. */
  public static final SqlType<byte[]> BINARY = new SqlType.Binary();

  /** Text of at most {@code length} characters (a VARCHAR). */
  public static SqlType<String> string(int length) {
    return new SqlType.Varchar(length);
  }

  /**
   * An exact decimal ({@link BigDecimal}) with {@code precision} digits, {@code scale} of them
   * after the point.
   */
  public static SqlType<BigDecimal> numeric(int precision, int scale) {
    return new SqlType.Numeric(precision, scale);
  }

  /** A Java enum stored by constant name, in a VARCHAR as long as the longest name. */
  public static <E extends Enum<E>> SqlType<E> enumOf(Class<E> type) {
    int longest =
        Arrays.stream(type.getEnumConstants()).mapToInt(e -> e.name().length()).max().orElse(1);
    return new SqlType.EnumName<>(type, Math.max(longest, 1));
  }

  /**
   * A Java enum stored by constant name in a VARCHAR of {@code length}, leaving room for new
   * constants.
   */
  public static <E extends Enum<E>> SqlType<E> enumOf(Class<E> type, int length) {
    return new SqlType.EnumName<>(type, length);
  }
}
