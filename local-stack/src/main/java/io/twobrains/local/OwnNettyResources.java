package io.twobrains.local;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Reactor Netty's global event loops are shared by every context of the JVM, and the first context
 * to close would dispose of them under the others; in the local stack each context (the short-lived
 * rebuild and replay contexts too) has its own.
 */
public class OwnNettyResources implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ((GenericApplicationContext) context).registerBean("reactorResourceFactory", ReactorResourceFactory.class, () -> {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        });
    }
}
