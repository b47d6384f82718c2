package com.therapyplatform.notification.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * One SMTP server (GreenMail) and one SMS provider stub (WireMock) per test JVM, so every broker test
 * class shares one application context; tests tell their messages apart by unique addresses.
 */
final class TestServers {

    static final String SMS_PATH = "/2010-04-01/Accounts/AC-test/Messages.json";

    private static GreenMail smtp;
    private static WireMockServer sms;

    private TestServers() {
    }

    static synchronized GreenMail smtp() {
        if (smtp == null) {
            smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            smtp.start();
            Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop, "greenmail-stop"));
        }
        return smtp;
    }

    static synchronized WireMockServer sms() {
        if (sms == null) {
            sms = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            sms.start();
            // by default the provider accepts every message, as Twilio does (201 with the message resource)
            sms.stubFor(post(urlPathMatching(SMS_PATH)).atPriority(10).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\":\"SM00000000000000000000000000000000\",\"status\":\"queued\"}")));
            // and its message list, read before a text that may already be there (an event from before the
            // instance started) is sent: empty, so such a text goes out
            sms.stubFor(get(urlPathMatching(SMS_PATH)).atPriority(10).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"messages\":[]}")));
            Runtime.getRuntime().addShutdownHook(new Thread(sms::stop, "wiremock-stop"));
        }
        return sms;
    }
}
