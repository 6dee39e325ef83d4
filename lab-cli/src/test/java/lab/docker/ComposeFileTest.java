package lab.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml keeps the promises of docker/README.md, checked without Docker: pinned
 * images, health-gated start order, loopback-only ports, memory limits within the budget.
 */
class ComposeFileTest {

  private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
  private static final long DEFAULT_BUDGET_MB = 4096;
  private static final long TINY_BUDGET_MB = 3072;

  @Test
  void everyImageIsAPinnedVersionFromTheEnvFile() throws IOException {
    Map<String, String> env = DockerFiles.env();
    DockerFiles.services("compose.yaml")
        .forEach(
            (name, service) -> {
              Matcher ref = ENV_REF.matcher(String.valueOf(service.get("image")));
              assertThat(ref.matches()).as(name + ": image is ${VARIABLE} from .env").isTrue();
              assertThat(env).as(name).containsKey(ref.group(1));
              assertPinned(name, env.get(ref.group(1)));
            });
    env.entrySet().stream()
        .filter(e -> e.getKey().endsWith("_IMAGE"))
        .forEach(e -> assertPinned(e.getKey(), e.getValue()));
  }

  @Test
  void theJavaVersionsClassEqualsTheEnvFile() throws IOException {
    Map<String, String> images =
        DockerFiles.env().entrySet().stream()
            .filter(e -> e.getKey().endsWith("_IMAGE"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    assertThat(DockerImageVersions.byEnvVariable()).isEqualTo(images);
  }

  @Test
  void everyServiceHasAHealthcheckAndEveryDependencyWaitsForHealth() throws IOException {
    DockerFiles.services("compose.yaml")
        .forEach(
            (name, service) -> {
              Map<?, ?> health = (Map<?, ?>) service.get("healthcheck");
              assertThat(health).as(name + " healthcheck").isNotNull();
              assertThat(String.valueOf(health.get("test")))
                  .as(name + " healthcheck test")
                  .startsWith("[CMD")
                  .doesNotContain("NONE");
              Object deps = service.getOrDefault("depends_on", Map.of());
              assertThat(deps).as(name + ": depends_on with conditions").isInstanceOf(Map.class);
              ((Map<?, ?>) deps)
                  .forEach(
                      (dep, how) ->
                          assertThat(((Map<?, ?>) how).get("condition"))
                              .as(name + " waits for " + dep)
                              .isEqualTo("service_healthy"));
            });
  }

  @Test
  void portsArePublishedOnLoopbackOnly() throws IOException {
    for (String file : List.of("compose.yaml", "compose.tiny.yaml")) {
      DockerFiles.services(file)
          .forEach(
              (name, service) -> {
                for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
                  assertThat(port).as(file + " " + name).isInstanceOf(String.class);
                  assertThat((String) port).as(file + " " + name).startsWith("127.0.0.1:");
                }
              });
    }
  }

  @Test
  void memoryLimitsAreSetAndTheLabFitsItsBudgetAlsoInTheTinyProfile() throws IOException {
    Map<String, Map<String, Object>> services = DockerFiles.services("compose.yaml");
    Map<String, Map<String, Object>> tiny = DockerFiles.services("compose.tiny.yaml");
    long total = 0;
    long tinyTotal = 0;
    for (var e : services.entrySet()) {
      Object limit = e.getValue().get("mem_limit");
      assertThat(limit).as(e.getKey() + " mem_limit").isNotNull();
      long mb = megabytes(limit.toString());
      Object tinyLimit = tiny.getOrDefault(e.getKey(), Map.of()).get("mem_limit");
      long tinyMb = tinyLimit == null ? mb : megabytes(tinyLimit.toString());
      assertThat(tinyMb).as(e.getKey() + " tiny <= default").isLessThanOrEqualTo(mb);
      total += mb;
      tinyTotal += tinyMb;
    }
    assertThat(tiny.keySet())
        .as("tiny overrides only existing services")
        .isSubsetOf(services.keySet());
    assertThat(total).as("all containers, MB").isLessThanOrEqualTo(DEFAULT_BUDGET_MB);
    assertThat(tinyTotal)
        .as("all containers in the tiny profile, MB")
        .isLessThanOrEqualTo(TINY_BUDGET_MB);
  }

  @Test
  void theLabImageIsBuiltWithTheBaseImagesOfTheEnvFile() throws IOException {
    Map<?, ?> build = (Map<?, ?>) DockerFiles.services("compose.yaml").get("lab").get("build");

    assertThat(String.valueOf(build.get("args")))
        .contains("MAVEN_IMAGE=${MAVEN_IMAGE}")
        .contains("RUNTIME_IMAGE=${RUNTIME_IMAGE}");
    assertThat(build.get("dockerfile")).isEqualTo("docker/Dockerfile");
  }

  private static void assertPinned(String what, String image) {
    assertThat(image).as(what).matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+");
    String tag = image.substring(image.lastIndexOf(':') + 1).toLowerCase(Locale.ROOT);
    assertThat(tag).as(what + " tag").isNotIn("latest", "stable", "edge", "main");
    assertThat(image).as(what + ": bitnami images are withdrawn").doesNotStartWith("bitnami/");
  }

  private static long megabytes(String limit) {
    Matcher m = Pattern.compile("(\\d+)([mg])").matcher(limit.toLowerCase(Locale.ROOT));
    assertThat(m.matches()).as("memory limit like 512m or 1g: " + limit).isTrue();
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("g") ? n * 1024 : n;
  }
}
