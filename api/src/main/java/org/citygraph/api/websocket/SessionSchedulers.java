package org.citygraph.api.websocket;

import java.util.concurrent.ThreadFactory;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Spring for GraphQL gives every WebSocket session a scheduler of its own, a thread each
 * ({@code Schedulers.newSingle("GraphQL-WsSession-...")}), and hands every outgoing message to it,
 * because it expects sends to block: ten thousand subscribers would be ten thousand threads, and
 * every delivery a hand-over from one thread to another. Here sends never block
 * ({@link QueuedSendSession}), so, installed once per JVM, this Reactor scheduler factory makes each
 * such session scheduler the immediate one: a message goes out on the thread that produced it (for
 * a shared subscription, a fan-out lane of {@code SharedSubscriptions}), and a slow client holds
 * no thread. Every other scheduler is made as Reactor would make it.
 */
final class SessionSchedulers {

    private static final String SESSION_THREAD_PREFIX = "GraphQL-WsSession-";
    private static volatile boolean installed;

    private SessionSchedulers() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        // with a snapshot, not setFactory: that would dispose the default schedulers other beans already hold
        Schedulers.setFactoryWithSnapshot(new Schedulers.Factory() {
            @Override
            public Scheduler newSingle(ThreadFactory threadFactory) {
                // the factory names its threads after the session; making one (never started) tells whose it is
                if (threadFactory.newThread(() -> { }).getName().startsWith(SESSION_THREAD_PREFIX)) {
                    return Schedulers.immediate();
                }
                return Schedulers.Factory.super.newSingle(threadFactory);
            }
        });
        installed = true;
    }
}
