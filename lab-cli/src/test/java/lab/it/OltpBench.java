package lab.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import lab.bench.Cpu;
import lab.cli.LabCommand;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.shop.gen.ShopSeeder;
import lab.shop.gen.ShopSize;
import lab.shop.schema.ShopMigrations;

/**
 * Benchmark, not a test: starts an embedded PostgreSQL of its own on a free port, seeds a shop of
 * 100,000 orders, and runs {@code lab oltp --engine both} with 1 and 4 clients, printing the CLI's
 * tables and the CPU seconds PostgreSQL's processes used. Run it as described in
 * sample-data/README.md ("OLTP driver").
 */
public final class OltpBench {

  private OltpBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path home = Files.createTempDirectory("oltp-bench");
    LabSettings settings = TestLab.settings(home);
    LocalLab lab = new LocalLab(settings);
    lab.postgres().start();
    try {
      try (Connection c = lab.postgres().connectShop()) {
        ShopMigrations.migrate(lab.postgres().shopDataSource());
        new ShopSeeder().seed(c, new ShopSize(10_000, 1_000, 100_000), 42, n -> {});
      }
      long postmaster = postmasterPid(settings);
      for (String clients : List.of("1", "4")) {
        double pgCpuBefore = treeCpuSeconds(postmaster);
        long wall = System.nanoTime();
        int code =
            LabCommand.execute(
                "--home",
                home.toString(),
                "--pg-port",
                Integer.toString(settings.pgPort()),
                "oltp",
                "--engine",
                "both",
                "--refresh-copy",
                "--clients",
                clients,
                "--seconds",
                Integer.toString(seconds),
                "--warmup-seconds",
                "3");
        System.out.printf(
            Locale.US,
            "exit %d; wall %.1f s for both engines (copy included); PostgreSQL server processes"
                + " used %.1f CPU-s%n%n",
            code,
            (System.nanoTime() - wall) / 1e9,
            treeCpuSeconds(postmaster) - pgCpuBefore);
      }
    } finally {
      lab.down();
    }
  }

  private static long postmasterPid(LabSettings settings) throws IOException {
    return Long.parseLong(
        Files.readAllLines(settings.postgresData().resolve("postmaster.pid")).get(0).strip());
  }

  private static double treeCpuSeconds(long postmaster) {
    return Cpu.serverSeconds(OptionalLong.of(postmaster)).orElse(Double.NaN);
  }
}
