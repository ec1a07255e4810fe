package dev.paysaga.sandbox.unionpay;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * UnionPay's gateway paths ({@code /gateway/api/backTransReq.do}, {@code /gateway/api/queryTrans.do}): a UTF-8
 * form in, and the answer as UnionPay writes it — the signed fields as {@code k=v&k=v}, values not URL-encoded
 * (signPubKeyCert's PEM line breaks included), HTTP 200. A field given twice is refused as malformed.
 */
@Path("/gateway/api")
public class UnionPayResource {
    private static final int MAX_FIELDS = 100;

    @Inject
    UnionPayGateway gateway;
    @Inject
    UnionPayKeys keys;

    @POST
    @Path("backTransReq.do")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response back(MultivaluedMap<String, String> form) {
        Map<String, String> fields = single(form);
        return render(fields == null ? malformed() : gateway.back(fields));
    }

    @POST
    @Path("queryTrans.do")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response query(MultivaluedMap<String, String> form) {
        Map<String, String> fields = single(form);
        return render(fields == null ? malformed() : gateway.query(fields));
    }

    static Map<String, String> single(MultivaluedMap<String, String> form) {
        if (form == null || form.size() > MAX_FIELDS) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, List<String>> field : form.entrySet()) {
            if (field.getValue().size() != 1) {
                return null;
            }
            fields.put(field.getKey(), field.getValue().get(0));
        }
        return fields;
    }

    static UnionPayGateway.Reply malformed() {
        Map<String, String> fields = new TreeMap<>(Map.of("respCode", AcpCodes.INVALID, "respMsg", "报文格式错误"));
        return new UnionPayGateway.Reply(200, fields);
    }

    private Response render(UnionPayGateway.Reply reply) {
        return render(reply, keys);
    }

    static Response render(UnionPayGateway.Reply reply, UnionPayKeys keys) {
        if (reply.status() != 200) {
            return Response.status(reply.status()).build();
        }
        String body = keys.sign(new TreeMap<>(reply.fields()), false).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        return Response.ok(body, "text/plain;charset=UTF-8").build();
    }
}
