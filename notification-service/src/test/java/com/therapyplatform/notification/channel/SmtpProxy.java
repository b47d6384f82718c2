package com.therapyplatform.notification.channel;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of an SMTP server, as the client sees it: it counts the connections opened and
 * those still open, drops them all as a server may do, and refuses chosen recipients permanently (550)
 * in the server's stead.
 */
final class SmtpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int serverPort;
    private final AtomicInteger opened = new AtomicInteger();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private volatile boolean down;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "smtp-proxy");
        thread.setDaemon(true);
        return thread;
    });

    SmtpProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections the client opened so far. */
    int connectionsOpened() {
        return opened.get();
    }

    /** Connections the client has not closed yet. */
    int connectionsOpen() {
        return clients.size();
    }

    /** From now on, {@code RCPT TO} this address is answered 550 without reaching the server. */
    void refuse(String address) {
        refused.add(address.toLowerCase(Locale.ROOT));
    }

    /** Closes every open connection, both ways, as a server that drops idle connections does. */
    void dropConnections() {
        sockets.forEach(SmtpProxy::closeQuietly);
    }

    /** The server goes away: open connections are dropped and new ones closed at once, until {@link #up()}. */
    void down() {
        down = true;
        dropConnections();
    }

    void up() {
        down = false;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        dropConnections();
        threads.shutdownNow();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                opened.incrementAndGet();
                clients.add(client);
                sockets.add(client);
                sockets.add(server);
                threads.execute(() -> commands(client, server));
                threads.execute(() -> replies(server, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Client to server, line by line, answering a refused recipient itself. */
    private void commands(Socket client, Socket server) {
        try (InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream toServer = server.getOutputStream()) {
            byte[] line;
            while ((line = readLine(in)) != null) {
                String command = new String(line, StandardCharsets.US_ASCII).trim().toLowerCase(Locale.ROOT);
                if (command.startsWith("rcpt to:") && refused.stream().anyMatch(command::contains)) {
                    reply(client, "550 5.1.1 Recipient address rejected\r\n");
                } else {
                    toServer.write(line);
                    toServer.flush();
                }
            }
        } catch (IOException e) {
            // dropped
        } finally {
            clients.remove(client);
            sockets.remove(client);
            sockets.remove(server);
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private void replies(Socket server, Socket client) {
        byte[] buffer = new byte[8192];
        try (InputStream in = server.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (client) {
                    client.getOutputStream().write(buffer, 0, read);
                    client.getOutputStream().flush();
                }
            }
        } catch (IOException e) {
            // dropped
        } finally {
            closeQuietly(client);
        }
    }

    private static void reply(Socket client, String reply) throws IOException {
        synchronized (client) {
            client.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
        }
    }

    /** A line with its line end, or null at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() > 0 ? line.toByteArray() : null;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
