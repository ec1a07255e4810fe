-- Admission control (SagaAdmission): bounded sagas count against the in-flight limit; the rest of
-- them wait as WAITING rows, taken oldest first through saga_status_id (ids are time-ordered).
-- Sagas stored before this migration are not bounded: they never held a slot.
alter table saga add column bounded boolean not null default false;
-- Counting the sagas in flight reads this small partial index, never the table's history.
create index saga_in_flight on saga (id) where bounded and status in ('TRYING', 'CONFIRMING', 'CANCELLING');
