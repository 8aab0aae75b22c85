package io.twobrains.door;

import io.twobrains.processor.ProcessorProperties;
import io.twobrains.processor.kafka.UserLocator;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** How a node sends a request for a user to the node that holds the user, and takes such requests from others. */
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

    /** Listens on every address: other nodes reach it at the advertised host. */
    @Bean
    InternalServer internalServer(HttpHandler application, ProcessorProperties properties) {
        return new InternalServer(application, "0.0.0.0", properties.internalPort());
    }
}
