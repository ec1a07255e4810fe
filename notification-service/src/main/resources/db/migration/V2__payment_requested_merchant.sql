-- GET /v1/events shows a merchant only the events with its merchant_id. payment.requested carries
-- its merchant inside its payment, which the log did not read until now: those rows get theirs.
-- Every other event has carried merchant_id at the top of its data since V1; rows still without one
-- stay null and are the platform's only.
update merchant_event set merchant_id = data -> 'payment' ->> 'merchant_id'
 where merchant_id is null and type = 'payment.requested';
