-- TRYING: a Try that was accepted but whose outcome comes later (a customer paying at a channel).
-- No reply is sent until the participant settles it to TRIED or TRY_FAILED; a Cancel may still come first.
alter table tcc_branch drop constraint tcc_branch_status_check;
alter table tcc_branch add constraint tcc_branch_status_check
    check (status in ('TRYING', 'TRIED', 'TRY_FAILED', 'CONFIRMED', 'CANCELLED'));
