package io.twobrains.query.feed;

import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.contract.event.ApiKeyRemoved;
import io.twobrains.contract.event.ApiKeyStored;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.ConversationDeleted;
import io.twobrains.contract.event.ConversationRenamed;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.GenerationCancelled;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationEnded;
import io.twobrains.contract.event.GenerationFailed;
import io.twobrains.contract.event.GenerationStarted;
import io.twobrains.contract.event.McpServerAdded;
import io.twobrains.contract.event.McpServerChanged;
import io.twobrains.contract.event.McpServerRemoved;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.MessageSuperseded;
import io.twobrains.contract.event.SecretsResealed;
import io.twobrains.contract.event.SettingsChanged;
import io.twobrains.contract.event.UserErased;
import io.twobrains.contract.json.ChatJson;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the live feed tells a user's other tabs of each event: enough to update a list or follow a
 * reply, never a sealed secret (a stored key shows as its provider and hint, an MCP server without
 * its headers). Titles and messages are opened with the user's key (the feed goes to the user
 * alone). A refused command changed nothing, so it is not sent. One method per event type, so a new
 * event does not compile until the feed decides what it shows of it.
 */
final class FeedEvents implements Event.Visitor<Optional<ObjectNode>> {

    private final ContentCipher cipher;

    FeedEvents(ContentCipher cipher) {
        this.cipher = cipher;
    }

    Optional<ObjectNode> view(Event event) {
        return event.accept(this);
    }

    @Override
    public Optional<ObjectNode> visit(ConversationStarted event) {
        return Optional.of(node().put("conversationId", event.conversationId())
                .put("title", SealedContent.openTitle(cipher, event.conversationId(), event.title())));
    }

    @Override
    public Optional<ObjectNode> visit(ConversationRenamed event) {
        return Optional.of(node().put("conversationId", event.conversationId())
                .put("title", SealedContent.openTitle(cipher, event.conversationId(), event.title()))
                .put("source", ChatJson.MAPPER.valueToTree(event.source()).asString()));
    }

    @Override
    public Optional<ObjectNode> visit(ConversationDeleted event) {
        return Optional.of(node().put("conversationId", event.conversationId()));
    }

    @Override
    public Optional<ObjectNode> visit(MessageAppended event) {
        return Optional.of((ObjectNode) ChatJson.MAPPER.valueToTree(new MessageAppended(event.conversationId(),
                event.messageId(), event.role(), SealedContent.open(cipher, event.conversationId(), event.messageId(),
                        event.parts()))));
    }

    @Override
    public Optional<ObjectNode> visit(MessageSuperseded event) {
        return Optional.of((ObjectNode) ChatJson.MAPPER.valueToTree(event));
    }

    @Override
    public Optional<ObjectNode> visit(CommandRejected event) {
        return Optional.empty();
    }

    @Override
    public Optional<ObjectNode> visit(SettingsChanged event) {
        return Optional.of((ObjectNode) ChatJson.MAPPER.valueToTree(event));
    }

    @Override
    public Optional<ObjectNode> visit(ApiKeyStored event) {
        return Optional.of(node().put("provider", event.provider().id()).put("hint", event.hint()));
    }

    @Override
    public Optional<ObjectNode> visit(ApiKeyRemoved event) {
        return Optional.of(node().put("provider", event.provider().id()));
    }

    @Override
    public Optional<ObjectNode> visit(McpServerAdded event) {
        return Optional.of(node().put("serverId", event.serverId()).put("name", event.name()).put("enabled", event.enabled()));
    }

    @Override
    public Optional<ObjectNode> visit(McpServerChanged event) {
        return Optional.of(node().put("serverId", event.serverId()).put("name", event.name()).put("enabled", event.enabled()));
    }

    @Override
    public Optional<ObjectNode> visit(McpServerRemoved event) {
        return Optional.of(node().put("serverId", event.serverId()));
    }

    /** The same secrets sealed anew by the operator: nothing a tab shows changed. */
    @Override
    public Optional<ObjectNode> visit(SecretsResealed event) {
        return Optional.empty();
    }

    @Override
    public Optional<ObjectNode> visit(UserErased event) {
        return Optional.of(node());
    }

    @Override
    public Optional<ObjectNode> visit(GenerationStarted event) {
        return Optional.of(node().put("conversationId", event.conversationId()).put("generationId", event.generationId())
                .put("messageId", event.messageId()).put("model", event.model()));
    }

    @Override
    public Optional<ObjectNode> visit(GenerationCompleted event) {
        return ended(event, event.messageId());
    }

    @Override
    public Optional<ObjectNode> visit(GenerationFailed event) {
        return ended(event, event.messageId());
    }

    @Override
    public Optional<ObjectNode> visit(GenerationCancelled event) {
        return ended(event, event.messageId());
    }

    private static Optional<ObjectNode> ended(GenerationEnded event, String messageId) {
        return Optional.of(node().put("conversationId", event.conversationId()).put("generationId", event.generationId())
                .put("messageId", messageId));
    }

    private static ObjectNode node() {
        return ChatJson.MAPPER.createObjectNode();
    }
}
