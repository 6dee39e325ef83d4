package lab.docker;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Reads the compose lab's files in docker/ for the tests that check them. */
final class DockerFiles {

  private DockerFiles() {}

  /** docker/ in the checkout: surefire runs the tests from the lab-cli module's directory. */
  static Path dir() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("docker");
  }

  /** The KEY=VALUE lines of docker/.env. */
  static Map<String, String> env() throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir().resolve(".env"))) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        int eq = l.indexOf('=');
        env.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
      }
    }
    return env;
  }

  /** The services of a compose file, by name. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> services(String file) throws IOException {
    try (Reader r = Files.newBufferedReader(dir().resolve(file))) {
      Map<String, Object> compose = new Yaml().load(r);
      return (Map<String, Map<String, Object>>) compose.get("services");
    }
  }

  /** The Dockerfile's instructions, one per entry, continuation lines joined, comments dropped. */
  static List<String> dockerfileInstructions() throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(dir().resolve("Dockerfile"))) {
      String l = line.strip();
      if (l.startsWith("#") || (l.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (l.endsWith("\\")) {
        current.append(l, 0, l.length() - 1).append(' ');
      } else {
        out.add(current.append(l).toString().strip());
        current.setLength(0);
      }
    }
    return out;
  }
}
