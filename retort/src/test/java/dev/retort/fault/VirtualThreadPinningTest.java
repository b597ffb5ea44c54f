package dev.retort.fault;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.async.AsyncEngine;
import dev.retort.engine.Connection;
import dev.retort.engine.EngineOptions;
import dev.retort.engine.RetryPolicy;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import dev.retort.testing.SlowQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * Virtual threads must never be pinned to their carrier by Retort's code: it holds no monitor
 * ({@code synchronized}) and parks only where the JDK can unmount. JFR records every {@code
 * jdk.VirtualThreadPinned} event while sync and async work runs concurrently on PostgreSQL and
 * MariaDB; none may have a frame of Retort's library on its stack. The one exception is the JVM
 * loading or initializing a class of another library (a driver loading a class under a Retort call,
 * say), a one-time cost the JDK pins for; the work runs once before the recording so that this
 * stays rare.
 */
class VirtualThreadPinningTest {
  private static final CodeSource LIBRARY =
      dev.retort.engine.Engine.class.getProtectionDomain().getCodeSource();

  /** A class whose initializer blocks: a virtual thread that runs it is pinned (a known case). */
  private static final class PinsOnPurpose {
    static {
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    static void touch() {}
  }

  @Test
  void retortCodeHoldsNoMonitor() throws IOException {
    Pattern monitor = Pattern.compile("\\bsynchronized\\b|\\.wait\\(|\\.notify(All)?\\(");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String code = lines.get(i).replaceAll("//.*|/\\*.*|^\\s*\\*.*", "");
          if (monitor.matcher(code).find()) {
            offenders.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    assertThat(offenders).as("use ReentrantLock, not monitors").isEmpty();
  }

  @Test
  void noPinnedVirtualThreadHasRetortCodeOnItsStack() throws Exception {
    Backend.POSTGRESQL.requireAvailable();
    Backend.MARIADB.requireAvailable();
    List<RecordedEvent> pinned = new CopyOnWriteArrayList<>();
    try (RecordingStream recording = new RecordingStream()) {
      recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
      recording.onEvent("jdk.VirtualThreadPinned", pinned::add);
      workload(Backend.POSTGRESQL); // warm-up: load the classes the work needs
      workload(Backend.MARIADB);
      recording.startAsync();

      workload(Backend.POSTGRESQL);
      workload(Backend.MARIADB);

      // The control: a pin caused on purpose must be seen, or the recording proves nothing. It
      // comes last, so once it arrives, the events of the workload have arrived too.
      Thread.ofVirtual().start(PinsOnPurpose::touch).join();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (pinned.stream().noneMatch(e -> hasFrameOf(e, PinsOnPurpose.class.getName()))) {
        assertThat(System.nanoTime()).as("JFR delivered no pinned event").isLessThan(deadline);
        Thread.sleep(50);
      }
    }
    List<String> ours = new ArrayList<>();
    for (RecordedEvent event : pinned) {
      if (event.getStackTrace().getFrames().stream()
              .anyMatch(f -> isRetortLibraryClass(f.getMethod().getType().getName()))
          && !isOtherLibrarysClassLoading(event)) {
        ours.add(event.toString());
      }
    }
    assertThat(ours).as("pinned virtual threads with Retort code on the stack").isEmpty();
    System.out.printf(
        "pinning: %d jdk.VirtualThreadPinned events recorded (the control included), 0 with"
            + " Retort code on the stack%n",
        pinned.size());
  }

  /**
   * Whether the JVM pinned the thread to load or initialize a class that is not Retort's: the
   * frames above the first non-JDK one load a class, or the reason names another class's
   * initializer.
   */
  private boolean isOtherLibrarysClassLoading(RecordedEvent event) {
    String reason = event.hasField("pinnedReason") ? event.getString("pinnedReason") : null;
    if (reason != null && reason.contains(".<clinit>")) {
      String type = reason.substring(0, reason.indexOf(".<clinit>"));
      type = type.substring(type.lastIndexOf(' ') + 1);
      return !isRetortLibraryClass(type);
    }
    for (RecordedFrame frame : event.getStackTrace().getFrames()) {
      String type = frame.getMethod().getType().getName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return false;
      }
      if (type.endsWith("ClassLoader") && frame.getMethod().getName().startsWith("loadClass")) {
        return true;
      }
    }
    return false;
  }

  /** Sync work on virtual threads, async tasks, streams, retries, cancellations and timeouts. */
  private static void workload(Backend backend) throws Exception {
    try (AsyncEngine engine =
            AsyncEngine.of(
                backend.engine(
                    EngineOptions.defaults()
                        .withPoolSize(8)
                        .withAcquireTimeout(Duration.ofSeconds(60))
                        .withStatementTimeout(Duration.ofSeconds(30))));
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      engine
          .sync()
          .useTransaction(
              conn -> {
                conn.execute(text("DROP TABLE IF EXISTS pin_item"));
                conn.execute(text("CREATE TABLE pin_item (id INTEGER PRIMARY KEY, n INTEGER)"));
                conn.execute(text("INSERT INTO pin_item (id, n) VALUES (1, 0)"));
              });
      List<Future<?>> sync = new ArrayList<>();
      for (int t = 0; t < 40; t++) {
        sync.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    engine
                        .sync()
                        .useTransaction(
                            RetryPolicy.defaults().withMaxAttempts(100),
                            conn ->
                                conn.execute(text("UPDATE pin_item SET n = n + 1 WHERE id = 1")));
                  }
                }));
      }
      List<CompletableFuture<?>> async = new ArrayList<>();
      for (int t = 0; t < 100; t++) {
        async.add(
            engine.withConnection(
                conn ->
                    conn.execute(text("SELECT n FROM pin_item WHERE id = :id"), Map.of("id", 1))
                        .thenCompose(r -> conn.stream(text("SELECT id, n FROM pin_item"), Map.of()))
                        .thenCompose(rows -> rows.all())));
      }
      for (int t = 0; t < 10; t++) {
        CompletableFuture<?> slow =
            engine.withConnection(conn -> conn.execute(SlowQuery.of(engine.sync().dialect())));
        Thread.sleep(20);
        slow.cancel(true);
        async.add(slow.exceptionally(e -> null));
      }
      for (Future<?> f : sync) {
        f.get(120, TimeUnit.SECONDS);
      }
      CompletableFuture.allOf(async.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      try (Connection conn = engine.sync().connect()) {
        assertThat(conn.execute(text("SELECT n FROM pin_item")).scalarOne(Integer.class))
            .isEqualTo(400);
      }
      Pools.assertAllReturned(engine.sync());
    }
  }

  private static boolean hasFrameOf(RecordedEvent event, String className) {
    return event.getStackTrace() != null
        && event.getStackTrace().getFrames().stream()
            .anyMatch(f -> f.getMethod().getType().getName().equals(className));
  }

  /** Whether the class is Retort's library code (not these tests, also in dev.retort.*). */
  private boolean isRetortLibraryClass(String name) {
    if (!name.startsWith("dev.retort.")) {
      return false;
    }
    // A lambda's hidden class is named after the class that defines it.
    int hidden = name.indexOf("$$");
    String host = hidden < 0 ? name : name.substring(0, hidden);
    try {
      Class<?> type = Class.forName(host, false, getClass().getClassLoader());
      return Objects.equals(type.getProtectionDomain().getCodeSource(), LIBRARY);
    } catch (ClassNotFoundException e) {
      return true; // cannot tell: count it as ours
    }
  }
}
