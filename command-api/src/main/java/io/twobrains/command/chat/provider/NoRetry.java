package io.twobrains.command.chat.provider;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/** Spring AI retries failed calls by default; a failure must show at once, as an error chunk. */
final class NoRetry {

    static final RetryTemplate TEMPLATE = new RetryTemplate(RetryPolicy.builder().maxRetries(0).build());

    private NoRetry() {
    }
}
