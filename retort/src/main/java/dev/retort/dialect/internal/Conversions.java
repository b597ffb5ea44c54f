package dev.retort.dialect.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.UUID;

/**
 * Converts values as drivers return them (numbers of any width, java.sql temporal types, ISO text
 * from SQLite) to the Java type a caller asks for. Conversions are exact: a value that would lose
 * information (an overflowing long, a fractional number read as an integer) is refused.
 */
public final class Conversions {
  /** ISO date-time with either 'T' or a space between date and time, optional fraction. */
  private static final DateTimeFormatter LOCAL_DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter OFFSET_DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  /** The text form SQLite stores date-times in: sortable, microsecond precision. */
  public static final DateTimeFormatter SQLITE_DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral(' ')
          .appendPattern("HH:mm:ss")
          .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
          .toFormatter(Locale.ROOT);

  /** The text form SQLite stores times in. */
  public static final DateTimeFormatter SQLITE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("HH:mm:ss")
          .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
          .toFormatter(Locale.ROOT);

  private Conversions() {}

  /**
   * Converts {@code value} to {@code type}; null stays null.
   *
   * @throws IllegalArgumentException when the value cannot be represented exactly as the type
   */
  @SuppressWarnings("unchecked")
  public static <T> T convert(Object value, Class<T> type) {
    if (value == null || type.isInstance(value)) {
      return (T) value;
    }
    Class<?> target = boxed(type);
    if (target.isInstance(value)) {
      return (T) value;
    }
    Object result;
    try {
      result = convertNonNull(value, target);
    } catch (ArithmeticException | java.time.DateTimeException | NumberFormatException e) {
      throw refuse(value, type, e);
    }
    if (result == null) {
      throw refuse(value, type, null);
    }
    return (T) result;
  }

  private static Object convertNonNull(Object value, Class<?> target) {
    if (target == String.class) {
      return value instanceof byte[] ? null : value.toString();
    }
    if (target == Long.class) {
      if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
        return ((Number) value).longValue(); // widening, the common case: no BigDecimal
      }
      return toBigDecimal(value) instanceof BigDecimal d ? d.longValueExact() : null;
    }
    if (target == Integer.class) {
      if (value instanceof Long l && l == (int) (long) l) {
        return (int) (long) l;
      }
      if (value instanceof Short || value instanceof Byte) {
        return ((Number) value).intValue();
      }
      return toBigDecimal(value) instanceof BigDecimal d ? d.intValueExact() : null;
    }
    if (target == Short.class) {
      return toBigDecimal(value) instanceof BigDecimal d ? d.shortValueExact() : null;
    }
    if (target == Byte.class) {
      return toBigDecimal(value) instanceof BigDecimal d ? d.byteValueExact() : null;
    }
    if (target == BigInteger.class) {
      return toBigDecimal(value) instanceof BigDecimal d ? d.toBigIntegerExact() : null;
    }
    if (target == BigDecimal.class) {
      return toBigDecimal(value);
    }
    if (target == Double.class) {
      return value instanceof Number n
          ? n.doubleValue()
          : value instanceof String s ? Double.parseDouble(s.trim()) : null;
    }
    if (target == Float.class) {
      return value instanceof Number n
          ? n.floatValue()
          : value instanceof String s ? Float.parseFloat(s.trim()) : null;
    }
    if (target == Boolean.class) {
      return toBoolean(value);
    }
    if (target == LocalDate.class) {
      return switch (value) {
        case String s -> LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        case java.sql.Date d -> d.toLocalDate();
        default -> null;
      };
    }
    if (target == LocalTime.class) {
      return switch (value) {
        case String s -> LocalTime.parse(s);
        case java.sql.Time t -> t.toLocalTime();
        default -> null;
      };
    }
    if (target == LocalDateTime.class) {
      return switch (value) {
        case String s -> LocalDateTime.parse(s, LOCAL_DATE_TIME);
        case java.sql.Timestamp t -> t.toLocalDateTime();
        default -> null;
      };
    }
    if (target == OffsetDateTime.class) {
      return switch (value) {
        case String s -> parseOffsetDateTime(s);
        case LocalDateTime t -> t.atOffset(ZoneOffset.UTC);
        case Instant i -> i.atOffset(ZoneOffset.UTC);
        case java.sql.Timestamp t -> t.toInstant().atOffset(ZoneOffset.UTC);
        default -> null;
      };
    }
    if (target == Instant.class) {
      return switch (value) {
        case String s -> parseOffsetDateTime(s).toInstant();
        case OffsetDateTime t -> t.toInstant();
        case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
        case java.sql.Timestamp t -> t.toInstant();
        default -> null;
      };
    }
    if (target == UUID.class) {
      return switch (value) {
        case String s -> UUID.fromString(s.trim());
        case byte[] b when b.length == 16 -> {
          ByteBuffer buffer = ByteBuffer.wrap(b);
          yield new UUID(buffer.getLong(), buffer.getLong());
        }
        default -> null;
      };
    }
    if (target == byte[].class) {
      return value instanceof java.sql.Blob blob ? readBlob(blob) : null;
    }
    if (target.isEnum() && value instanceof String s) {
      return enumValue(target, s);
    }
    return null;
  }

  private static OffsetDateTime parseOffsetDateTime(String text) {
    var parsed = OFFSET_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime odt
        ? odt
        : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
  }

  private static BigDecimal toBigDecimal(Object value) {
    return switch (value) {
      case BigDecimal d -> d;
      case BigInteger b -> new BigDecimal(b);
      case Long l -> BigDecimal.valueOf(l);
      case Integer i -> BigDecimal.valueOf(i);
      case Short s -> BigDecimal.valueOf(s);
      case Byte b -> BigDecimal.valueOf(b);
      case Double d -> new BigDecimal(Double.toString(d));
      case Float f -> new BigDecimal(Float.toString(f));
      case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
      case String s -> new BigDecimal(s.trim());
      default -> null;
    };
  }

  private static Boolean toBoolean(Object value) {
    return switch (value) {
      case Number n when n.longValue() == 0 && n.doubleValue() == 0 -> false;
      case Number n when n.longValue() == 1 && n.doubleValue() == 1 -> true;
      case String s ->
          switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "1", "t", "true", "y", "yes" -> true;
            case "0", "f", "false", "n", "no" -> false;
            default -> null;
          };
      default -> null;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> type, String name) {
    return Enum.valueOf((Class) type, name);
  }

  private static byte[] readBlob(java.sql.Blob blob) {
    try {
      return blob.getBytes(1, (int) blob.length());
    } catch (java.sql.SQLException e) {
      throw new IllegalArgumentException("Could not read BLOB value: " + e.getMessage(), e);
    }
  }

  private static Class<?> boxed(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      case "boolean" -> Boolean.class;
      case "char" -> Character.class;
      default -> type;
    };
  }

  private static IllegalArgumentException refuse(Object value, Class<?> type, Exception cause) {
    String shown = value instanceof byte[] b ? "byte[" + b.length + "]" : "'" + value + "'";
    return new IllegalArgumentException(
        "a "
            + value.getClass().getName()
            + " ("
            + shown
            + ") cannot be read as "
            + type.getName()
            + (cause == null ? "" : ": " + cause.getMessage()),
        cause);
  }
}
