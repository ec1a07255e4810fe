-- Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d):
-- one database per service, as listed in deploy/services.txt (ComposeFileTest keeps them equal).
CREATE DATABASE orders;
CREATE DATABASE payments;
CREATE DATABASE channels;
CREATE DATABASE ledger;
CREATE DATABASE notifications;
CREATE DATABASE reconciliation;
CREATE DATABASE sagas;
