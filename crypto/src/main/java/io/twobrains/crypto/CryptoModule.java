package io.twobrains.crypto;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** The keys of a node: master keys for sealing, and the vault of users' data keys. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecretsProperties.class, ContentKeyProperties.class})
public class CryptoModule {

    @Bean
    SecretSealer secretSealer(SecretsProperties properties) {
        return new SecretSealer(properties);
    }

    @Bean
    ContentKeys contentKeys(DatabaseClient db, SecretSealer sealer, ContentKeyProperties properties, Clock clock) {
        ContentKeys keys = new ContentKeys(db, sealer, properties, clock);
        keys.createTable().block(Duration.ofMinutes(1));
        return keys;
    }

    @Bean
    ContentKeyPurge contentKeyPurge(ContentKeys keys, ContentKeyProperties properties, Clock clock) {
        return new ContentKeyPurge(keys, properties, clock);
    }
}
