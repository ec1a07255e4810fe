package dev.paysaga.ledger.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V2 on a ledger that V1 filled: existing transfers keep their statuses and the journal replays
 * them to exactly the stored balances; a ledger whose balances its transfers do not explain is
 * not migrated. Runs in a scratch schema of the ledger database (PAYSAGA_DB_NAME, as the service reads it), dropped afterwards.
 */
class JournalMigrationTest {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/"
            + System.getenv().getOrDefault("PAYSAGA_DB_NAME", "ledger");
    final String schema = "migration_test_" + UUID.randomUUID().toString().replace("-", "");
    Connection db;

    @BeforeEach
    void connect() throws SQLException {
        db = DriverManager.getConnection(URL, "postgres", "");
    }

    @AfterEach
    void drop() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
        db.close();
    }

    @Test
    void existingTransfersAreReplayedIntoTheJournal() throws SQLException {
        flyway("1").migrate();
        execute("""
                insert into account (id, owner_id, type, currency, debits_must_not_exceed_credits,
                                     debits_pending, debits_posted, credits_pending, credits_posted) values
                  ('acc_f', 'platform', 'PLATFORM_FUNDING', 'CNY', false, 0, 10000, 0, 0),
                  ('acc_w', 'cus_1', 'CUSTOMER_WALLET', 'CNY', true, 1000, 3000, 0, 10000),
                  ('acc_m', 'mer_1', 'MERCHANT_SETTLEMENT', 'CNY', true, 0, 0, 1000, 3000);
                insert into transfer (id, debit_account_id, credit_account_id, amount, currency, status, code, reference,
                                      created_at, resolved_at) values
                  ('tr_1', 'acc_f', 'acc_w', 10000, 'CNY', 'POSTED', 'top_up', null, now() - interval '5 min', null),
                  ('tr_2', 'acc_w', 'acc_m', 3000, 'CNY', 'PENDING_POSTED', 'payment', 'pay_1', now() - interval '4 min', now() - interval '3 min'),
                  ('tr_3', 'acc_w', 'acc_m', 2000, 'CNY', 'PENDING_VOIDED', 'payment', 'pay_2', now() - interval '4 min', now() - interval '2 min'),
                  ('tr_4', 'acc_w', 'acc_m', 1000, 'CNY', 'PENDING', 'payment', 'pay_3', now() - interval '1 min', null)""");
        flyway("latest").migrate();

        assertEquals(List.of("tr_1 SINGLE POSTED", "tr_2 PENDING PENDING_POSTED 3000", "tr_3 PENDING PENDING_VOIDED",
                "tr_4 PENDING PENDING"), strings("""
                select concat_ws(' ', id, kind, status, amount_posted) from transfer order by id"""));
        // The wallet's history: top-up, two holds, the post of one, the void of the other, a hold still open.
        assertEquals(List.of("tr_1 0/0/0/10000", "tr_2 3000/0/0/10000", "tr_3 5000/0/0/10000", "tr_2 2000/3000/0/10000",
                "tr_3 0/3000/0/10000", "tr_4 1000/3000/0/10000"), strings("""
                select transfer_id || ' ' || debits_pending || '/' || debits_posted || '/' || credits_pending || '/' || credits_posted
                  from entry where account_id = 'acc_w' order by id"""));
        assertEquals(List.of("5"), strings("select count(*)::text from entry where account_id = 'acc_m'"));
    }

    @Test
    void balancesTheTransfersDoNotExplainStopTheMigration() throws SQLException {
        flyway("1").migrate();
        execute("""
                insert into account (id, owner_id, type, currency, credits_posted) values ('acc_w', 'cus_1', 'CUSTOMER_WALLET', 'CNY', 500)""");
        assertThrows(FlywayException.class, () -> flyway("latest").migrate());
    }

    @Test
    void existingWalletsBecomeWalletsOfTheDemoMerchantWithTheirBalances() throws SQLException {
        flyway("4").migrate();
        execute("""
                insert into account (id, owner_id, type, currency, debits_must_not_exceed_credits, debits_posted,
                                     credits_posted, closed_at) values
                  ('acc_f', 'platform', 'PLATFORM_FUNDING', 'CNY', false, 1500, 0, null),
                  ('acc_w', 'cus_1', 'CUSTOMER_WALLET', 'CNY', true, 0, 1000, null),
                  ('acc_c', 'cus_2', 'CUSTOMER_WALLET', 'CNY', true, 0, 500, now()),
                  ('acc_m', 'mer_1', 'MERCHANT_SETTLEMENT', 'CNY', true, 0, 0, null)""");
        flyway("latest").migrate();

        assertEquals(List.of("acc_c mer_demo 0/500 closed", "acc_f 1500/0", "acc_m 0/0", "acc_w mer_demo 0/1000"),
                strings("""
                        select concat_ws(' ', id, merchant_id, debits_posted || '/' || credits_posted,
                                         case when closed_at is not null then 'closed' end)
                          from account order by id"""));
        // The same customer id at another merchant is another wallet; at mer_demo there is one already.
        execute("""
                insert into account (id, owner_id, merchant_id, type, currency, debits_must_not_exceed_credits)
                values ('acc_w2', 'cus_1', 'mer_2', 'CUSTOMER_WALLET', 'CNY', true)""");
        for (String refused : List.of(
                "insert into account (id, owner_id, merchant_id, type, currency) values ('acc_x', 'cus_1', 'mer_demo', 'CUSTOMER_WALLET', 'CNY')",
                "insert into account (id, owner_id, type, currency) values ('acc_x', 'mer_1', 'MERCHANT_SETTLEMENT', 'CNY')",
                "insert into account (id, owner_id, type, currency) values ('acc_x', 'cus_3', 'CUSTOMER_WALLET', 'CNY')",
                "update account set merchant_id = 'mer_2' where id = 'acc_w'")) {
            assertThrows(SQLException.class, () -> execute(refused), refused);
        }
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(URL, "postgres", "").schemas(schema).createSchemas(true)
                .locations("classpath:db/migration").target(target).load();
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("set search_path = " + schema);
            s.execute(sql);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = db.createStatement()) {
            s.execute("set search_path = " + schema);
            try (ResultSet rows = s.executeQuery(sql)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
