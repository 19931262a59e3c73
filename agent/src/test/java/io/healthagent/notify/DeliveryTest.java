package io.healthagent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A receiver that accepts and never answers: offers never block, the queue stays bounded, drops are counted. */
class DeliveryTest {
    @Test
    void aHangingReceiverNeverBlocksTheCallerAndDropsAreCounted() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket hang = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) held.add(hang.accept()); // accepted, never answered
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Delivery d = new Delivery("webhook", "http://127.0.0.1:" + hang.getLocalPort() + "/hook", 4);
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) d.offer(("{\"n\":" + i + "}").getBytes());
            long tookMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(tookMillis < 1_000, "offers never wait for the receiver: " + tookMillis + " ms");
            // One body is being posted (hanging), four wait; the rest were dropped, oldest first.
            long dropped = d.dropped.get();
            assertTrue(dropped >= 15 && dropped <= 16, "dropped " + dropped);
            d.stop();
        } finally {
            for (Socket s : held) s.close();
        }
    }
}
