-- Business effects of the test participant, so a test can see what ran, once, and what was undone.
create table tcc_test_effect (
    id     bigint generated always as identity primary key,
    branch text not null,
    kind   text not null
);
