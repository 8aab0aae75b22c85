package io.twobrains.contract.json;

import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.node.ObjectNode;

/** Command envelopes to and from JSON bytes, in one streaming pass each way. */
public final class CommandCodec {

    private static final PayloadTypes<Command> TYPES = new PayloadTypes<>(Command.class);

    private CommandCodec() {
    }

    public static byte[] toBytes(CommandEnvelope envelope) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = ChatJson.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("type", envelope.type());
            json.writeStringProperty("commandId", envelope.commandId().toString());
            json.writeStringProperty("userId", envelope.userId());
            json.writeStringProperty("issuedAt", envelope.issuedAt().toString());
            if (envelope.fingerprint() != null) {
                json.writeStringProperty("fingerprint", envelope.fingerprint());
            }
            json.writeName("payload");
            ChatJson.MAPPER.writeValue(json, envelope.payload());
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    public static CommandEnvelope fromBytes(byte[] bytes) {
        EnvelopeFields fields = EnvelopeFields.parse(bytes, CommandCodec::readPayload);
        Class<? extends Command> payloadType = payloadType(fields);
        Object payload = fields.payload();
        Command command = payload instanceof ObjectNode tree ? EnvelopeFields.bind(tree, payloadType) : (Command) payload;
        return new CommandEnvelope(
                fields.uuid("commandId"),
                fields.text("userId"),
                fields.instant("issuedAt"),
                command,
                fields.optionalText("fingerprint"));
    }

    private static Object readPayload(JsonParser parser, EnvelopeFields before) {
        return before.has("type") ? EnvelopeFields.bind(parser, payloadType(before)) : EnvelopeFields.tree(parser);
    }

    private static Class<? extends Command> payloadType(EnvelopeFields fields) {
        String type = fields.text("type");
        return TYPES.byName(type)
                .orElseThrow(() -> new MalformedRecordException("unknown command type '" + type + "'"));
    }
}
