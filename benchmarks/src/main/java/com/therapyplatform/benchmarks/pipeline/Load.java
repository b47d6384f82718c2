package com.therapyplatform.benchmarks.pipeline;

import com.therapyplatform.contracts.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Open-loop load generators: over HTTP (the public API) or straight onto Kafka (as intake-service would publish). */
final class Load {

    /** One scheduled intake. status: 0 = in flight, -1 = dropped (in-flight cap), -2 = I/O error, else HTTP status. */
    static final class Sample {
        final long due;
        final boolean measured;
        volatile String intakeId;
        volatile int status;
        volatile long answered;

        Sample(long due, boolean measured) {
            this.due = due;
            this.measured = measured;
        }
    }

    private static final Pattern INTAKE_ID = Pattern.compile("\"intakeId\"\\s*:\\s*\"([^\"]+)\"");

    private Load() {
    }

    /** POSTs at {@code rate} for {@code warmup + seconds}; the samples of the first {@code warmup} seconds are not measured. */
    static List<Sample> http(String baseUrl, byte[] body, double rate, double warmup, double seconds, int maxInFlight)
            throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-http");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(baseUrl + "/api/v1/intakes");
        Semaphore inFlight = new Semaphore(maxInFlight);
        long start = Clock.nanos() + 20_000_000;
        long warmCount = (long) Math.floor(rate * warmup);
        OpenLoop schedule = new OpenLoop(start, rate, warmup + seconds);
        List<Sample> samples = new ArrayList<>((int) schedule.count());
        schedule.run((i, due) -> {
            Sample s = new Sample(due, i >= warmCount);
            samples.add(s);
            if (!inFlight.tryAcquire()) {
                s.status = -1;
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                s.answered = Clock.nanos();
                if (error != null) {
                    s.status = -2;
                } else {
                    Matcher m = INTAKE_ID.matcher(response.body());
                    if (m.find()) {
                        s.intakeId = m.group(1);
                    }
                    s.status = response.statusCode();
                }
                inFlight.release();
            });
        });
        // every request is answered or timed out within 15 s
        inFlight.tryAcquire(maxInFlight, 20, TimeUnit.SECONDS);
        executor.shutdown();
        return samples;
    }

    /**
     * Publishes IntakeSubmitted + IntakeContactProvided pairs at {@code rate}, in Kafka transactions like
     * intake-service (acks=all, idempotent), all pairs that are due in one transaction.
     */
    static List<Sample> kafka(String bootstrap, Intakes intakes, boolean urgent, double rate, double warmup,
            double seconds) throws InterruptedException {
        KafkaProducer<String, byte[]> producer = transactionalProducer(bootstrap, "bench-inject-");
        try {
            long start = Clock.nanos() + 20_000_000;
            long warmCount = (long) Math.floor(rate * warmup);
            OpenLoop schedule = new OpenLoop(start, rate, warmup + seconds);
            List<Sample> samples = new ArrayList<>((int) schedule.count());
            long issued = 0;
            while (issued < schedule.count()) {
                long due = schedule.dueBy(Clock.nanos());
                if (due == issued) {
                    Thread.sleep(1);
                    continue;
                }
                long until = Math.min(due, issued + 2000);
                producer.beginTransaction();
                for (long i = issued; i < until; i++) {
                    Sample s = new Sample(schedule.dueNanos(i), i >= warmCount);
                    Intakes.Pair pair = intakes.events(urgent, Instant.now());
                    s.intakeId = pair.intakeId();
                    // the topic intake-service would choose: urgent intakes take the priority path to triage
                    producer.send(new ProducerRecord<>(urgent ? Topics.INTAKE_SUBMITTED_URGENT : Topics.INTAKE_SUBMITTED,
                            pair.intakeId(), pair.submitted()));
                    producer.send(new ProducerRecord<>(Topics.INTAKE_CONTACT, pair.intakeId(), pair.contact()));
                    samples.add(s);
                }
                producer = commit(producer, bootstrap, "bench-inject-");
                long now = Clock.nanos();
                for (int k = samples.size() - (int) (until - issued); k < samples.size(); k++) {
                    samples.get(k).status = 202;
                    samples.get(k).answered = now;
                }
                issued = until;
            }
            return samples;
        } finally {
            producer.close();
        }
    }

    /**
     * Commits the transaction, and answers the producer to go on with. Kafka 4.1 answered a commit with
     * {@code InvalidTxnStateException} once (session 11, on a CPU-starved broker whose log showed the
     * transaction already committed: a retried EndTxn). That outcome is taken as committed (if it was not,
     * its intakes never complete and count against the step) and a new producer replaces the failed one.
     */
    static KafkaProducer<String, byte[]> commit(KafkaProducer<String, byte[]> producer, String bootstrap,
            String idPrefix) {
        try {
            producer.commitTransaction();
            return producer;
        } catch (InvalidTxnStateException e) {
            System.out.printf("  a commit answered %s: counted as committed, with a new producer%n",
                    e.getClass().getSimpleName());
            producer.close(Duration.ZERO);
            return transactionalProducer(bootstrap, idPrefix);
        }
    }

    static KafkaProducer<String, byte[]> transactionalProducer(String bootstrap, String idPrefix) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, idPrefix + UUID.randomUUID());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p);
        producer.initTransactions();
        return producer;
    }
}
