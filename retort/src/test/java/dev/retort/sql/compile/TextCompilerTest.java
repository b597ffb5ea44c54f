package dev.retort.sql.compile;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Compiling plain SQL: where {@code :name} is a parameter and where it is not. No database. */
class TextCompilerTest {
  private static final TextSyntax POSTGRES = TextSyntax.POSTGRESQL;
  private static final TextSyntax MYSQL = TextSyntax.MYSQL;

  private static Compiled compile(TextSyntax syntax, String sql) {
    return new TextCompiler(syntax).compile(text(sql));
  }

  @Test
  void namedParametersBecomePositionalPlaceholdersInOrder() {
    Compiled c =
        compile(TextSyntax.STANDARD, "SELECT * FROM t WHERE a = :alpha AND b=:b_2 OR c = :Ça");
    assertThat(c.sql()).isEqualTo("SELECT * FROM t WHERE a = ? AND b=? OR c = ?");
    assertThat(c.parameterNames()).containsExactly("alpha", "b_2", "Ça");
    assertThat(c.generatedKeyColumns()).isEmpty();
  }

  @Test
  void aParameterAtTheVeryStartOrEndIsFound() {
    Compiled c = compile(TextSyntax.STANDARD, ":first, :last");
    assertThat(c.sql()).isEqualTo("?, ?");
    assertThat(c.parameterNames()).containsExactly("first", "last");
  }

  @Test
  void aRepeatedNameGetsOnePlaceholderPerOccurrence() {
    Compiled c = compile(TextSyntax.STANDARD, "SELECT :x + :y + :x");
    assertThat(c.sql()).isEqualTo("SELECT ? + ? + ?");
    assertThat(c.parameterNames()).containsExactly("x", "y", "x");
  }

  @Test
  void doubleColonCastsAreKept() {
    Compiled c = compile(POSTGRES, "SELECT :v::int, x::text, :w::timestamp(6) FROM t");
    assertThat(c.sql()).isEqualTo("SELECT ?::int, x::text, ?::timestamp(6) FROM t");
    assertThat(c.parameterNames()).containsExactly("v", "w");
  }

  @Test
  void colonsAfterANameCharacterAreNotParameters() {
    // "12:30" outside quotes and an array slice: neither starts a parameter.
    Compiled c = compile(POSTGRES, "SELECT arr[1:2], a:b FROM t WHERE x = :x");
    assertThat(c.sql()).isEqualTo("SELECT arr[1:2], a:b FROM t WHERE x = ?");
    assertThat(c.parameterNames()).containsExactly("x");
  }

  @Test
  void colonsInsideStringLiteralsAreIgnored() {
    Compiled c = compile(TextSyntax.STANDARD, "SELECT ':not', 'it''s :still_not', :yes FROM t");
    assertThat(c.sql()).isEqualTo("SELECT ':not', 'it''s :still_not', ? FROM t");
    assertThat(c.parameterNames()).containsExactly("yes");
  }

  @Test
  void colonsInsideQuotedIdentifiersAreIgnored() {
    Compiled c = compile(TextSyntax.STANDARD, "SELECT \"a:b\", \"x\"\":y\", `c:d` FROM t WHERE :p");
    assertThat(c.sql()).isEqualTo("SELECT \"a:b\", \"x\"\":y\", `c:d` FROM t WHERE ?");
    assertThat(c.parameterNames()).containsExactly("p");
  }

  @Test
  void backticksQuoteOnlyWhereTheDialectSaysSo() {
    assertThat(compile(MYSQL, "SELECT `:a` FROM t").parameterNames()).isEmpty();
    assertThat(compile(POSTGRES, "SELECT `:a` FROM t").parameterNames()).containsExactly("a");
  }

  @Test
  void colonsInsideCommentsAreIgnored() {
    Compiled c =
        compile(
            TextSyntax.STANDARD,
            "SELECT 1 -- a :line comment\n, :a /* a :block\n comment */ FROM t -- :end");
    assertThat(c.sql())
        .isEqualTo("SELECT 1 -- a :line comment\n, ? /* a :block\n comment */ FROM t -- :end");
    assertThat(c.parameterNames()).containsExactly("a");
  }

  @Test
  void colonsInsideDollarQuotesAreIgnoredOnPostgres() {
    Compiled c =
        compile(
            POSTGRES,
            "DO $$ BEGIN RAISE NOTICE 'it''s :x'; END $$; SELECT $fn$ :y 'unbalanced $fn$, :z");
    assertThat(c.sql())
        .isEqualTo(
            "DO $$ BEGIN RAISE NOTICE 'it''s :x'; END $$; SELECT $fn$ :y 'unbalanced $fn$, ?");
    assertThat(c.parameterNames()).containsExactly("z");
  }

  @Test
  void positionalDollarParametersAreNotDollarQuotes() {
    Compiled c = compile(POSTGRES, "SELECT $1, :a, $2");
    assertThat(c.sql()).isEqualTo("SELECT $1, ?, $2");
    assertThat(c.parameterNames()).containsExactly("a");
  }

