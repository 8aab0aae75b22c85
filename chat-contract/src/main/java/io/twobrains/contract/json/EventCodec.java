package io.twobrains.contract.json;

import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.node.ObjectNode;

/**
 * Event envelopes to and from JSON bytes, in one streaming pass each way. Older payload versions
 * are upcast as they are read (through a tree: the rare path); a current one is bound directly.
 */
public final class EventCodec {

    private static final PayloadTypes<Event> TYPES = new PayloadTypes<>(Event.class);

    private EventCodec() {
    }

    public static PayloadTypes<Event> types() {
        return TYPES;
    }

    public static byte[] toBytes(EventEnvelope envelope) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = ChatJson.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            // type and version first: a reader binds the payload as soon as it reaches it
            json.writeStringProperty("type", envelope.type());
            json.writeNumberProperty("version", envelope.version());
            json.writeStringProperty("eventId", envelope.eventId().toString());
            json.writeStringProperty("userId", envelope.userId());
            json.writeNumberProperty("seq", envelope.seq());
            json.writeStringProperty("commandId", envelope.commandId().toString());
            json.writeStringProperty("occurredAt", envelope.occurredAt().toString());
            json.writeName("payload");
            ChatJson.MAPPER.writeValue(json, envelope.payload());
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    public static EventEnvelope fromBytes(byte[] bytes) {
        EnvelopeFields fields = EnvelopeFields.parse(bytes, EventCodec::readPayload);
        Class<? extends Event> payloadType = payloadType(fields);
        int current = PayloadTypes.currentVersion(payloadType);
        int version = version(fields, current);
        Object payload = fields.payload();
        Event event = payload instanceof ObjectNode tree
                ? EnvelopeFields.bind(Upcasters.upcast(fields.text("type"), version, current, tree), payloadType)
                : (Event) payload;
        return new EventEnvelope(
                fields.uuid("eventId"),
                fields.text("userId"),
                fields.integer("seq"),
                fields.uuid("commandId"),
                fields.instant("occurredAt"),
                current,
                event);
    }

    /** Binds a payload of the current version directly; anything else waits as a tree. */
    private static Object readPayload(JsonParser parser, EnvelopeFields before) {
        if (before.has("type") && before.has("version")) {
            Class<? extends Event> type = payloadType(before);
            int current = PayloadTypes.currentVersion(type);
            if (version(before, current) == current) {
                return EnvelopeFields.bind(parser, type);
            }
        }
        return EnvelopeFields.tree(parser);
    }

    private static Class<? extends Event> payloadType(EnvelopeFields fields) {
        String type = fields.text("type");
        return TYPES.byName(type)
                .orElseThrow(() -> new MalformedRecordException("unknown event type '" + type + "'"));
    }

    private static int version(EnvelopeFields fields, int current) {
        long version = fields.integer("version");
        if (version < 1 || version > current) {
            throw new MalformedRecordException(fields.text("type") + " v" + version + " is not readable here (current v"
                    + current + ")");
        }
        return (int) version;
    }
}
