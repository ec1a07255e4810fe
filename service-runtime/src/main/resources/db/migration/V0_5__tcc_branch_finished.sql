-- The retention job (dev.paysaga.runtime.retention) deletes finished branches oldest first: this index
-- holds only those, so each of its batches reads what it deletes and nothing else.
create index tcc_branch_finished on tcc_branch (updated_at) where status in ('CONFIRMED', 'CANCELLED');
