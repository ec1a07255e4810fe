package dev.paysaga.notification.domain;

import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.auth.AuthConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where PaySaga may send a merchant's events. A webhook makes the platform call a URL someone else
 * chose, so the URL must not reach into the platform's own network (server-side request forgery):
 * hosts resolving to loopback, private, link-local, shared or multicast addresses are refused unless
 * this deployment is a local development one ({@code paysaga.webhooks.allow-private-addresses}). In
 * live mode only https is accepted. Deliveries check the address again: a name can be re-pointed.
 */
@ApplicationScoped
public class EndpointUrlPolicy {
    static final int MAX_LENGTH = 2048;
    private final Vertx vertx;
    private final boolean live;
    private final boolean allowPrivate;

    @Inject
    EndpointUrlPolicy(Vertx vertx, AuthConfig auth, WebhooksConfig config) {
        this(vertx, auth, config.allowPrivateAddresses());
    }

    EndpointUrlPolicy(Vertx vertx, AuthConfig auth, boolean allowPrivate) {
        this.vertx = vertx;
        this.live = "live".equals(auth.mode());
        this.allowPrivate = allowPrivate;
    }

    /** The URL, checked in form and in where it resolves; refused with {@code invalid_request} on {@code url}. */
    public Uni<URI> check(String url) {
        URI uri = parse(url);
        return resolvesOutside(uri.getHost()).map(refusal -> {
            if (refusal != null) {
                throw ApiException.invalidRequest("url", refusal);
            }
            return uri;
        });
    }

    /** Null if the host may be called now, else why not (resolved off the event loop: DNS blocks). */
    public Uni<String> resolvesOutside(String host) {
        if (allowPrivate) {
            return Uni.createFrom().nullItem();
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    if (internal(address)) {
                        return "url resolves to an address inside a private network (" + address.getHostAddress()
                                + "); webhooks go to public addresses only";
                    }
                }
                return null;
            } catch (UnknownHostException e) {
                return "url host does not resolve: " + host;
            }
        }), false);
    }

    URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.invalidRequest("url", "url is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw ApiException.invalidRequest("url", "url is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.invalidRequest("url", "url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw ApiException.invalidRequest("url", "url must be an absolute http(s) URL with a host");
        }
        if (live && !scheme.equals("https")) {
            throw ApiException.invalidRequest("url", "live mode delivers to https URLs only");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalidRequest("url", "url must not carry credentials; verify deliveries by their signature");
        }
        if (uri.getRawFragment() != null) {
            throw ApiException.invalidRequest("url", "url must not have a fragment");
        }
        return uri;
    }

    /** Addresses that lead into the platform's own network or nowhere public. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                   // "this" network
                    || first == 100 && (second & 0xc0) == 64    // 100.64.0.0/10, carrier-grade NAT
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // 192.0.0.0/24, protocol assignments
                    || first == 198 && (second & 0xfe) == 18    // 198.18.0.0/15, benchmarking
                    || first >= 240;                            // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc;                       // fc00::/7, unique local
        }
        return false;
    }
}
