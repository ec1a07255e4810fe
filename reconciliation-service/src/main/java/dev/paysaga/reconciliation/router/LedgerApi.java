package dev.paysaga.reconciliation.router;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * ledger-service's transfers, posted with the approving operator's own credential: the ledger records who moved
 * the money, and refuses it unless that person may.
 */
@RegisterRestClient(configKey = "ledger")
@Path("/v1/transfers")
public interface LedgerApi {

    /** A single transfer; its id is the caller's, so posting it again is the same transfer. */
    record Transfer(String id, String type, @JsonProperty("debit_account_id") String debitAccountId,
            @JsonProperty("credit_account_id") String creditAccountId, long amount, String currency, String code,
            String reference) {
    }

    record Posted(String id) {
    }

    @POST
    Uni<Posted> post(@HeaderParam("Authorization") String authorization, Transfer transfer);
}
