package io.twobrains.service.quota;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binds {@code twobrains.quota} in every service. */
@AutoConfiguration
@EnableConfigurationProperties(QuotaProperties.class)
public class QuotaConfiguration {
}
