package com.therapyplatform.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SMS provider as notification-service sees it: Twilio's request shape ({@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json}, form fields {@code To}, {@code From}, {@code Body}), on
 * 127.0.0.1:18199. Every request that reaches it is a text that went out, and is kept for the checker.
 * {@code GET} on the same path lists the texts to a number ({@code To}), newest first, with Twilio's
 * {@code body} and {@code date_created}: what the gateway reads before it resends a text whose first
 * attempt had no answer.
 */
final class SmsSink implements AutoCloseable {

    static final int PORT = 18199;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Sms(String to, String body, long receivedAtMillis) {
    }

    private final List<Sms> received = new ArrayList<>();
    private final AtomicLong sids = new AtomicLong();
    private final AtomicLong listReads = new AtomicLong();
    private final HttpServer server;

    SmsSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 200);
        server.createContext("/2010-04-01/Accounts/", this::message);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    private void message(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().endsWith("/Messages.json")) {
                respond(exchange, 404, "{\"code\":20404,\"status\":404}");
                return;
            }
            if ("GET".equals(exchange.getRequestMethod())) {
                list(exchange);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 404, "{\"code\":20404,\"status\":404}");
                return;
            }
            Map<String, String> form;
            try (InputStream in = exchange.getRequestBody()) {
                form = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            String to = form.get("To");
            String body = form.get("Body");
            if (to == null || body == null) {
                respond(exchange, 400, "{\"code\":21604,\"status\":400}");
                return;
            }
            synchronized (received) {
                received.add(new Sms(to, body, System.currentTimeMillis()));
            }
            respond(exchange, 201, "{\"sid\":\"SM" + sids.incrementAndGet() + "\",\"status\":\"queued\"}");
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        listReads.incrementAndGet();
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = form(query == null ? "" : query);
        String to = params.get("To");
        int pageSize = Integer.parseInt(params.getOrDefault("PageSize", "50"));
        ObjectNode page = JSON.createObjectNode();
        ArrayNode messages = page.putArray("messages");
        List<Sms> all = received();
        for (int i = all.size() - 1; i >= 0 && messages.size() < pageSize; i--) {
            Sms sms = all.get(i);
            if (to == null || to.equals(sms.to())) {
                messages.addObject().put("sid", "SM" + (i + 1)).put("to", sms.to()).put("body", sms.body())
                        .put("date_created", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                Instant.ofEpochMilli(sms.receivedAtMillis()).atOffset(ZoneOffset.UTC)));
            }
        }
        page.put("page_size", pageSize);
        respond(exchange, 200, JSON.writeValueAsString(page));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    List<Sms> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** How often notification looked before sending a text that might already be here. */
    long listReads() {
        return listReads.get();
    }

    int count() {
        synchronized (received) {
            return received.size();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
