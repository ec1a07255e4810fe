-- Every saga belongs to the merchant of its payment or refund: a merchant's key reads and lists only
-- its own (GET /v1/sagas). Sagas stored before this migration keep merchant_id null: only the platform
-- sees them, so none is shown to a merchant it might not belong to.
alter table saga add column merchant_id text;
-- A merchant's keyset pages in id order, with and without a status. Plain builds lock writes to saga
-- while they run, as V2's did; on a large table build them CONCURRENTLY in migrations of their own.
create index saga_merchant_id on saga (merchant_id, id) where merchant_id is not null;
create index saga_merchant_status_id on saga (merchant_id, status, id) where merchant_id is not null;
