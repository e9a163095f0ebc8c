package org.citygraph.api.websocket;

import java.util.concurrent.ThreadFactory;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Spring for GraphQL gives every WebSocket session a scheduler of its own, a thread each
 * ({@code Schedulers.newSingle("GraphQL-WsSession-...")}): ten thousand subscribers would be ten
 * thousand threads. Installed once per JVM, this Reactor scheduler factory gives each such session one
 * worker of a small shared pool instead: its messages still go out one at a time and in order,
 * and since sends never block ({@link QueuedSendSession}), a slow client holds no shared thread.
 * Every other scheduler is made as Reactor would make it.
 */
final class SessionSchedulers {

    private static final String SESSION_THREAD_PREFIX = "GraphQL-WsSession-";
    private static final Scheduler SHARED = Schedulers.newParallel("graphql-ws",
            Math.max(2, Runtime.getRuntime().availableProcessors()), true);
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
                    return Schedulers.single(SHARED);
                }
                return Schedulers.Factory.super.newSingle(threadFactory);
            }
        });
        installed = true;
    }
}
