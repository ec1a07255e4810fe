package dev.paysaga.runtime.openapi;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

/**
 * The resource method behind an OpenAPI operation, found in the Jandex index by the operation's id, which
 * smallrye makes {@code <class>_<method>} (quarkus.smallrye-openapi.operation-id-strategy=PACKAGE_CLASS_METHOD
 * in META-INF/microprofile-config.properties). Anything else fails the build: an operation whose method
 * cannot be found would be documented with a guess.
 */
final class ResourceMethods {
    private static final Set<DotName> HTTP_METHODS = Stream.of(GET.class, POST.class, PUT.class, DELETE.class,
            PATCH.class, HEAD.class, OPTIONS.class).map(DotName::createSimple).collect(Collectors.toUnmodifiableSet());

    private final IndexView index;

    ResourceMethods(IndexView index) {
        this.index = index;
    }

    /** A resource method, and the resource class it serves in (which may inherit it). */
    record ResourceMethod(ClassInfo resource, MethodInfo method) {
        /** On the method, else on its resource class: where {@code Authentication} looks too. */
        AnnotationInstance annotation(DotName name) {
            AnnotationInstance onMethod = method.declaredAnnotation(name);
            return onMethod != null ? onMethod : resource.declaredAnnotation(name);
        }
    }

    ResourceMethod of(String operationId) {
        int classEnd = operationId == null ? -1 : operationId.indexOf('_', operationId.lastIndexOf('.') + 1);
        ClassInfo resource = classEnd < 0 ? null : index.getClassByName(operationId.substring(0, classEnd));
        if (resource == null) {
            throw new IllegalStateException("OpenAPI operation id " + operationId + " names no indexed resource class;"
                    + " an operation id set by hand hides its method from " + AccessDocumentationFilter.class.getName());
        }
        String name = operationId.substring(classEnd + 1);
        for (ClassInfo type = resource; type != null; type = superclass(type)) {
            List<MethodInfo> found = type.methods().stream()
                    .filter(m -> m.name().equals(name) && HTTP_METHODS.stream().anyMatch(m::hasDeclaredAnnotation))
                    .toList();
            if (found.size() > 1) {
                throw new IllegalStateException(type.name() + " has " + found.size() + " resource methods named " + name
                        + ": rename all but one, the OpenAPI document tells them apart by name");
            }
            if (found.size() == 1) {
                return new ResourceMethod(resource, found.get(0));
            }
        }
        throw new IllegalStateException("No resource method " + name + " in " + resource.name() + " or its superclasses");
    }

    private ClassInfo superclass(ClassInfo type) {
        return type.superName() == null ? null : index.getClassByName(type.superName());
    }
}
