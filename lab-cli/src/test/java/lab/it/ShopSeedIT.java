package lab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.shop.gen.SeedSummary;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSeeder;
import lab.shop.gen.ShopSize;
import lab.shop.schema.ShopChecksums;
import lab.shop.schema.ShopMigrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk seeder against a real PostgreSQL: determinism, constraints, refusal of a full shop. */
class ShopSeedIT {

  private static final ShopSize SCALE_0_002 = ShopSize.ofScale(0.002);

  @TempDir static Path home;
  private static LocalLab lab;

  @BeforeAll
  static void startPostgres() {
    LabSettings settings = TestLab.settings(home);
    lab = new LocalLab(settings);
    lab.postgres().start();
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.down();
    }
  }

  @Test
  void theSameSeedAndScaleGiveIdenticalTableChecksums_anotherSeedDoesNot() throws SQLException {
    try (Connection c = freshShop()) {
      SeedSummary first = seed(c, 42, ShopProfile.REALISTIC);
      Map<String, String> firstSums = ShopChecksums.of(c);

      ShopSeeder.reset(c);
      seed(c, 42, ShopProfile.REALISTIC);
      Map<String, String> again = ShopChecksums.of(c);

      ShopSeeder.reset(c);
      seed(c, 43, ShopProfile.REALISTIC);
      Map<String, String> otherSeed = ShopChecksums.of(c);

      assertThat(first.orders()).isEqualTo(SCALE_0_002.orders());
      assertThat(again).isEqualTo(firstSums);
      assertThat(firstSums.values()).noneMatch(sum -> sum.startsWith("0:"));
      assertThat(otherSeed.get("orders")).isNotEqualTo(firstSums.get("orders"));
      assertThat(otherSeed.get("currencies")).isEqualTo(firstSums.get("currencies"));
    }
  }

  @Test
  void aSeededShopKeepsEveryConstraintAndIndex_andAFullShopIsRefused() throws SQLException {
    try (Connection c = freshShop()) {
      int foreignKeys = count(c, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'");
      int indexes = count(c, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'");

      seed(c, 7, ShopProfile.CLEAN);

      assertThat(count(c, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"))
          .isEqualTo(foreignKeys);
      assertThat(count(c, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'"))
          .isEqualTo(indexes);
      assertThat(count(c, "SELECT count(*) FROM orders WHERE customer_id IS NULL")).isZero();
      // New rows get fresh ids after the seeded ones.
      assertThat(
              count(
                  c,
                  "INSERT INTO orders (customer_id, status, ordered_at, updated_at)"
                      + " VALUES (1, 'placed', now(), now()) RETURNING order_id"))
          .isEqualTo(SCALE_0_002.orders() + 1);
      assertThatIllegalStateException()
          .isThrownBy(() -> seed(c, 7, ShopProfile.CLEAN))
          .withMessageContaining("already has data");
    }
  }

  private static Connection freshShop() throws SQLException {
    lab.postgres().recreateShopDatabase();
    Connection c = lab.postgres().connectShop();
    ShopMigrations.migrate(lab.postgres().shopDataSource());
    return c;
  }

  private static SeedSummary seed(Connection c, long seed, ShopProfile profile)
      throws SQLException {
    return new ShopSeeder().seed(c, SCALE_0_002, seed, profile, p -> {});
  }

  private static int count(Connection c, String sql) throws SQLException {
    try (var st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
