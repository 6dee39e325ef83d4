package lab.warehouse.sink;

/** A record the ETL could not apply, kept with its source position and the reason. */
public record DeadLetter(
    String topic, int partition, long offset, String reason, String rawValue) {}
