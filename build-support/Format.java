import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import com.google.googlejavaformat.java.ImportOrderer;
import com.google.googlejavaformat.java.JavaFormatterOptions;
import com.google.googlejavaformat.java.RemoveUnusedImports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build's formatter check: google-java-format over every Java source below a directory.
 * Run by exec:exec on the toolchain JDK (google-java-format parses with the JDK it runs on, and
 * Maven itself may run on one too old for Java 21 syntax).
 *
 * <p>Usage: {@code java -cp google-java-format.jar Format.java check|apply DIR}
 */
public class Format {
  public static void main(String[] args) throws IOException {
    boolean apply = args[0].equals("apply");
    Path root = Path.of(args[1]);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/"))
              .filter(p -> !p.toString().contains("/target/"))
              .sorted()
              .toList();
    }
    Formatter formatter = new Formatter();
    List<Path> unformatted = new ArrayList<>();
    for (Path file : files) {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      String formatted;
      try {
        formatted =
            formatter.formatSource(
                ImportOrderer.reorderImports(
                    RemoveUnusedImports.removeUnusedImports(source), JavaFormatterOptions.Style.GOOGLE));
      } catch (FormatterException e) {
        System.err.println(file + ": " + e.getMessage());
        System.exit(2);
        return;
      }
      if (!formatted.equals(source)) {
        unformatted.add(root.relativize(file));
        if (apply) {
          Files.writeString(file, formatted, StandardCharsets.UTF_8);
        }
      }
    }
    if (apply) {
      System.out.println("google-java-format: reformatted " + unformatted.size() + " of " + files.size() + " files");
    } else if (!unformatted.isEmpty()) {
      System.err.println("google-java-format: " + unformatted.size() + " files are not formatted:");
      unformatted.forEach(f -> System.err.println("  " + f));
      System.err.println("Fix with: mvn -Pformat validate");
      System.exit(1);
    } else {
      System.out.println("google-java-format: " + files.size() + " files formatted");
    }
  }
}
