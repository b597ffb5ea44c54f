package dev.retort.benchmarks.jmh;

import static dev.retort.sql.Sql.select;

import dev.retort.benchmarks.BenchSchema;
import dev.retort.dialect.Dialect;
import dev.retort.engine.Engine;
import dev.retort.engine.internal.CompileCache;
import dev.retort.engine.internal.Parameters;
import dev.retort.sql.Executable;
import dev.retort.sql.compile.Compiled;
import dev.retort.sql.expr.Select;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The executing side of a repeated Core statement, {@code select(item).where(item.id.eq(?))} with a
 * new value each time, without the database: build the statement, then either find its compiled
 * form in the engine's cache ({@link #hit}: cache key, lookup, embedded parameters, parameter
 * array, as {@code Connection.execute} does) or compile it again ({@link #miss}). {@link #build}
 * alone is the floor both include.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CompileCacheBenchmark {
  /** The dialect the statement compiles for. */
  @Param({"postgresql"})
  public String dialectName;

  private BenchSchema schema;
  private Dialect dialect;
  private CompileCache cache;
  private long id;

  /** Creates the schema and a warm cache holding the statement's compiled form. */
  @Setup(Level.Trial)
  public void setUp() {
    schema = new BenchSchema();
    String url =
        switch (dialectName) {
          case "postgresql" -> "postgresql://bench@127.0.0.1:5432/bench";
          case "mariadb" -> "mariadb://bench@127.0.0.1:3306/bench";
          default -> "sqlite://";
        };
    try (Engine engine = Engine.create(url)) { // never connects
      dialect = engine.dialect();
    }
    cache = new CompileCache(dialect, 1000);
    cache.get(statement());
  }

  private Select statement() {
    id = id % 100_000 + 1;
    return select(schema.item.table).where(schema.item.id.eq(id));
  }

  /** Builds the statement only. */
  @Benchmark
  public Select build() {
    return statement();
  }

  /** Builds the statement and finds it in the cache: the path of every repeated execute. */
  @Benchmark
  public void hit(Blackhole bh) {
    Select s = statement();
    Executable.Bindings bindings = s.bindings();
    Compiled compiled = cache.get(s, bindings.cacheKey(), false);
    bh.consume(Parameters.resolve(compiled, bindings.values(), Map.of(), ""));
  }

  /** Builds the statement and compiles it, as if there were no cache. */
  @Benchmark
  public void miss(Blackhole bh) {
    Select s = statement();
    Compiled compiled = dialect.compile(s);
    bh.consume(Parameters.resolve(compiled, s.bindings().values(), Map.of(), ""));
  }
}
