package dev.paysaga.runtime.openapi;

import dev.paysaga.runtime.api.IdempotentRequests;
import dev.paysaga.runtime.auth.Authentication;
import dev.paysaga.runtime.auth.PublicEndpoint;
import dev.paysaga.runtime.auth.RequiresScope;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/**
 * Documents in every service's OpenAPI document what {@link Authentication} enforces, read from the same
 * annotations, so the two cannot drift apart: each operation's {@code security} ({@code api_key}; none for a
 * {@link PublicEndpoint}; the service credential under {@code /internal/}), the scope a merchant key needs
 * ({@code x-required-scope}, or {@code x-platform-operation}), and the problem+json refusals it can answer.
 * Runs at build time ({@code BUILD}: the document a service serves and the one it stores in
 * target/openapi are both made then), where smallrye hands it the Jandex index to find each operation's method.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class AccessDocumentationFilter implements OASFilter {
    /** The scheme quarkus.smallrye-openapi.security-scheme-name declares (microprofile-config.properties). */
    public static final String API_KEY = "api_key";
    public static final String SERVICE_CREDENTIAL = "service_credential";
    public static final String REQUIRED_SCOPE = "x-required-scope";
    public static final String PLATFORM_OPERATION = "x-platform-operation";
    private static final DotName PUBLIC_ENDPOINT = DotName.createSimple(PublicEndpoint.class);
    private static final DotName REQUIRES_SCOPE = DotName.createSimple(RequiresScope.class);

    private final ResourceMethods methods;

    /** smallrye passes the build's index to a filter with this constructor. */
    public AccessDocumentationFilter(IndexView index) {
        this.methods = new ResourceMethods(index);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                || !openAPI.getComponents().getSchemas().containsKey(ProblemResponses.SCHEMA)) {
            throw new IllegalStateException("The OpenAPI document lacks the " + ProblemResponses.SCHEMA
                    + " schema its error responses refer to (dev.paysaga.runtime.api.Problem's @Schema)");
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values()
                .forEach(operation -> document(path, operation, openAPI.getComponents())));
    }

    private void document(String path, Operation operation, Components components) {
        ResourceMethods.ResourceMethod method = methods.of(operation.getOperationId());
        // The id only led here: a Java class and method name is no name for the API.
        operation.setOperationId(null);
        AnnotationInstance proof = method.annotation(PUBLIC_ENDPOINT);
        if (path.startsWith(Authentication.INTERNAL_PREFIX)) {
            components.addSecurityScheme(SERVICE_CREDENTIAL, serviceCredential());
            operation.setSecurity(List.of(requirement(SERVICE_CREDENTIAL)));
            ProblemResponses.add(operation, "400", "401", "404");
        } else if (proof != null) {
            // security: [] overrides any default: this operation takes no credential.
            operation.setSecurity(new ArrayList<>());
            String because = "Takes no PaySaga credential: " + proof.value().asString() + ".";
            operation.setDescription(operation.getDescription() == null ? because
                    : operation.getDescription() + "\n\n" + because);
        } else {
            operation.setSecurity(List.of(requirement(API_KEY)));
            AnnotationInstance scope = method.annotation(REQUIRES_SCOPE);
            if (scope != null) {
                operation.addExtension(REQUIRED_SCOPE, scope.value().asString());
            } else {
                operation.addExtension(PLATFORM_OPERATION, true);
            }
            ProblemResponses.add(operation, "400", "401", "403", "404", "429");
            if (takesIdempotencyKey(operation)) {
                ProblemResponses.add(operation, "409", "422");
            }
        }
    }

    private static boolean takesIdempotencyKey(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && IdempotentRequests.HEADER.equalsIgnoreCase(p.getName()));
    }

    private static SecurityRequirement requirement(String scheme) {
        return OASFactory.createSecurityRequirement().addScheme(scheme);
    }

    private static SecurityScheme serviceCredential() {
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("PaySaga's service credential (docs/api.md, Authentication): services calling services;"
                        + " the gateway never routes /internal");
    }
}
