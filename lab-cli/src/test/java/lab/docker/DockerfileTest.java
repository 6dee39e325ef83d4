package lab.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docker/Dockerfile builds what {@code ./mvnw package} builds, from the same base images as
 * docker/.env, and runs the lab as a user other than root.
 */
class DockerfileTest {

  @Test
  void itCopiesAndBuildsEveryModuleOfTheReactor() throws Exception {
    Set<String> modules = reactorModules(DockerFiles.dir().getParent(), "");
    List<String> steps = DockerFiles.dockerfileInstructions();
    Set<String> poms = new TreeSet<>();
    Set<String> sources = new TreeSet<>();
    Pattern copy = Pattern.compile("COPY (?:--\\S+ )*(\\S+)/(pom\\.xml|src) \\S+");
    for (String step : steps) {
      Matcher m = copy.matcher(step);
      if (m.matches()) {
        (m.group(2).equals("src") ? sources : poms).add(m.group(1));
      }
    }

    assertThat(modules).contains("streaming/cdc", "streaming/spark-job", "lab-cli");
    assertThat(poms).as("modules whose pom.xml the Dockerfile copies").isEqualTo(modules);
    assertThat(sources)
        .as("modules whose sources the Dockerfile copies")
        .isEqualTo(withSources(DockerFiles.dir().getParent(), modules));
    assertThat(steps)
        .as("one build of the whole reactor, as ./mvnw package")
        .anySatisfy(s -> assertThat(s).startsWith("RUN mvn ").contains(" package"))
        .noneSatisfy(s -> assertThat(s).containsAnyOf(" -pl ", " --projects "));
  }

  @Test
  void theFinalStageRunsAsAUserOtherThanRoot() throws IOException {
    List<String> steps = DockerFiles.dockerfileInstructions();
    int lastFrom = 0;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).startsWith("FROM ")) {
        lastFrom = i;
      }
    }
    List<String> users =
        steps.subList(lastFrom, steps.size()).stream()
            .filter(s -> s.startsWith("USER "))
            .map(s -> s.substring("USER ".length()).strip())
            .toList();

    assertThat(users).as("USER in the final stage").isNotEmpty();
    assertThat(users.get(users.size() - 1).split(":")[0]).isNotIn("root", "0");
  }

  @Test
  void theDefaultBaseImagesAreThoseOfTheEnvFile() throws IOException {
    Map<String, String> env = DockerFiles.env();
    Pattern arg = Pattern.compile("ARG (\\w+_IMAGE)=(\\S+)");
    Set<String> seen = new TreeSet<>();
    for (String step : DockerFiles.dockerfileInstructions()) {
      Matcher m = arg.matcher(step);
      if (m.matches()) {
        assertThat(m.group(2)).as(m.group(1)).isEqualTo(env.get(m.group(1)));
        seen.add(m.group(1));
      }
    }
    assertThat(seen).containsExactly("MAVEN_IMAGE", "RUNTIME_IMAGE");
  }

  /** The reactor's modules, recursively, as paths relative to the root ("streaming/cdc"). */
  private static Set<String> reactorModules(Path root, String prefix) throws Exception {
    Set<String> out = new TreeSet<>();
    Path pom = root.resolve(prefix).resolve("pom.xml");
    NodeList list =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(pom.toFile())
            .getElementsByTagName("module");
    for (int i = 0; i < list.getLength(); i++) {
      String module = prefix + ((Element) list.item(i)).getTextContent().strip();
      out.add(module);
      out.addAll(reactorModules(root, module + "/"));
    }
    return out;
  }

  private static Set<String> withSources(Path root, Set<String> modules) {
    Set<String> out = new TreeSet<>();
    modules.stream()
        .filter(m -> Files.isDirectory(root.resolve(m).resolve("src")))
        .forEach(out::add);
    return out;
  }
}
