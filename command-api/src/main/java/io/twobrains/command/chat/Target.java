package io.twobrains.command.chat;

import io.twobrains.contract.model.Model;
import io.twobrains.contract.view.ChatContextView;
import io.twobrains.service.problem.ApiProblem;

/**
 * A model with the credentials it will run on: the user's own key for its provider if there is one
 * (sent to the user's endpoint, else to where this deployment reaches the provider), else the app's
 * key, for a free model only. {@code apiKeyRef} names the user's stored key; it is opened only when
 * the call is made ({@link Credentials}).
 */
public record Target(Model model, boolean byok, String baseUrl, String apiKeyRef) {

    private static final String DEMO = "demo";

    /** Whether the model can run for this user, and on whose key; a 400 problem if it cannot. */
    static Target choose(Model model, ChatContextView context, ChatProperties properties) {
        String provider = model.provider();
        if (DEMO.equals(provider)) {
            return new Target(model, false, null, null);
        }
        ChatContextView.Key own = context.apiKeys().get(provider);
        ChatProperties.ProviderEndpoint configured = properties.providers().get(provider);
        if (own != null) {
            String baseUrl = own.baseUrl() != null ? own.baseUrl()
                    : configured != null && configured.baseUrl() != null ? configured.baseUrl().toString() : null;
            return new Target(model, true, baseUrl, provider);
        }
        if (model.tier() == Model.Tier.BYOK) {
            throw ApiProblem.badRequest(model.id() + " needs your own " + provider + " key (PUT /api/settings/api-keys/"
                    + provider + ")");
        }
        if (configured == null || configured.baseUrl() == null && (configured.apiKey() == null || configured.apiKey().isBlank())) {
            throw ApiProblem.badRequest(model.id() + " is not available here: no " + provider + " provider is configured");
        }
        return new Target(model, false, configured.baseUrl() == null ? null : configured.baseUrl().toString(), null);
    }

    @Override
    public String toString() {
        return "Target[" + model.id() + ", byok=" + byok + "]";
    }
}
