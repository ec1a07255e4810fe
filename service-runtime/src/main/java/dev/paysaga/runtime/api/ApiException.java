package dev.paysaga.runtime.api;

/**
 * A refusal the API answers with an RFC 9457 problem: an HTTP status and a stable {@code code}
 * from docs/api.md that merchants can branch on.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String param;

    public ApiException(int status, String code, String detail, String param) {
        super(detail);
        this.status = status;
        this.code = code;
        this.param = param;
    }

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, null);
    }

    public static ApiException invalidRequest(String param, String detail) {
        return new ApiException(400, "invalid_request", detail, param);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "not_found", "No " + what + " with id " + id, "id");
    }

    public static ApiException invalidStateTransition(String detail) {
        return new ApiException(409, "invalid_state_transition", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }
}
