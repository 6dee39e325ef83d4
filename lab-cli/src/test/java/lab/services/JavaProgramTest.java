package lab.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaProgramTest {

  @TempDir Path root;

  @Test
  void optionsFromTheProgramsEnvironmentVariableAreSplitOnWhitespace() {
    Map<String, String> env = Map.of("LAB_ETL_JAVA_OPTS", "  -Xmx512m   -Dspark.cores.max=2 ");

    assertThat(JavaProgram.optionsFromEnvironment("etl", env))
        .containsExactly("-Xmx512m", "-Dspark.cores.max=2");
    assertThat(JavaProgram.optionsFromEnvironment("cdc", env)).isEmpty();
    assertThat(JavaProgram.optionsFromEnvironment("etl", Map.of("LAB_ETL_JAVA_OPTS", " ")))
        .isEmpty();
    // a shell cannot set a name with a hyphen
    assertThat(
            JavaProgram.optionsFromEnvironment(
                "etl-backfill", Map.of("LAB_ETL_BACKFILL_JAVA_OPTS", "-Xmx2g")))
        .containsExactly("-Xmx2g");
  }

  @Test
  void aModuleProgramRunsItsClassesBeforeTheBuiltClasspath() throws IOException {
    Path target = Files.createDirectories(root.resolve("streaming/cdc/target"));
    Files.writeString(target.resolve("runtime.classpath"), "/m2/a.jar:/m2/b.jar\n");

    JavaProgram cdc =
        JavaProgram.fromModule(root, "streaming/cdc", "cdc", "lab.Main", List.of("-Xmx256m"));

    assertThat(cdc.classpath())
        .containsExactly(target.resolve("classes").toString(), "/m2/a.jar", "/m2/b.jar");
    assertThat(cdc.jvmOptions()).startsWith("-Xmx256m");
  }

  @Test
  void anUnbuiltModuleSaysHowToBuildIt() {
    assertThatThrownBy(() -> JavaProgram.fromModule(root, "warehouse", "wh", "lab.Main", List.of()))
        .isInstanceOf(LabException.class)
        .hasMessageContaining("runtime.classpath is missing")
        .hasMessageContaining("./mvnw -DskipTests package");
  }
}
