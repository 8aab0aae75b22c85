package io.twobrains.command.egress;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Name resolution for connections to URLs users give. Each connection resolves its host once,
 * checks every address ({@link AddressCheck}), and gets exactly those addresses; Netty connects to
 * what its resolver returns and never resolves again. A name that answers with a public address
 * when checked and with a private one a moment later (DNS rebinding) cannot move a connection: the
 * address connected to is always one that was checked. Resolution blocks, so it runs on
 * {@code blocking}, never on the event loop.
 */
final class PinnedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final AddressCheck check;
    private final Executor blocking;

    PinnedResolverGroup(AddressCheck check, Executor blocking) {
        this.check = check;
        this.blocking = blocking;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new Resolver(executor);
    }

    private final class Resolver extends AbstractAddressResolver<InetSocketAddress> {

        Resolver(EventExecutor executor) {
            super(executor, InetSocketAddress.class);
        }

        /** Never: an address literal in a URL is checked like any name. */
        @Override
        protected boolean doIsResolved(InetSocketAddress address) {
            return false;
        }

        @Override
        protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
            blocking.execute(() -> {
                try {
                    promise.trySuccess(checked(address).get(0));
                } catch (Exception e) {
                    promise.tryFailure(e);
                }
            });
        }

        @Override
        protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
            blocking.execute(() -> {
                try {
                    promise.trySuccess(checked(address));
                } catch (Exception e) {
                    promise.tryFailure(e);
                }
            });
        }

        private List<InetSocketAddress> checked(InetSocketAddress address) throws Exception {
            List<InetAddress> addresses = check.addresses(address.getHostString());
            return addresses.stream().map(each -> new InetSocketAddress(each, address.getPort())).toList();
        }
    }
}
