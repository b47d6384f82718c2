package com.therapyplatform.notification.messaging;

import com.therapyplatform.contracts.Topics;
import com.therapyplatform.notification.channel.MailChannel;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class NotificationConfiguration {

    @Bean
    GlobalKTable<String, byte[]> contactTable(StreamsBuilder builder) {
        return builder.globalTable(Topics.INTAKE_CONTACT, Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(ContactDirectory.STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()));
    }

    @Bean
    ContactDirectory contactDirectory(StreamsBuilderFactoryBean streams) {
        return new ContactDirectory(streams);
    }

    @Bean
    MailChannel mailChannel(JavaMailSenderImpl sender, @Value("${notification.mail.from}") String from) {
        return new MailChannel(sender, from);
    }
}
