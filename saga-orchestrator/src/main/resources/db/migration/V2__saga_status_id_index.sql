-- Sagas by status, in id order: the keyset pages of GET /v1/sagas?status=… and the count behind
-- paysaga_sagas_needing_attention (an index-only scan). It covers the partial index of V1, which goes.
-- A plain build locks writes to saga while it runs; fine at today's size. On a large table, build it
-- CONCURRENTLY in a migration of its own (and with Flyway's transactional lock off).
create index saga_status_id on saga (status, id);
drop index saga_status;
