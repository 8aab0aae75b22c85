package io.twobrains.command.chat.provider;

import io.twobrains.contract.model.Model;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Built chat models, per provider, endpoint and key, the least recently used dropped beyond a bound.
 * A chat model holds an SDK client with its connection pool and thread pools: building one per call
 * would cost a handshake per generation and leak the pools.
 */
public final class ChatModelCache {

    private static final int CACHED_MODELS = 256;

    private final Map<String, ChatModel> models = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChatModel> eldest) {
            return size() > CACHED_MODELS;
        }
    };

    /** The chat model of this adapter on this endpoint, built on first use. */
    public ChatModel get(ChatProvider provider, Endpoint endpoint, Model model) {
        // A digest, never a hash code: two users' keys must never share a model (and the key is not kept as text).
        String key = model.provider() + "\n" + endpoint.baseUrl() + "\n" + endpoint.givenByUser() + "\n"
                + digest(endpoint.key());
        synchronized (models) {
            return models.computeIfAbsent(key, unused -> provider.build(endpoint, model));
        }
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
