package lab.shop.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationIndexTest {

  private static final ClassLoader CLASSPATH = MigrationIndexTest.class.getClassLoader();

  @Test
  void theShopsMigrationsAreListedInOrderStartingWithTheSchema() throws IOException {
    List<Migration> migrations = MigrationIndex.load(CLASSPATH, ShopMigrations.FOLDER);

    assertThat(migrations).isNotEmpty();
    Migration first = migrations.get(0);
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.fileName()).isEqualTo("V1__create_shop.sql");
    assertThat(first.description()).isEqualTo("create shop");
    assertThat(first.sql()).contains("CREATE TABLE order_items");
    assertThat(first.checksum()).isEqualTo(Migration.sha256(resource("V1__create_shop.sql")));
    assertThat(migrations.stream().map(Migration::version)).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void everyMigrationInTheFolderIsListedInTheIndex() throws Exception {
    // When tests run the resources are a plain directory, which can be listed, unlike a jar.
    Path folder = Path.of(CLASSPATH.getResource(ShopMigrations.FOLDER).toURI());
    List<String> inFolder;
    try (Stream<Path> files = Files.list(folder)) {
      inFolder =
          files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql")).toList();
    }

    assertThat(MigrationIndex.load(CLASSPATH, ShopMigrations.FOLDER))
        .extracting(Migration::fileName)
        .containsExactlyInAnyOrderElementsOf(inFolder);
  }

  @Test
  void theChecksumIsTheSha256OfTheFileBytes() {
    // The SHA-256 test vector for "abc" (FIPS 180-2).
    assertThat(Migration.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void anyEditChangesTheChecksum() {
    Migration original = Migration.of("V3__add_index.sql", "CREATE INDEX a ON t (x);".getBytes());
    Migration edited = Migration.of("V3__add_index.sql", "CREATE INDEX a ON t (y);".getBytes());

    assertThat(edited.checksum()).isNotEqualTo(original.checksum());
  }

  @Test
  void aFileNameWithoutVersionAndDescriptionIsRefusedByName() {
    assertThatIllegalStateException()
        .isThrownBy(() -> Migration.of("create_shop.sql", new byte[0]))
        .withMessageContaining("create_shop.sql")
        .withMessageContaining("V<n>__<description>.sql");
    assertThatIllegalStateException().isThrownBy(() -> Migration.of("V0__zero.sql", new byte[0]));
    assertThatIllegalStateException()
        .isThrownBy(() -> Migration.of("V2_one_underscore.sql", new byte[0]));
  }

  @Test
  void aMissingIndexSaysWhatIsMissing() {
    assertThatIllegalStateException()
        .isThrownBy(() -> MigrationIndex.load(CLASSPATH, "lab/shop/no-such-folder/"))
        .withMessageContaining("lab/shop/no-such-folder/index.txt");
  }

  private static byte[] resource(String fileName) throws IOException {
    try (InputStream in = CLASSPATH.getResourceAsStream(ShopMigrations.FOLDER + fileName)) {
      return in.readAllBytes();
    }
  }
}