  @Test
  void backslashColonIsALiteralColon() {
    Compiled c = compile(TextSyntax.STANDARD, "SELECT x\\:y, \\:z, :p");
    assertThat(c.sql()).isEqualTo("SELECT x:y, :z, ?");
    assertThat(c.parameterNames()).containsExactly("p");
  }

  @Test
  void backslashEscapesInMysqlStrings() {
    Compiled single = compile(MYSQL, "SELECT 'it\\'s :not', 'a\\\\', :yes");
    assertThat(single.sql()).isEqualTo("SELECT 'it\\'s :not', 'a\\\\', ?");
    assertThat(single.parameterNames()).containsExactly("yes");

    // In MySQL's default mode "..." is a string literal too, with the same escapes.
    Compiled dbl = compile(MYSQL, "SELECT \"say \\\":no\\\"\", :yes");
    assertThat(dbl.sql()).isEqualTo("SELECT \"say \\\":no\\\"\", ?");
    assertThat(dbl.parameterNames()).containsExactly("yes");
  }

  @Test
  void backslashesAreOrdinaryInStandardStrings() {
    // Standard SQL: 'a\' is a complete literal, so :p after it is a parameter.
    Compiled c = compile(POSTGRES, "SELECT 'a\\', :p");
    assertThat(c.sql()).isEqualTo("SELECT 'a\\', ?");
    assertThat(c.parameterNames()).containsExactly("p");
  }

  @Test
  void hashStartsALineCommentOnMysql() {
    Compiled c = compile(MYSQL, "SELECT :a # it's a :comment\n, :b #:end");
    assertThat(c.sql()).isEqualTo("SELECT ? # it's a :comment\n, ? #:end");
    assertThat(c.parameterNames()).containsExactly("a", "b");
  }

  @Test
  void hashIsAnOperatorElsewhere() {
    // PostgreSQL's # is bitwise XOR: what follows it is still SQL.
    Compiled c = compile(POSTGRES, "SELECT :a # :b");
    assertThat(c.sql()).isEqualTo("SELECT ? # ?");
    assertThat(c.parameterNames()).containsExactly("a", "b");
    assertThat(compile(TextSyntax.STANDARD, "SELECT :a # :b").parameterNames())
        .containsExactly("a", "b");
  }

  @Test
  void escapeStringsTakeBackslashEscapesOnPostgres() {
    Compiled c = compile(POSTGRES, "SELECT E'it\\'s :x', e'a\\\\', E'q''s :y', :p");
    assertThat(c.sql()).isEqualTo("SELECT E'it\\'s :x', e'a\\\\', E'q''s :y', ?");
    assertThat(c.parameterNames()).containsExactly("p");
  }

  @Test
  void anEBeforeAQuoteInsideANameIsNotAnEscapeStringPrefix() {
    // "somE'a\'" is the name somE then the plain string 'a\', which ends at its quote.
    Compiled c = compile(POSTGRES, "SELECT somE'a\\', :p");
    assertThat(c.parameterNames()).containsExactly("p");
  }

  @Test
  void escapeStringsAreOnlyAPostgresForm() {
    // Elsewhere E'a\' is the name E then 'a\': a standard literal ending at its quote.
    Compiled c = compile(TextSyntax.STANDARD, "SELECT E'a\\', :p");
    assertThat(c.sql()).isEqualTo("SELECT E'a\\', ?");
    assertThat(c.parameterNames()).containsExactly("p");
  }

  @Test
  void blockCommentsNestOnPostgres() {
    Compiled c = compile(POSTGRES, "SELECT /* a /* b */ :x */ :p /* /* */ :y **/ /*/ :z */");
    assertThat(c.sql()).isEqualTo("SELECT /* a /* b */ :x */ ? /* /* */ :y **/ /*/ :z */");
    assertThat(c.parameterNames()).containsExactly("p");
  }

  @Test
  void anUnclosedNestedCommentRunsToTheEndOnPostgres() {
    Compiled c = compile(POSTGRES, "SELECT :p /* a /* b */ :x");
    assertThat(c.sql()).isEqualTo("SELECT ? /* a /* b */ :x");
    assertThat(c.parameterNames()).containsExactly("p");
  }

  @Test
  void blockCommentsEndAtTheFirstCloseOnMysqlAndSqlite() {
    for (TextSyntax syntax : List.of(MYSQL, TextSyntax.STANDARD)) {
      Compiled c = compile(syntax, "SELECT /* a /* b */ :x");
      assertThat(c.sql()).isEqualTo("SELECT /* a /* b */ ?");
      assertThat(c.parameterNames()).containsExactly("x");
    }
  }

  @Test
  void generatedKeyColumnsAreCarriedThrough() {
    Compiled c =
        new TextCompiler(TextSyntax.STANDARD)
            .compile(text("INSERT INTO t (a) VALUES (:a)").returningGeneratedKeys("id"));
    assertThat(c.generatedKeyColumns()).isEqualTo(List.of("id"));
    assertThat(c.parameterNames()).containsExactly("a");
  }
}
