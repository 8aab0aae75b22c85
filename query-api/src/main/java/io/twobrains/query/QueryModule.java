package io.twobrains.query;

import io.twobrains.query.db.Analytics;
import io.twobrains.query.db.Freshness;
import io.twobrains.query.db.GlobalReads;
import io.twobrains.query.db.UsageReads;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The read side as a part of a node: chat data from the per-user brain's store on this node (a
 * request for a user is answered by the node that holds the user), and settings, usage and analytics
 * from the global brain in Postgres.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = QueryModule.class)
@ConfigurationPropertiesScan(basePackageClasses = QueryModule.class)
public class QueryModule {

    @Bean
    GlobalReads globalReads(DatabaseClient db) {
        return new GlobalReads(db);
    }

    @Bean
    UsageReads usageReads(DatabaseClient db) {
        return new UsageReads(db);
    }

    @Bean
    Analytics analytics(DatabaseClient db) {
        return new Analytics(db);
    }

    @Bean
    Freshness freshness(GlobalReads reads, QueryApiProperties properties) {
        return new Freshness(reads, properties);
    }
}
