package dev.paysaga.ledger.api;

import dev.paysaga.ledger.domain.Account;
import dev.paysaga.ledger.domain.AccountKey;
import dev.paysaga.ledger.domain.AccountType;
import dev.paysaga.ledger.persistence.LedgerStore;
import dev.paysaga.ledger.persistence.Postings;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.PageLimit;
import dev.paysaga.runtime.api.IdempotentRequests;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.auth.RequiresScope;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.runtime.money.Currencies;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * Ledger accounts: one per owner, type and currency (and, for a wallet, merchant). The type fixes the
 * flags (a wallet may never be overdrawn); an account is never deleted and its currency never changes.
 * Opening and closing are platform operations; a merchant key reads its own settlement accounts, and
 * any other account answers 404 to it as an unknown id does.
 */
@Path("/v1/accounts")
public class AccountResource {
    private static final int MAX_OWNER_LENGTH = 255;

    private final Postings postings;
    private final LedgerStore store;
    private final IdempotentRequests idempotency;
    private final CurrentCaller current;

    AccountResource(Postings postings, LedgerStore store, IdempotentRequests idempotency, CurrentCaller current) {
        this.postings = postings;
        this.store = store;
        this.idempotency = idempotency;
        this.current = current;
    }

    /** @param merchantId required for a customer wallet (whose customer the owner is), refused for other types */
    public record OpenAccountBody(String ownerId, String type, String currency, String merchantId) {
    }

    /** Stripe's list shape; {@code has_more} says whether a page follows the last item. */
    public record EntryPage(List<EntryView> data, boolean hasMore) {
    }

    /** Opens the account (201), or answers the one that exists for this owner, type and currency (200). */
    @POST
    @APIResponse(responseCode = "201", description = "The account, opened", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "200", description = "The account that exists already", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)))
    public Uni<Response> open(@RestHeader(IdempotentRequests.HEADER) String key, OpenAccountBody body) {
        if (body == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        if (body.ownerId() == null || body.ownerId().isBlank() || body.ownerId().length() > MAX_OWNER_LENGTH) {
            throw ApiException.invalidRequest("owner_id", "owner_id must be 1 to " + MAX_OWNER_LENGTH + " characters");
        }
        AccountType type = type(body.type());
        String currency = Currencies.requireSupported(body.currency(), "currency");
        AccountKey identity = new AccountKey(body.ownerId(), merchant(type, body.merchantId()), type, currency);
        return idempotency.run(key, "POST", "/v1/accounts", body,
                () -> Panache.withTransaction(() -> postings.open(identity)
                        .chain(opened -> Account.<Account>findById(opened.id())
                                .map(account -> Response.status(opened.created() ? 201 : 200)
                                        .entity(AccountView.of(account)).build()))));
    }

    /** Closes the account for good (200 with it, closed); 409 {@code account_has_pending_transfers} while anything is on hold. */
    @POST
    @Path("{id}/close")
    @APIResponse(responseCode = "200", description = "The account, closed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)))
    public Uni<Response> close(@RestHeader(IdempotentRequests.HEADER) String key, @PathParam("id") String id) {
        return idempotency.run(key, "POST", "/v1/accounts/" + id + "/close", null,
                () -> Panache.withTransaction(() -> postings.close(id).chain(() -> find(id)))
                        .map(account -> Response.ok(AccountView.of(account)).build()));
    }

    @GET
    @Path("{id}")
    @RequiresScope(Scopes.ACCOUNTS_READ)
    @WithSession
    public Uni<AccountView> get(@PathParam("id") String id) {
        Caller caller = current.get();
        return find(id).invoke(account -> requireReadable(caller, account)).map(AccountView::of);
    }

    /** The account's journal, oldest first, in keyset pages after {@code starting_after} (an entry id). */
    @GET
    @Path("{id}/entries")
    @RequiresScope(Scopes.ACCOUNTS_READ)
    @WithSession
    public Uni<EntryPage> entries(@PathParam("id") String id, @QueryParam("starting_after") String startingAfter,
            @QueryParam("limit") String limit) {
        Caller caller = current.get();
        long after = cursor(startingAfter);
        int size = PageLimit.parse(limit);
        return find(id).invoke(account -> requireReadable(caller, account))
                .chain(account -> store.entriesAfter(id, after, size + 1))
                .map(entries -> new EntryPage(entries.stream().limit(size).map(EntryView::of).toList(),
                        entries.size() > size));
    }

    private static Uni<Account> find(String id) {
        return Account.<Account>findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("account", id));
    }

    /** Another merchant's account, or one no merchant reads, is answered as an unknown id. */
    private static void requireReadable(Caller caller, Account account) {
        if (!caller.sees(account.readableByMerchant())) {
            throw ApiException.notFound("account", account.id);
        }
    }

    private static String merchant(AccountType type, String merchantId) {
        if (type != AccountType.CUSTOMER_WALLET) {
            if (merchantId != null) {
                throw ApiException.invalidRequest("merchant_id", "Only a customer wallet belongs to a merchant's customer");
            }
            return null;
        }
        if (merchantId == null || merchantId.isBlank() || merchantId.length() > MAX_OWNER_LENGTH) {
            throw ApiException.invalidRequest("merchant_id",
                    "A customer wallet names the merchant whose customer owns it (1 to " + MAX_OWNER_LENGTH + " characters)");
        }
        return merchantId;
    }

    private static AccountType type(String type) {
        for (AccountType known : AccountType.values()) {
            if (known.name().toLowerCase().equals(type)) {
                return known;
            }
        }
        throw ApiException.invalidRequest("type",
                "type must be customer_wallet, merchant_settlement, channel_clearing, fees or platform_funding");
    }

    /** 0 is before every entry: the first page. */
    private static long cursor(String startingAfter) {
        if (startingAfter == null) {
            return 0;
        }
        if (startingAfter.startsWith(EntryView.PREFIX)) {
            try {
                long position = Long.parseLong(startingAfter.substring(EntryView.PREFIX.length()));
                if (position > 0) {
                    return position;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
        }
        throw ApiException.invalidRequest("starting_after", "starting_after must be an entry id (ent_…)");
    }
}
