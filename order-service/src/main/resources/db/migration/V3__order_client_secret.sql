-- The SHA-256 (hex) of the order's client secret, with which a buyer's page reads and pays this one
-- order (docs/api.md, Orders). The secret itself is kept nowhere: it is in the creation's answer only.
-- Orders placed before have none, and no client secret opens them.
alter table orders add column client_secret_sha256 text;
