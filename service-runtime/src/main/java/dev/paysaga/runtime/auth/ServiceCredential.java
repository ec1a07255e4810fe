package dev.paysaga.runtime.auth;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.Optional;

/**
 * Presents the service credential on every REST-client call to another service's {@code /internal}
 * API, and only there: a call to anything else never carries it.
 */
@Provider
public class ServiceCredential implements ClientRequestFilter {
    private final Optional<String> token;

    ServiceCredential(@ConfigProperty(name = "paysaga.auth.service-token") Optional<String> token) {
        this.token = token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (token.isPresent() && request.getUri().getPath().startsWith(Authentication.INTERNAL_PREFIX)) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.get());
        }
    }
}
