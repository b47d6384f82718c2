package com.therapyplatform.intake.web;

import com.therapyplatform.testsupport.TestCredentials;
import com.therapyplatform.testsupport.WithKafkaBroker;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * intake-service on the shared test broker, on a random port, with a status store of its own; one
 * configuration, so every class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {"spring.config.name=intake-service",
        "spring.kafka.streams.state-dir=${java.io.tmpdir}/intake-service-test-${random.uuid}",
        // tests post as many clients through a trusted proxy (IntakeHttpTestBase#post); ::1 is an untrusted peer
        "intake.api.rate-limit.trusted-proxies=127.0.0.1",
        "intake.api.rate-limit.capacity=" + IntakeServiceTest.RATE_LIMIT,
        "intake.api.rate-limit.period=1h",
        "intake.api.cors-allowed-origins=" + IntakeServiceTest.FORM_ORIGIN,
        TestCredentials.OPS_USERNAME_PROPERTY, TestCredentials.OPS_PASSWORD_PROPERTY,
        TestCredentials.STAFF_USERNAME_PROPERTY, TestCredentials.STAFF_PASSWORD_PROPERTY},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafkaBroker
@Import(RecordedOutcomes.class)
@interface IntakeServiceTest {

    int RATE_LIMIT = 20;
    String FORM_ORIGIN = "https://forms.therapyplatform.example";
}
