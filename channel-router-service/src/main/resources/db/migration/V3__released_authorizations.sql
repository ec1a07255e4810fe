-- An authorized payment (Stripe's manual capture) whose saga cancels is released at the channel before
-- any capture: RELEASED, the one move after SUCCEEDED.
alter table channel_transaction drop constraint channel_transaction_status_check;
alter table channel_transaction add constraint channel_transaction_status_check
    check (status in ('PENDING', 'SUCCEEDED', 'FAILED', 'CLOSED', 'RELEASED'));
