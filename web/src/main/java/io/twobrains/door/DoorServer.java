package io.twobrains.door;

import io.netty.channel.ChannelPipeline;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** The door's HTTP server: even a request it cannot decode is answered as a problem. */
@Configuration(proxyBeanMethods = false)
class DoorServer {

    @Bean
    NettyServerCustomizer undecodableRequestsAsProblems() {
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(UndecodableRequestProblems.NAME) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, UndecodableRequestProblems.NAME, new UndecodableRequestProblems());
            }
        });
    }
}
