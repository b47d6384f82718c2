package com.therapyplatform.benchmarks;

import com.therapyplatform.notification.domain.Helpline;
import com.therapyplatform.notification.domain.Language;
import com.therapyplatform.notification.domain.MessageContent;
import com.therapyplatform.notification.domain.Template;
import com.therapyplatform.notification.rendering.MessageRenderer;
import com.therapyplatform.notification.rendering.RenderedEmail;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.results.RunResult;

/**
 * What notification-service spends rendering one e-mail (subject, plain-text and HTML body) through
 * {@link MessageRenderer}, next to a baseline in the same run: {@code format}, a small HTML page with the
 * same values and helplines put together with {@link String#format} (for every template the same page),
 * about the least a renderer can do. The pipeline's
 * profile put rendering at a third of notification-service's CPU; this is where changes to it are
 * measured. Run {@code java -cp benchmarks/target/benchmarks.jar com.therapyplatform.benchmarks.RenderBenchmark}.
 */
public class RenderBenchmark extends SampledBenchmark {

    /** the two e-mails every matched intake gets, and the crisis one */
    @Param({"match-confirmation", "receipt", "crisis-resources"})
    public String template;

    private MessageRenderer renderer;
    private MessageContent content;

    @Setup
    public void setUp() {
        renderer = new MessageRenderer();
        content = new MessageContent(
                switch (template) {
                    case "match-confirmation" -> Template.MATCH_CONFIRMATION;
                    case "receipt" -> Template.RECEIPT;
                    default -> Template.CRISIS_RESOURCES;
                },
                Language.EN, "https://care.example/intakes/0b96a6b0-47c5-4b50-a9ec-9ff44b05b45d",
                "Dr. Maya Chen", "PhD",
                List.of(new Helpline.Text("988 Suicide & Crisis Lifeline", "call or text 988"),
                        new Helpline.Text("Crisis Text Line", "text HOME to 741741"),
                        new Helpline.Text("Emergency services", "call 911")),
                template.equals("crisis-resources"));
        if (!email().html().contains("988")) {
            throw new IllegalStateException("the sample did not render its helplines");
        }
    }

    @Benchmark
    public RenderedEmail email() {
        return renderer.email(content);
    }

    @Benchmark
    public String format() {
        StringBuilder resources = new StringBuilder();
        for (Helpline.Text resource : content.resources()) {
            resources.append(String.format("<li><strong>%s</strong>: <span>%s</span></li>%n",
                    resource.name(), resource.how()));
        }
        return String.format("<html lang=\"en\"><head><title>%s</title></head><body><p>%s</p><p>%s</p>"
                        + "<ul>%s</ul><p>%s</p></body></html>", "Your clinician",
                "You have been matched with " + content.clinicianName() + ", " + content.credentials(),
                "Your status: " + content.link(), resources, "Your care team");
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = Jmh.run(RenderBenchmark.class, args);
        if (results.isEmpty()) {
            return;
        }
        System.out.printf("%n%-20s %12s %12s %8s %12s%n", "template", "format p50", "email p50", "ratio",
                "email mean");
        Jmh.eachPair(results, "template", List.of("match-confirmation", "receipt", "crisis-resources"), "format",
                "email", (kind, format, email) -> System.out.printf("%-20s %12.2f %12.2f %8.1f %12.2f%n", kind,
                        format.getPercentile(50), email.getPercentile(50),
                        email.getPercentile(50) / format.getPercentile(50), email.getMean()));
        System.out.println("µs per e-mail; ratio = email / format, same JVM and run");
    }
}
