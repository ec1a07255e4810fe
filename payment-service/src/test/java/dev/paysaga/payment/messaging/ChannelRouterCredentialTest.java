package dev.paysaga.payment.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.payment.testing.FakeChannelRouter;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every call payment-service makes to channel-router's internal API carries the service credential, which
 * the router requires (the fake router, like the real one, answers 401 without it). The calls are the
 * methods of the {@link ChannelRouter} client, so one added later is in this table too.
 */
@QuarkusTest
@QuarkusTestResource(FakeChannelRouter.class)
class ChannelRouterCredentialTest {
    @Inject
    @RestClient
    ChannelRouter router;

    @TestFactory
    Stream<DynamicTest> everyCallToTheRouterCarriesTheServiceCredential() {
        return Arrays.stream(ChannelRouter.class.getDeclaredMethods())
                .filter(method -> method.getReturnType() == Uni.class)
                .sorted(Comparator.comparing(Method::getName))
                .map(method -> DynamicTest.dynamicTest(method.getName(), () -> {
                    String paymentId = Ids.next("pay");

                    Object answer = ((Uni<?>) method.invoke(router, arguments(method, paymentId)))
                            .await().atMost(Duration.ofSeconds(10));

                    assertNotNull(answer, "the router took the call");
                    var received = FakeChannelRouter.received().stream()
                            .filter(r -> r.path().contains(paymentId)).toList();
                    assertEquals(1, received.size());
                    assertTrue(received.get(0).path().startsWith(FakeChannelRouter.BASE), received.get(0).path());
                    assertEquals("Bearer " + TestCredentials.SERVICE, received.get(0).authorization());
                }));
    }

    private static Object[] arguments(Method method, String paymentId) {
        return Arrays.stream(method.getParameters()).map(parameter -> {
            if (parameter.getType() == ChannelRouter.RefundRequest.class) {
                return new ChannelRouter.RefundRequest(Ids.next("re"), 100, "CNY", "returned");
            }
            if (parameter.getType() == String.class) {
                return parameter.getName().toLowerCase().contains("refund") ? Ids.next("re") : paymentId;
            }
            throw new IllegalArgumentException("no test value for " + parameter + " of " + method);
        }).toArray();
    }
}
