-- check: A deleted address stays, marked deleted
-- expected: every address the shop deleted is in cur_customer_addresses with is_deleted = true
-- cause: a delete (is_deleted in the view) must leave a tombstone, not remove the row: the row stays with is_deleted = true and the delete's source position, so that a late re-delivery of an older change cannot bring the address back, and the star still knows it existed
SELECT r.address_id, c.address_id IS NOT NULL AS in_yours, c.is_deleted AS your_is_deleted,
       c.source_lsn AS your_source_lsn, r.source_lsn AS delete_source_lsn
FROM ref.cur_customer_addresses r
LEFT JOIN cur_customer_addresses c USING (address_id)
WHERE r.is_deleted AND (c.address_id IS NULL OR NOT c.is_deleted)
ORDER BY r.address_id;
