package com.therapyplatform.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Three combined broker+controller KRaft nodes on loopback (ports 19092-19094, controllers
 * 19192-19194), from the Kafka jars {@code tools/stack/pom.xml} fetches from Maven Central. Every
 * topic the cluster makes itself (offsets, transactions) has replication factor 3 and min ISR 2, like
 * the platform's topics in this suite.
 */
final class KafkaCluster implements AutoCloseable {

    static final int NODES = 3;
    static final int FIRST_PORT = 19092;
    static final int FIRST_CONTROLLER_PORT = 19192;

    private final SuiteConfig config;
    private final Path lib;
    private final Path dir;
    private final List<Proc> brokers = new ArrayList<>();
    private Admin admin;

    KafkaCluster(SuiteConfig config, Path lib) {
        this.config = config;
        this.lib = lib;
        this.dir = config.work().resolve("kafka");
    }

    String bootstrap() {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            hosts.add("127.0.0.1:" + (FIRST_PORT + i));
        }
        return String.join(",", hosts);
    }

    void start(Duration timeout) throws Exception {
        for (int i = 0; i < NODES; i++) {
            if (Suite.portBusy(FIRST_PORT + i) || Suite.portBusy(FIRST_CONTROLLER_PORT + i)) {
                throw new IllegalStateException("port " + (FIRST_PORT + i) + " or " + (FIRST_CONTROLLER_PORT + i)
                        + " is in use: is another fault suite running?");
            }
        }
        Files.createDirectories(dir);
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = STDOUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.out.ref = STDOUT",
                "logger.config.name = org.apache.kafka.common.config.AbstractConfig",
                "logger.config.level = warn",
                "logger.statechange.name = state.change.logger",
                "logger.statechange.level = warn", ""));
        String clusterId = clusterId();
        List<Process> formats = new ArrayList<>();
        for (int node = 1; node <= NODES; node++) {
            Path props = writeServerProperties(node);
            formats.add(new ProcessBuilder(Suite.java(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dlog4j2.configurationFile=" + log4j, "-cp", lib + "/*", "kafka.tools.StorageTool", "format",
                    "-t", clusterId, "-c", props.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("format-" + node + ".log").toFile())
                    .start());
        }
        for (Process format : formats) {
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting KRaft storage failed; see " + dir);
            }
        }
        for (int node = 1; node <= NODES; node++) {
            Proc broker = new Proc("kafka-" + node, List.of(Suite.java(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Dfault.suite=" + config.work(), "-Dlog4j2.configurationFile=" + log4j,
                    "-cp", lib + "/*", "kafka.Kafka", dir.resolve("server-" + node + ".properties").toString()),
                    Map.of(), dir, config.work().resolve("logs/kafka-" + node + ".log"));
            brokers.add(broker);
            broker.start();
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        admin = Admin.create(p);
        Suite.await("three brokers registered", timeout, () -> {
            for (Proc b : brokers) {
                if (!b.alive()) {
                    throw new IllegalStateException(b.name + " exited:\n" + b.tail(30));
                }
            }
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == NODES;
        });
    }

    private Path writeServerProperties(int node) throws IOException {
        String voters = java.util.stream.IntStream.rangeClosed(1, NODES)
                .mapToObj(n -> n + "@127.0.0.1:" + (FIRST_CONTROLLER_PORT + n - 1))
                .collect(Collectors.joining(","));
        int port = FIRST_PORT + node - 1;
        int controller = FIRST_CONTROLLER_PORT + node - 1;
        Path file = dir.resolve("server-" + node + ".properties");
        Files.writeString(file, String.join("\n",
                "# generated by the fault suite: combined broker+controller, loopback only",
                "process.roles=broker,controller",
                "node.id=" + node,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.quorum.voters=" + voters,
                "log.dirs=" + dir.resolve("data-" + node),
                "num.partitions=3",
                "default.replication.factor=3",
                "min.insync.replicas=2",
                "unclean.leader.election.enable=false",
                "offsets.topic.replication.factor=3",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=3",
                "transaction.state.log.min.isr=2",
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=3",
                "share.coordinator.state.topic.min.isr=2",
                "group.initial.rebalance.delay.ms=0",
                // leadership goes back to the preferred replica soon after a restart, so the leader the
                // schedule kills next is not always the same broker
                "leader.imbalance.check.interval.seconds=10",
                ""));
        return file;
    }

    private static String clusterId() {
        String id;
        do {
            byte[] bytes = new byte[16];
            ThreadLocalRandom.current().nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    Admin admin() {
        return admin;
    }

    Proc broker(int nodeId) {
        return brokers.get(nodeId - 1);
    }

    /** The node leading most partitions of {@code topic} (partition 0 breaks ties). */
    int leaderOf(String topic) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        Map<Integer, Long> byLeader = d.partitions().stream()
                .filter(p -> p.leader() != null)
                .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
        int first = d.partitions().get(0).leader() == null ? -1 : d.partitions().get(0).leader().id();
        return byLeader.entrySet().stream()
                .max((a, b) -> a.getValue().equals(b.getValue())
                        ? Integer.compare(a.getKey() == first ? 1 : 0, b.getKey() == first ? 1 : 0)
                        : Long.compare(a.getValue(), b.getValue()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException(topic + " has no leader"));
    }

    /** Partitions of every topic whose ISR is smaller than their replica set. */
    int underReplicated() throws Exception {
        Collection<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        int count = 0;
        for (TopicDescription d : admin.describeTopics(names).allTopicNames().get(20, TimeUnit.SECONDS).values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.isr().size() < p.replicas().size()) {
                    count++;
                }
            }
        }
        return count;
    }

    void awaitFullyReplicated(Duration timeout) {
        Suite.await("no under-replicated partition", timeout, () -> underReplicated() == 0);
    }

    void awaitPort(int node, Duration timeout) {
        Suite.await("kafka-" + node + " listening", timeout, () -> {
            if (!broker(node).alive()) {
                throw new IllegalStateException("kafka-" + node + " exited:\n" + broker(node).tail(30));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", FIRST_PORT + node - 1), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        brokers.forEach(Proc::terminate);
        for (Proc b : brokers) {
            b.stop(Duration.ofSeconds(30));
        }
    }
}
