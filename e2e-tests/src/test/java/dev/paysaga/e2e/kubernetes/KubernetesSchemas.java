package dev.paysaga.e2e.kubernetes;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;

/**
 * Built-in objects checked against Kubernetes 1.32 as the official Java client's generated models describe it
 * (client-java-api 23, generated from release-1.32), as strictly as kubectl's strict field validation:
 * an unknown field, a value of the wrong JSON type or a missing required field is a problem.
 * The models' own validateJsonElement checks fields and required ones but lets any scalar stand for any other,
 * so the fields' Java types are checked here too.
 */
final class KubernetesSchemas {
    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static final String APIS = "io.kubernetes.client.openapi.apis.";
    private static final Map<Class<?>, Map<String, Type>> FIELDS = new ConcurrentHashMap<>();

    private KubernetesSchemas() {
    }

    /** The problems of one object, as "path: what is wrong"; empty when Kubernetes 1.32 accepts it. */
    static List<String> validate(JsonNode object) {
        Class<?> model;
        try {
            model = model(object.path("apiVersion").asText(), object.path("kind").asText());
        } catch (ClassNotFoundException e) {
            return List.of(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        try {
            model.getMethod("validateJsonElement", com.google.gson.JsonElement.class)
                    .invoke(null, JsonParser.parseString(object.toString()));
        } catch (ReflectiveOperationException e) {
            problems.add(String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e));
        }
        check(model, object, "", problems);
        return problems;
    }

    /** Problems of {@code value} as a {@code model} (e.g. V1ObjectMeta), with paths below {@code path}. */
    static List<String> validate(Class<?> model, JsonNode value, String path) {
        List<String> problems = new ArrayList<>();
        check(model, value, path, problems);
        return problems;
    }

    /**
     * The model of a group/version and kind, e.g. apps/v1 Deployment → V1Deployment; it must be one that
     * the group's API creates, so a kind under the wrong group (apps/v1 Service) has none.
     */
    private static Class<?> model(String apiVersion, String kind) throws ClassNotFoundException {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String v = capitalize(version);
        Class<?> model;
        Class<?> api;
        try {
            model = Class.forName(MODELS + v + kind);
            api = Class.forName(APIS + apiPrefix(group) + v + "Api");
        } catch (ClassNotFoundException e) {
            throw new ClassNotFoundException(apiVersion + " " + kind + " is not a kind of Kubernetes 1.32");
        }
        boolean created = Arrays.stream(api.getMethods())
                .anyMatch(m -> m.getName().startsWith("create") && Arrays.asList(m.getParameterTypes()).contains(model));
        if (!created) {
            throw new ClassNotFoundException(apiVersion + " has no kind " + kind + " in Kubernetes 1.32");
        }
        return model;
    }

    /** "" → Core, "networking.k8s.io" → Networking, "rbac.authorization.k8s.io" → RbacAuthorization. */
    private static String apiPrefix(String group) {
        if (group.isEmpty()) {
            return "Core";
        }
        StringBuilder prefix = new StringBuilder();
        for (String part : group.replaceFirst("\\.k8s\\.io$", "").split("\\.")) {
            prefix.append(capitalize(part));
        }
        return prefix.toString();
    }

    private static void check(Type type, JsonNode value, String path, List<String> problems) {
        if (value.isNull()) {
            return; // null is how JSON says "not set"
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (List.class.isAssignableFrom(raw)) {
            if (!expect(value.isArray(), "an array", value, path, problems)) {
                return;
            }
            Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
            for (int i = 0; i < value.size(); i++) {
                check(item, value.get(i), path + "[" + i + "]", problems);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (!expect(value.isObject(), "an object", value, path, problems)) {
                return;
            }
            Type entry = ((ParameterizedType) type).getActualTypeArguments()[1];
            value.fields().forEachRemaining(e -> check(entry, e.getValue(), path + "." + e.getKey(), problems));
        } else if (raw == String.class || raw == OffsetDateTime.class) {
            expect(value.isTextual(), "a string", value, path, problems);
        } else if (raw == Integer.class || raw == Long.class) {
            expect(value.isIntegralNumber(), "an integer", value, path, problems);
        } else if (raw == Double.class || raw == Float.class || raw == java.math.BigDecimal.class) {
            expect(value.isNumber(), "a number", value, path, problems);
        } else if (raw == Boolean.class) {
            expect(value.isBoolean(), "a boolean", value, path, problems);
        } else if (raw == IntOrString.class) {
            expect(value.isIntegralNumber() || value.isTextual(), "an integer or a string", value, path, problems);
        } else if (raw == Quantity.class) {
            checkQuantity(value, path, problems);
        } else if (raw == byte[].class) {
            checkBase64(value, path, problems);
        } else if (raw == Object.class) {
            return; // free-form (RawExtension, JSON)
        } else {
            checkModel(raw, value, path, problems);
        }
    }

    private static void checkModel(Class<?> model, JsonNode value, String path, List<String> problems) {
        if (!expect(value.isObject(), "an object (" + model.getSimpleName() + ")", value, path, problems)) {
            return;
        }
        Map<String, Type> fields = fields(model);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            Type type = fields.get(field.getKey());
            if (type == null) {
                problems.add(path + "." + field.getKey() + ": unknown field of " + model.getSimpleName());
            } else {
                check(type, field.getValue(), path + "." + field.getKey(), problems);
            }
        }
        for (String required : requiredFields(model)) {
            if (value.path(required).isMissingNode() || value.path(required).isNull()) {
                problems.add(path + "." + required + ": required by " + model.getSimpleName() + " but missing");
            }
        }
    }

    private static void checkQuantity(JsonNode value, String path, List<String> problems) {
        if (!expect(value.isTextual() || value.isNumber(), "a quantity", value, path, problems)) {
            return;
        }
        try {
            Quantity.fromString(value.asText());
        } catch (RuntimeException e) {
            problems.add(path + ": " + value + " is not a quantity");
        }
    }

    private static void checkBase64(JsonNode value, String path, List<String> problems) {
        if (!expect(value.isTextual(), "base64 text", value, path, problems)) {
            return;
        }
        try {
            Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            problems.add(path + ": not base64");
        }
    }

    private static boolean expect(boolean ok, String what, JsonNode value, String path, List<String> problems) {
        if (!ok) {
            problems.add(path + ": should be " + what + " but is " + value.getNodeType().name().toLowerCase() + " " + value);
        }
        return ok;
    }

    /** JSON name → Java type of a model's fields (the models name each field with @SerializedName). */
    private static Map<String, Type> fields(Class<?> model) {
        return FIELDS.computeIfAbsent(model, m -> {
            Map<String, Type> fields = new LinkedHashMap<>();
            for (Field f : m.getDeclaredFields()) {
                SerializedName name = f.getAnnotation(SerializedName.class);
                if (name != null && !Modifier.isStatic(f.getModifiers())) {
                    fields.put(name.value(), f.getGenericType());
                }
            }
            return fields;
        });
    }

    @SuppressWarnings("unchecked")
    private static Set<String> requiredFields(Class<?> model) {
        try {
            return (Set<String>) model.getField("openapiRequiredFields").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no openapiRequiredFields", e);
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
