-- Stock belongs to a merchant: each merchant has its own SKU namespace. Stock kept before merchants
-- existed was the demo merchant's.
alter table inventory add column merchant_id text;
update inventory set merchant_id = 'mer_demo';
alter table inventory alter column merchant_id set not null;
alter table inventory drop constraint inventory_pkey;
alter table inventory add primary key (merchant_id, sku);

-- The one payment an order has in progress: set in the transaction that records payment.requested,
-- cleared by that payment's outcome at the order step or by the order closing. Until the
-- saga's order step takes the order (PAYING), the mark lapses at payment_in_progress_until, so a saga
-- that never reaches the order step cannot block the order for longer than that.
alter table orders add column payment_in_progress text;
alter table orders add column payment_in_progress_until timestamptz;
