-- Missing events, closed: the gaps of etl_repair_log that this batch's facts no longer have.

-- Missing events: a gap the stream has since closed is marked, and how: by the stream itself, or
-- by the ETL's re-read of the shop (GapRepair in the Spark driver writes those rows with source
-- position 0, so the real change, should it still come, replaces them).
UPDATE etl_repair_log AS r SET
    repaired_at = now(),
    outcome = CASE WHEN EXISTS (SELECT 1 FROM cur_payments p WHERE p.order_id = r.order_id AND p.source_lsn = 0)
                     OR EXISTS (SELECT 1 FROM cur_shipments s WHERE s.order_id = r.order_id AND s.source_lsn = 0)
                   THEN 'repaired from the shop' ELSE 'arrived in the stream' END
WHERE r.outcome IS NULL
  AND r.order_id IN (SELECT order_id FROM t_fact_order)
  AND CASE r.gap
        WHEN 'paid without a payment' THEN EXISTS (
            SELECT 1 FROM cur_payments p WHERE p.order_id = r.order_id AND NOT p.is_deleted)
        ELSE EXISTS (
            SELECT 1 FROM cur_shipments s WHERE s.order_id = r.order_id AND NOT s.is_deleted)
      END;
