package dev.paysaga.ledger.api;

import dev.paysaga.ledger.domain.Account;
import dev.paysaga.ledger.domain.AccountKey;
import dev.paysaga.ledger.domain.AccountType;
import dev.paysaga.ledger.domain.Origin;
import dev.paysaga.ledger.persistence.Postings;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.ClientIds;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * The wallets of a merchant's customers, one per (merchant, customer id, currency): the same customer
 * id at two merchants is two wallets. A merchant key reads its own customers' wallets; the platform
 * reads any, naming the merchant. Only the platform credits a wallet, recording who and why: nothing
 * else creates money (payments only move it).
 */
@Path("/v1/wallets/{customer_id}")
public class WalletResource {
    private static final int MAX_REASON_LENGTH = 255;

    private final Postings postings;
    private final IdempotentRequests idempotency;
    private final CurrentCaller current;

    WalletResource(Postings postings, IdempotentRequests idempotency, CurrentCaller current) {
        this.postings = postings;
        this.idempotency = idempotency;
        this.current = current;
    }

    /** @param reason why the platform creates this money (recorded on the transfer with the credential) */
    public record TopUpRequest(Long amount, String currency, String merchantId, String reason) {
    }

    public record WalletView(String merchantId, String customerId, String currency, long available, long pending,
            String accountId) {
        static WalletView of(Account a) {
            return new WalletView(a.merchantId, a.ownerId, a.currency, a.toLedgerAccount().available(), a.debitsPending,
                    a.id);
        }
    }

    public record TopUpView(String transferId, WalletView wallet) {
    }

    /** A platform operation: credits the wallet from the platform's funding account (money received from outside). */
    @POST
    @Path("top_ups")
    @APIResponse(responseCode = "201", description = "The top-up: its transfer and the wallet", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TopUpView.class)))
    public Uni<Response> topUp(@PathParam("customer_id") String customer,
            @RestHeader(IdempotentRequests.HEADER) String key, TopUpRequest request) {
        Caller caller = current.get();
        if (request == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        ClientIds.requireId(customer, "customer_id");
        long amount = Currencies.requirePositive(request.amount(), "amount");
        String currency = Currencies.requireSupported(request.currency(), "currency");
        String merchant = ClientIds.requireId(caller.merchantFor(request.merchantId()), "merchant_id");
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > MAX_REASON_LENGTH) {
            throw ApiException.invalidRequest("reason", "reason (why this money is credited) must be 1 to "
                    + MAX_REASON_LENGTH + " characters");
        }
        Origin origin = new Origin(caller.credentialId(), request.reason());
        return idempotency.run(key, "POST", "/v1/wallets/" + customer + "/top_ups", request,
                () -> Panache.withTransaction(() -> postings.account(AccountKey.funding(currency))
                        .chain(funding -> postings.account(AccountKey.wallet(merchant, customer, currency))
                                .chain(wallet -> postings.post(funding, wallet, amount, currency, "top_up", origin)))
                        .chain(transfer -> Panache.getSession().chain(s -> s.flush().chain(() -> {
                            s.clear();
                            return Account.<Account>findById(transfer.creditAccountId());
                        })).map(wallet -> new TopUpView(transfer.id(), WalletView.of(wallet)))))
                        .map(view -> Response.status(Response.Status.CREATED).entity(view).build()));
    }

    /** {@code merchant_id}: the platform names the merchant; a merchant key may name only itself. */
    @GET
    @RequiresScope(Scopes.WALLETS_READ)
    @WithSession
    public Uni<WalletView> get(@PathParam("customer_id") String customer, @QueryParam("currency") String currency,
            @QueryParam("merchant_id") String merchantId) {
        Caller caller = current.get();
        Currencies.requireSupported(currency, "currency");
        if (caller.isPlatform() && (merchantId == null || merchantId.isBlank())) {
            throw ApiException.invalidRequest("merchant_id", "merchant_id is required with the platform credential");
        }
        String merchant = merchantId == null ? caller.merchantId() : merchantId;
        if (!caller.sees(merchant)) {
            // Another merchant's customer: answered as a wallet that does not exist.
            throw ApiException.notFound("wallet", customer);
        }
        return Account.<Account>find("ownerId = ?1 and merchantId = ?2 and type = ?3 and currency = ?4", customer,
                        merchant, AccountType.CUSTOMER_WALLET, currency).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("wallet", customer))
                .map(WalletView::of);
    }
}
