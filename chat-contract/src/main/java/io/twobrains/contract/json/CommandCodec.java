package io.twobrains.contract.json;

import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import tools.jackson.databind.node.ObjectNode;

/** Command envelopes to and from JSON bytes. */
public final class CommandCodec {

    private static final PayloadTypes<Command> TYPES = new PayloadTypes<>(Command.class);

    private CommandCodec() {
    }

    public static byte[] toBytes(CommandEnvelope envelope) {
        ObjectNode node = ChatJson.MAPPER.createObjectNode();
        node.put("commandId", envelope.commandId().toString());
        node.put("userId", envelope.userId());
        node.put("issuedAt", envelope.issuedAt().toString());
        node.put("type", envelope.type());
        node.set("payload", ChatJson.MAPPER.valueToTree(envelope.payload()));
        if (envelope.fingerprint() != null) {
            node.put("fingerprint", envelope.fingerprint());
        }
        return ChatJson.MAPPER.writeValueAsBytes(node);
    }

    public static CommandEnvelope fromBytes(byte[] bytes) {
        EnvelopeFields fields = EnvelopeFields.parse(bytes);
        String type = fields.text("type");
        Class<? extends Command> payloadType = TYPES.byName(type)
                .orElseThrow(() -> new MalformedRecordException("unknown command type '" + type + "'"));
        return new CommandEnvelope(
                fields.uuid("commandId"),
                fields.text("userId"),
                fields.instant("issuedAt"),
                EnvelopeFields.payload(fields.object("payload"), payloadType),
                fields.optionalText("fingerprint"));
    }
}
