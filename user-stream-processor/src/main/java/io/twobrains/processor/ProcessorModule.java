package io.twobrains.processor;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The per-user brain as a part of a node: a Kafka Streams processor that handles each user's commands
 * in order, keeps their state in RocksDB, hands write replies on in-process once committed, and says
 * which node holds a user's state. A node imports it; {@link ProcessorRebuild} rebuilds its state.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = ProcessorModule.class)
@ConfigurationPropertiesScan(basePackageClasses = ProcessorModule.class)
public class ProcessorModule {
}
