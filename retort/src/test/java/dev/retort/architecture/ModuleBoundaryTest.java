package dev.retort.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Checks the layering of DESIGN.md: packages depend only downwards; internals stay private. */
class ModuleBoundaryTest {
  /** Layers, lowest first; a package may use only its own layer and those before it. */
  private static final List<String> LAYERS =
      List.of("error", "sql", "dialect", "engine", "orm", "async");

  private static final Pattern REFERENCE = Pattern.compile("dev\\.retort\\.([a-z]+)");
  private static final Path SOURCES = Path.of("src/main/java/dev/retort");

  @Test
  void packagesDependOnlyOnLowerLayers() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String layer = SOURCES.relativize(file).getName(0).toString();
        int own = LAYERS.indexOf(layer);
        assertThat(own).as("%s is in no known layer", file).isNotNegative();
        Matcher m = REFERENCE.matcher(Files.readString(file));
        while (m.find()) {
          int used = LAYERS.indexOf(m.group(1));
          if (used > own) {
            violations.add(file + " (" + layer + ") uses dev.retort." + m.group(1));
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void moduleExportsOnlyThePublicApi() throws IOException {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    Set<String> exported =
        descriptor.exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(exported).noneMatch(p -> p.contains("internal"));
    // Every public package is exported, so nothing public is unreachable by accident.
    Path classes = Path.of("target/classes");
    Set<String> packages;
    try (Stream<Path> files = Files.walk(classes)) {
      packages =
          files
              .filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))
              .map(f -> classes.relativize(f.getParent()).toString().replace('/', '.'))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(packages).anyMatch(p -> p.contains("internal"));
    assertThat(exported)
        .isEqualTo(
            packages.stream()
                .filter(p -> !p.contains("internal"))
                .collect(Collectors.toCollection(TreeSet::new)));
    assertThat(descriptor.name()).isEqualTo("dev.retort");
  }
}
