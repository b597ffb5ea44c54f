package dev.retort.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.ConnectSpec;
import dev.retort.error.ArgumentException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing database URLs, and the errors a bad one gives. No database. */
class EngineUrlTest {
  private static final String SECRET = "s3cr3tPw";

  @Test
  void sqliteRelativePath() {
    EngineUrl url = EngineUrl.parse("sqlite:///rel.db");
    assertThat(url.scheme()).isEqualTo("sqlite");
    assertThat(url.spec().database()).isEqualTo("rel.db");
    assertThat(url.spec().host()).isNull();
  }

  @Test
  void sqliteAbsolutePath() {
    EngineUrl url = EngineUrl.parse("sqlite:////abs/file.db");
    assertThat(url.spec().database()).isEqualTo("/abs/file.db");
  }

  @Test
  void sqliteInMemory() {
    for (String text : new String[] {"sqlite://", "sqlite:///:memory:"}) {
      EngineUrl url = EngineUrl.parse(text);
      assertThat(url.spec().database()).as(text).isNull();
      try (Engine engine = Engine.create(text)) {
        assertThat(engine.dialect().sharesSingleConnection(url.spec())).isTrue();
      }
    }
  }

  @Test
  void postgresqlWithCredentialsPortAndOptions() {
    String text = "postgresql://user:p%40ss@host:5433/db?sslmode=disable&pool_size=5";
    EngineUrl url = EngineUrl.parse(text);
    ConnectSpec spec = url.spec();
    assertThat(url.scheme()).isEqualTo("postgresql");
    assertThat(spec.user()).isEqualTo("user");
    assertThat(spec.password()).isEqualTo("p@ss");
    assertThat(spec.host()).isEqualTo("host");
    assertThat(spec.port()).isEqualTo(5433);
    assertThat(spec.database()).isEqualTo("db");
    assertThat(spec.driverOptions()).isEqualTo(Map.of("sslmode", "disable"));
    assertThat(url.engineOptions()).isEqualTo(Map.of("pool_size", "5"));
    assertThat(url.toString()).doesNotContain("p%40ss").doesNotContain("p@ss").contains("***");
    assertThat(url.text()).isEqualTo(text);

    // Creating an engine does not connect, so an unresolvable host is fine here.
    try (Engine engine = Engine.create(text)) {
      assertThat(engine.options().poolSize()).isEqualTo(5);
      assertThat(engine.dialect().name()).isEqualTo("postgresql");
      assertThat(engine.dialect().jdbcUrl(spec)).isEqualTo("jdbc:postgresql://host:5433/db");
      Properties props = engine.dialect().driverProperties(spec);
      assertThat(props.getProperty("sslmode")).isEqualTo("disable");
      assertThat(props).doesNotContainKey("pool_size");
      assertThat(engine.toString()).doesNotContain("p@ss");
    }
  }

  @Test
  void urlOptionsOverrideCodeOptions() {
    try (Engine engine =
        Engine.create(
            "postgresql://h/db?pool_size=3&acquire_timeout=500ms&echo=true",
            EngineOptions.defaults().withPoolSize(20))) {
      assertThat(engine.options().poolSize()).isEqualTo(3);
      assertThat(engine.options().acquireTimeout().toMillis()).isEqualTo(500);
      assertThat(engine.options().echo()).isTrue();
    }
  }

  @Test
  void postgresAliasAndDefaults() {
    EngineUrl url = EngineUrl.parse("postgres://localhost");
    assertThat(url.scheme()).isEqualTo("postgres");
    assertThat(url.spec().port()).isNull();
    assertThat(url.spec().database()).isNull();
    assertThat(url.spec().user()).isNull();
    assertThat(url.spec().password()).isNull();
  }

  @Test
  void mysqlAndMariadb() {
    EngineUrl mysql = EngineUrl.parse("mysql://root@db.example.com/app?useSSL=false");
    assertThat(mysql.scheme()).isEqualTo("mysql");
    assertThat(mysql.spec().host()).isEqualTo("db.example.com");
    assertThat(mysql.spec().port()).isNull();
    assertThat(mysql.spec().user()).isEqualTo("root");
    assertThat(mysql.spec().password()).isNull();
    assertThat(mysql.spec().database()).isEqualTo("app");
    assertThat(mysql.spec().driverOptions()).containsEntry("useSSL", "false");

    EngineUrl maria = EngineUrl.parse("mariadb://u:pw@127.0.0.1:3307/test");
    assertThat(maria.scheme()).isEqualTo("mariadb");
    assertThat(maria.spec().port()).isEqualTo(3307);
    try (Engine engine = Engine.create("mariadb://u:pw@127.0.0.1:3307/test")) {
      assertThat(engine.dialect().name()).isEqualTo("mariadb");
      assertThat(engine.dialect().jdbcUrl(maria.spec()))
          .isEqualTo("jdbc:mariadb://127.0.0.1:3307/test");
    }
  }

  @Test
  void passwordWithAnUnencodedAtSignSplitsAtTheLastOne() {
    EngineUrl url = EngineUrl.parse("postgresql://user:pa@ss@host/db");
    assertThat(url.spec().password()).isEqualTo("pa@ss");
    assertThat(url.spec().host()).isEqualTo("host");
    assertThat(url.toString()).doesNotContain("pa@ss").doesNotContain("ss@host");
  }

  @Test
  void aPasswordQueryOptionIsMaskedToo() {
    EngineUrl url = EngineUrl.parse("postgresql://host/db?user=u&password=" + SECRET);
    assertThat(url.spec().driverOptions()).containsEntry("password", SECRET);
    assertThat(url.toString()).doesNotContain(SECRET);
  }

  @Test
  void unknownSchemeIsNamed() {
    assertThatThrownBy(() -> EngineUrl.parse("oracle://scott:" + SECRET + "@host/db"))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("oracle")
        .hasMessageContaining("scott")
        .hasMessageNotContaining(SECRET);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql:/user:" + SECRET + "@host/db", // no "://"
        "postgresql:user:" + SECRET + "@host/db", // no "://"
        "postgresql://user:" + SECRET + "@host:54x2/db", // bad port
        "postgresql://user:" + SECRET + "@host:99999/db", // port out of range
        "postgresql://user:" + SECRET + "@/db", // missing host
        "mysql://user:" + SECRET + "@:3306/db", // missing host
        "postgresql://user:" + SECRET + "@host/db?sslmode", // option without a value
        "postgresql://user:" + SECRET + "@host/db%zz", // bad percent-encoding
        "postgresql://user:ab@" + SECRET + "@host:0/db", // "@" inside the password
        "sqlite://user:" + SECRET + "@host/file.db", // SQLite has no host
      })
  void malformedUrlsAreRefusedWithThePasswordMasked(String url) {
    assertThatThrownBy(() -> Engine.create(url))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("Malformed database URL")
        .hasMessageContaining("host")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void emptyUrl() {
    assertThatThrownBy(() -> EngineUrl.parse(" "))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("empty");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pool_size=abc",
        "pool_size=0",
        "acquire_timeout=fast",
        "acquire_timeout=0",
        "isolation_level=sometimes",
        "echo=maybe",
      })
  void badOptionValuesNameTheOptionAndTheMaskedUrl(String option) {
    String url = "postgresql://user:" + SECRET + "@host/db?" + option;
    String name = option.substring(0, option.indexOf('='));
    assertThatThrownBy(() -> Engine.create(url))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("postgresql://user:***@host/db")
        .hasMessageNotContaining(SECRET);
  }
}
