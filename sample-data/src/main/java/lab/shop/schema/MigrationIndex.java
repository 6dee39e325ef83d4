package lab.shop.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the migrations named, in order, by {@code index.txt} in a classpath folder. */
final class MigrationIndex {

  static final String INDEX_FILE = "index.txt";

  private MigrationIndex() {}

  /**
   * Reads {@code folder + "index.txt"} and every script it lists; blank lines and lines starting
   * with {@code #} are ignored. Versions must strictly increase down the list.
   */
  static List<Migration> load(ClassLoader loader, String folder) {
    List<Migration> migrations = new ArrayList<>();
    for (String fileName : listedFiles(loader, folder)) {
      byte[] content =
          read(
              loader,
              folder + fileName,
              "it is listed in " + folder + INDEX_FILE + "; fix the list");
      Migration next = Migration.of(fileName, content);
      if (!migrations.isEmpty()) {
        Migration previous = migrations.get(migrations.size() - 1);
        if (next.version() <= previous.version()) {
          throw new IllegalStateException(
              folder
                  + INDEX_FILE
                  + " lists "
                  + fileName
                  + " after "
                  + previous.fileName()
                  + "; versions must be unique and listed in increasing order");
        }
      }
      migrations.add(next);
    }
    return List.copyOf(migrations);
  }

  private static List<String> listedFiles(ClassLoader loader, String folder) {
    String index = folder + INDEX_FILE;
    String text =
        new String(
            read(loader, index, "it must list the migration files in order"),
            StandardCharsets.UTF_8);
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  private static byte[] read(ClassLoader loader, String resource, String hint) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath (" + hint + ")");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource, e);
    }
  }
}
