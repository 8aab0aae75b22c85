package io.twobrains.command.chat;

import io.twobrains.command.egress.RefusedAddressException;
import java.util.concurrent.TimeoutException;

/**
 * What to tell a user about a provider's failure: the provider and its status, never the request,
 * the key, or the provider's raw message (which can echo either).
 */
final class ProviderErrors {

    private ProviderErrors() {
    }

    static String describe(Throwable error, String provider) {
        if (error instanceof TimeoutException) {
            return provider + " did not answer in time";
        }
        RefusedAddressException refused = cause(error, RefusedAddressException.class);
        if (refused != null) {
            return "the " + provider + " endpoint is refused: it resolves to a " + refused.range() + " address";
        }
        int status = status(error);
        if (status == 401 || status == 403) {
            return provider + " refused the key (" + status + "): check the API key";
        }
        if (status == 429) {
            return provider + " is rate limiting or out of quota (429): try again later";
        }
        if (status >= 500) {
            return provider + " failed (" + status + "): try again later";
        }
        if (status >= 400) {
            return provider + " rejected the request (" + status + ")";
        }
        return provider + " could not be reached (" + error.getClass().getSimpleName() + ")";
    }

    /** The provider's error, without the wrappers SDKs add around it. */
    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof java.util.concurrent.CompletionException
                || current.getClass() == RuntimeException.class) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** The HTTP status a provider answered with, whichever SDK reported it; 0 if none. */
    static int status(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.openai.errors.OpenAIServiceException openAi) {
                return openAi.statusCode();
            }
            if (cause instanceof com.anthropic.errors.AnthropicServiceException anthropic) {
                return anthropic.statusCode();
            }
            if (cause instanceof com.google.genai.errors.ApiException google) {
                return google.code();
            }
            if (cause instanceof org.springframework.web.reactive.function.client.WebClientResponseException web) {
                return web.getStatusCode().value();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return 0;
    }
}
