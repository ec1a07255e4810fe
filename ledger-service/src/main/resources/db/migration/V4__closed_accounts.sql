-- Accounts can be closed: a closed account refuses every transfer, keeps its history and is never
-- deleted. Closing is final and leaves nothing on hold.
alter table account add column closed_at timestamptz;

alter table account
    add constraint account_closed_holds_nothing
        check (closed_at is null or (debits_pending = 0 and credits_pending = 0));

-- Whatever the statement, a closed account's row never changes again: no balance moves, no reopening.
create function account_closed_is_final() returns trigger language plpgsql as $$
begin
    raise exception 'account % is closed', old.id;
end $$;
create trigger account_closed_is_final
    before update on account for each row when (old.closed_at is not null)
    execute function account_closed_is_final();
