package io.twobrains.contract.json;

import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import tools.jackson.databind.node.ObjectNode;

/** Event envelopes to and from JSON bytes; older payload versions are upcast as they are read. */
public final class EventCodec {

    private static final PayloadTypes<Event> TYPES = new PayloadTypes<>(Event.class);

    private EventCodec() {
    }

    public static PayloadTypes<Event> types() {
        return TYPES;
    }

    public static byte[] toBytes(EventEnvelope envelope) {
        ObjectNode node = ChatJson.MAPPER.createObjectNode();
        node.put("eventId", envelope.eventId().toString());
        node.put("userId", envelope.userId());
        node.put("seq", envelope.seq());
        node.put("commandId", envelope.commandId().toString());
        node.put("occurredAt", envelope.occurredAt().toString());
        node.put("type", envelope.type());
        node.put("version", envelope.version());
        node.set("payload", ChatJson.MAPPER.valueToTree(envelope.payload()));
        return ChatJson.MAPPER.writeValueAsBytes(node);
    }

    public static EventEnvelope fromBytes(byte[] bytes) {
        EnvelopeFields fields = EnvelopeFields.parse(bytes);
        String type = fields.text("type");
        Class<? extends Event> payloadType = TYPES.byName(type)
                .orElseThrow(() -> new MalformedRecordException("unknown event type '" + type + "'"));
        int version = (int) fields.integer("version");
        int current = PayloadTypes.currentVersion(payloadType);
        if (version < 1 || version > current) {
            throw new MalformedRecordException(type + " v" + version + " is not readable here (current v" + current + ")");
        }
        ObjectNode payload = Upcasters.upcast(type, version, current, fields.object("payload"));
        return new EventEnvelope(
                fields.uuid("eventId"),
                fields.text("userId"),
                fields.integer("seq"),
                fields.uuid("commandId"),
                fields.instant("occurredAt"),
                current,
                EnvelopeFields.payload(payload, payloadType));
    }
}
