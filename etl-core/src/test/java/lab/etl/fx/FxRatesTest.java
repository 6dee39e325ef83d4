package lab.etl.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lab.etl.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class FxRatesTest {

  @Test
  void goodLinesBecomeRatesAndBadOnesCarryTheirReason() {
    List<Row> parsed =
        parse(
            FxRates.HEADER,
            "2025-02-07,usd,1.094512",
            "2025-02-07,XYZ,1.2",
            "07.02.2025,USD,1.09",
            "2025-02-07,GBP,-1",
            "2025-02-07,GBP",
            "");

    assertThat(parsed)
        .extracting(r -> r.getAs("line") + " -> " + r.getAs("error"))
        .containsExactly(
            "2025-02-07,usd,1.094512 -> null",
            "2025-02-07,XYZ,1.2 -> currency is not an ISO 4217 code the shop uses",
            "07.02.2025,USD,1.09 -> date is not yyyy-MM-dd",
            "2025-02-07,GBP,-1 -> rate is not a positive number",
            "2025-02-07,GBP -> expected 3 fields: " + FxRates.HEADER);
    Row usd = parsed.get(0);
    assertThat(usd.<String>getAs("currency")).isEqualTo("USD");
    assertThat(usd.<String>getAs("rate_date")).isEqualTo("2025-02-07");
    assertThat(usd.<java.math.BigDecimal>getAs("units_per_eur")).isEqualByComparingTo("1.094512");
  }

  private static List<Row> parse(String... lines) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      rows.add(RowFactory.create(lines[i], (long) i));
    }
    StructType schema =
        new StructType().add("value", DataTypes.StringType).add("line_no", DataTypes.LongType);
    return FxRates.parse(SparkTestSession.get().createDataFrame(rows, schema))
        .withColumn("rate_date", org.apache.spark.sql.functions.col("rate_date").cast("string"))
        .orderBy("line_no")
        .collectAsList();
  }
}
