package lab.bench.oltp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run of the OLTP driver measured and did.
 *
 * @param perType one row per transaction type, in {@link TxType} order
 * @param measured wall time of the measured part (after warm-up)
 * @param effects what committed transactions changed, warm-up included, for checking against the
 *     database
 * @param reconnects connections re-opened after one was lost
 * @param inDoubt transactions whose connection was lost while committing: the server either
 *     committed them whole or not at all, and the driver cannot tell which
 * @param processCpu CPU time of this process (the driver, and DuckDB when it runs in-process)
 *     during the run, or null where the platform does not report it
 * @param firstFailure the message of the first failed transaction, if any
 * @param stopReason why the run stopped early, if it did
 */
public record OltpResult(
    String engine,
    int clients,
    List<TypeStats> perType,
    TypeStats total,
    Duration measured,
    Duration warmup,
    Effects effects,
    long reconnects,
    long inDoubt,
    Duration processCpu,
    Optional<String> firstFailure,
    Optional<String> stopReason) {

  public OltpResult {
    Objects.requireNonNull(engine, "engine");
    perType = List.copyOf(perType);
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(measured, "measured");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(effects, "effects");
    Objects.requireNonNull(firstFailure, "firstFailure");
    Objects.requireNonNull(stopReason, "stopReason");
  }

  public TypeStats of(TxType type) {
    return perType.get(type.ordinal());
  }

  public boolean stoppedEarly() {
    return stopReason.isPresent();
  }
}
