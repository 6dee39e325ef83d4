package lab.warehouse.star;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lab.warehouse.sql.SqlScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The star's rules in the order they run, one SQL file a rule. Each batch runs every step inside
 * its transaction, after its changes are merged into the change layer; the steps rebuild what the
 * batch touched from the change layer alone, so a streamed warehouse and a backfilled one come out
 * identical. A step can be replaced by name ({@link #replace}), e.g. with a student's file; so can
 * the change layer's merge of one shop table ({@link #replaceMerge}), which the sink otherwise
 * generates from the warehouse's DDL.
 *
 * <p>What the steps share: {@code stage_change} holds the batch's changes (tbl, lsn, source_ts_ms,
 * is_deleted, image as JSON) and {@code t_fx_changed} the FX days whose rate changed; earlier steps
 * leave temp tables for later ones ({@code t_order}, {@code t_customer}, {@code t_product}, {@code
 * t_conformed}, {@code t_card}, {@code t_fact_order}, {@code t_order_keys}); the macros {@code
 * skey}, {@code geo_key} and {@code card_id} make keys.
 */
public final class StarSteps {

  static final String RESOURCE_DIR = "/lab/warehouse/star/";

  /** The built-in steps, in the order they run; each is {@code star/<name>.sql}. */
  public static final List<String> ORDER =
      List.of(
          "touched_keys",
          "small_dimensions",
          "conformed_customers",
          "customer_versions",
          "loyalty_members",
          "inferred_customers",
          "product_versions",
          "fact_sales",
          "gaps_closed",
          "order_fulfillment",
          "gaps_detected",
          "daily_store_sales",
          "customer_activity");

  private static final Logger log = LoggerFactory.getLogger(StarSteps.class);

  private static final StarSteps DEFAULTS =
      new StarSteps(ORDER.stream().map(StarStep::builtIn).toList());

  private final List<StarStep> steps;
  private final Map<String, StarStep> merges;
  private final Duration statementTimeout;

  private StarSteps(List<StarStep> steps) {
    this(steps, Map.of(), Duration.ZERO);
  }

  private StarSteps(List<StarStep> steps, Map<String, StarStep> merges, Duration statementTimeout) {
    this.steps = List.copyOf(steps);
    this.merges = Map.copyOf(merges);
    this.statementTimeout = statementTimeout;
  }

  /**
   * These steps with each statement cancelled after {@code timeout} (whole seconds; zero: never),
   * for steps nobody has reviewed yet, e.g. a student's: a runaway join fails the batch with
   * DuckDB's "Interrupted" instead of hanging it.
   */
  public StarSteps withStatementTimeout(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("a statement timeout cannot be negative: " + timeout);
    }
    return new StarSteps(steps, merges, timeout);
  }

  /** The SQL of the lab's own step {@code name}, as its file has it (the exercises' solutions). */
  public static String builtInSql(String name) {
    if (!ORDER.contains(name)) {
      throw new IllegalArgumentException(
          "there is no star step named '" + name + "'; the steps are: " + String.join(", ", ORDER));
    }
    return SqlScript.text(RESOURCE_DIR + name + ".sql");
  }

  /** The lab's own rules. */
  public static StarSteps defaults() {
    return DEFAULTS;
  }

  /** These steps with the one of the same name replaced; an unknown name is refused. */
  public StarSteps replace(StarStep step) {
    List<StarStep> out = new ArrayList<>(steps);
    int at = names().indexOf(step.name());
    if (at < 0) {
      throw new IllegalArgumentException(
          "there is no star step named '"
              + step.name()
              + "'; the steps are: "
              + String.join(", ", names()));
    }
    out.set(at, step);
    return new StarSteps(out, merges, statementTimeout);
  }

  /**
   * These steps with the change layer's merge of shop table {@code table} replaced by {@code step}:
   * SQL that merges the batch's changes of that table, the view {@code stage_<table>} (typed as
   * {@code cur_<table>}, every change as it came), into {@code cur_<table>}. Its history ({@code
   * hist_<table>}) stays the sink's. The sink refuses a table its change layer does not have.
   */
  public StarSteps replaceMerge(String table, StarStep step) {
    Map<String, StarStep> out = new LinkedHashMap<>(merges);
    out.put(table, step);
    return new StarSteps(steps, out, statementTimeout);
  }

  /** The shop tables whose merge is replaced. */
  public Set<String> replacedMerges() {
    return merges.keySet();
  }

  /** Runs the replaced merge of {@code table}, failing as a step does ({@link #run}). */
  public void runMerge(Statement s, String table) throws SQLException {
    StarStep step = merges.get(table);
    if (step == null) {
      throw new IllegalArgumentException("the merge of " + table + " is not replaced");
    }
    run(s, List.of(step));
  }

  /** The steps in the order they run. */
  public List<StarStep> steps() {
    return steps;
  }

  /** The steps' names in the order they run. */
  public List<String> names() {
    return steps.stream().map(StarStep::name).toList();
  }

  /** The steps replaced by a file of their own, as {@code name (origin)}; empty for defaults. */
  public List<String> replaced() {
    List<String> out =
        steps.stream()
            .filter(s -> !s.equals(DEFAULTS.steps.get(ORDER.indexOf(s.name()))))
            .map(s -> s.name() + " (" + s.origin() + ")")
            .collect(Collectors.toList());
    merges.forEach((table, s) -> out.add("the merge of " + table + " (" + s.origin() + ")"));
    return out;
  }

  /**
   * Runs every step's statements in order on the batch's connection. A failing statement is
   * reported as a {@link StarStepException}: its step, where the step came from, the line of it the
   * statement starts on, and the statement's first line.
   */
  public void run(Statement s) throws SQLException {
    run(s, steps);
  }

  private void run(Statement s, List<StarStep> steps) throws SQLException {
    if (!statementTimeout.isZero()) {
      s.setQueryTimeout((int) Math.max(1, statementTimeout.toSeconds()));
    }
    for (StarStep step : steps) {
      long t0 = System.nanoTime();
      for (SqlScript.Statement statement : step.script()) {
        String sql = statement.sql();
        long s0 = System.nanoTime();
        try {
          s.execute(sql);
        } catch (SQLException e) {
          throw new StarStepException(step, statement, e);
        }
        if (log.isDebugEnabled()) {
          log.debug(
              "{} ms: {}: {}",
              (System.nanoTime() - s0) / 1_000_000,
              step.name(),
              sql.lines().findFirst().orElse(""));
        }
      }
      if (log.isDebugEnabled()) {
        log.debug("star step {}: {} ms", step.name(), (System.nanoTime() - t0) / 1_000_000);
      }
    }
  }

  /**
   * Surrogate keys are hashes, not sequence numbers, so they do not depend on the order rows
   * arrived in: the top 63 bits of the MD5 of a readable natural key ({@code customer|42|first}).
   * By the birthday bound a collision has odds of about 1 in 18 million among a million keys (a
   * scale-1 warehouse has fewer), 1 in 20 at a billion; the primary key would refuse one loudly
   * rather than merge two members.
   */
  public static List<String> macros() {
    return List.of(
        "CREATE OR REPLACE TEMP MACRO skey(natural_key) AS CAST(md5_number(natural_key) >> 65 AS BIGINT)",
        // A geography key readable from its code: DE -> 405 (D is the 4th letter, E the 5th).
        "CREATE OR REPLACE TEMP MACRO geo_key(code) AS CASE WHEN regexp_full_match(code, '[A-Z]{2}')"
            + " THEN (ascii(code[1]) - 64) * 100 + (ascii(code[2]) - 64) ELSE 0 END",
        // A loyalty member's conformed id: negative, so it never meets a shop customer id.
        "CREATE OR REPLACE TEMP MACRO card_id(card) AS"
            + " -CAST(md5_number('card|' || card) >> 66 AS BIGINT)");
  }
}
