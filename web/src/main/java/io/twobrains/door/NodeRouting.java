package io.twobrains.door;

import io.twobrains.processor.kafka.UserLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** How a node sends a request for a user to the node that holds the user. */
@Configuration(proxyBeanMethods = false)
class NodeRouting {

    @Bean
    Forwarder forwarder(WebClient.Builder webClients, UserLocator locator) {
        return new Forwarder(webClients, locator.self().host() + ":" + locator.self().port());
    }

    @Bean
    OwnerRouting ownerRouting(UserLocator locator, Forwarder forwarder) {
        return new OwnerRouting(locator, forwarder);
    }
}
