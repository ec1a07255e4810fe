package dev.paysaga.ledger.api;

import dev.paysaga.ledger.domain.Account;
import dev.paysaga.ledger.domain.AccountType;
import dev.paysaga.ledger.persistence.Postings;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.IdempotentRequests;
import dev.paysaga.runtime.money.Currencies;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestHeader;

/** Customer wallets: top them up, read their balance. */
@Path("/v1/wallets/{customer_id}")
public class WalletResource {
    /** Top-ups come from this owner's funding account (money received from outside the platform). */
    static final String PLATFORM = "platform";
    private final Postings postings;
    private final IdempotentRequests idempotency;

    WalletResource(Postings postings, IdempotentRequests idempotency) {
        this.postings = postings;
        this.idempotency = idempotency;
    }

    public record TopUpRequest(Long amount, String currency) {
    }

    public record WalletView(String customerId, String currency, long available, long pending, String accountId) {
        static WalletView of(Account a) {
            return new WalletView(a.ownerId, a.currency, a.toLedgerAccount().available(), a.debitsPending, a.id);
        }
    }

    public record TopUpView(String transferId, WalletView wallet) {
    }

    @POST
    @Path("top_ups")
    public Uni<Response> topUp(@PathParam("customer_id") String customer,
            @RestHeader(IdempotentRequests.HEADER) String key, TopUpRequest request) {
        if (request == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        long amount = Currencies.requirePositive(request.amount(), "amount");
        String currency = Currencies.requireSupported(request.currency(), "currency");
        return idempotency.run(key, "POST", "/v1/wallets/" + customer + "/top_ups", request,
                () -> Panache.withTransaction(() -> postings.account(PLATFORM, AccountType.PLATFORM_FUNDING, currency)
                        .chain(funding -> postings.account(customer, AccountType.CUSTOMER_WALLET, currency)
                                .chain(wallet -> postings.post(funding, wallet, amount, currency, "top_up", null)))
                        .chain(transfer -> Panache.getSession().chain(s -> s.flush().chain(() -> {
                            s.clear();
                            return Account.<Account>findById(transfer.creditAccountId());
                        })).map(wallet -> new TopUpView(transfer.id(), WalletView.of(wallet)))))
                        .map(view -> Response.status(Response.Status.CREATED).entity(view).build()));
    }

    @GET
    @WithSession
    public Uni<WalletView> get(@PathParam("customer_id") String customer, @QueryParam("currency") String currency) {
        Currencies.requireSupported(currency, "currency");
        return Account.<Account>find("ownerId = ?1 and type = ?2 and currency = ?3", customer,
                        AccountType.CUSTOMER_WALLET, currency).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("wallet", customer))
                .map(WalletView::of);
    }
}
