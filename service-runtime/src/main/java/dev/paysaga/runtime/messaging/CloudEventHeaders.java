package dev.paysaga.runtime.messaging;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode:
 * attributes travel as {@code ce_*} headers, the record value is the event's JSON data.
 */
final class CloudEventHeaders {
    static final String SPEC_VERSION = "ce_specversion";
    static final String ID = "ce_id";
    static final String SOURCE = "ce_source";
    static final String TYPE = "ce_type";
    static final String SUBJECT = "ce_subject";
    static final String TIME = "ce_time";
    /** Extension attribute: the saga this message belongs to, if any. */
    static final String SAGA_ID = "ce_sagaid";
    static final String CONTENT_TYPE = "content-type";
    /** W3C trace context, read by OpenTelemetry on the consuming side. */
    static final String TRACEPARENT = "traceparent";

    static final String SPEC_VERSION_VALUE = "1.0";
    static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
