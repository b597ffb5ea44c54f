package dev.retort.orm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.orm.model.Address_;
import dev.retort.orm.model.User;
import dev.retort.orm.model.User_;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated metamodel is bound to the mapped Core columns and typed. */
class MetamodelTest {
  @Test
  void fieldsAreTheMappedColumns() {
    assertThat(User_.TABLE).isSameAs(Orm.table(User.class));
    assertThat(User_.name).isSameAs(Orm.table(User.class).column("name"));
    assertThat(User_.name.javaType()).isEqualTo(String.class);
    assertThat(User_.version.javaType()).isEqualTo(Long.class);
    // A many-to-one gives its foreign-key column too.
    assertThat(Address_.userId.name()).isEqualTo("user_id");
    assertThat(Address_.user.target()).isEqualTo(User.class);
    assertThat(User_.addresses.name()).isEqualTo("addresses");
  }

  @Test
  void comparingWithAValueOfTheWrongTypeDoesNotCompile(@TempDir Path out) throws Exception {
    String ok = "class Ok { Object p = dev.retort.orm.model.User_.name.eq(\"ann\"); }";
    String bad = "class Bad { Object p = dev.retort.orm.model.User_.name.eq(42); }";
    assertThat(compile(out, "Ok", ok)).isEmpty();
    assertThat(compile(out, "Bad", bad)).contains("no suitable method found for eq(int)");
  }

  private static String compile(Path out, String name, String source) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    SimpleJavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///" + name + ".java"), SimpleJavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignore) {
            return source;
          }
        };
    Files.createDirectories(out);
    javac
        .getTask(
            errors,
            null,
            null,
            List.of(
                "-proc:none", "-d", out.toString(), "-cp", System.getProperty("java.class.path")),
            null,
            List.of(file))
        .call();
    return errors.toString();
  }
}
