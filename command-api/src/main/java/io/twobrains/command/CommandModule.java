package io.twobrains.command;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The write side as a part of a node: every write of twobrains enters here, becomes a command on
 * the user's partition, and is answered once the processor's transaction holding its outcome has
 * committed; completions stream from here through Spring AI.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = CommandModule.class)
@ConfigurationPropertiesScan(basePackageClasses = CommandModule.class)
public class CommandModule {
}
