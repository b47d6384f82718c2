package com.therapyplatform.triage.messaging;

import com.therapyplatform.testsupport.TestCredentials;
import com.therapyplatform.testsupport.WithKafkaBroker;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * triage-service on the shared test broker, on a random port (Actuator is its HTTP surface) with the test's
 * OPS and STAFF users; one configuration, so every class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {"spring.config.name=triage-service",
        TestCredentials.OPS_USERNAME_PROPERTY, TestCredentials.OPS_PASSWORD_PROPERTY,
        TestCredentials.STAFF_USERNAME_PROPERTY, TestCredentials.STAFF_PASSWORD_PROPERTY},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafkaBroker
@interface TriageServiceTest {
}
