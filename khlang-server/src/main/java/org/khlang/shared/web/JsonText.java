package org.khlang.shared.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text read from JSON may not hold a NUL character (code 0, which JSON can carry as an escape). PostgreSQL cannot
 * store it, so it could only fail later as a server error; refused while reading, it is a 400 problem like any
 * unreadable body.
 * The form and query parameters get the same rule from the firewall ({@code SecurityConfig.httpFirewall}).
 */
@Configuration(proxyBeanMethods = false)
class JsonText {

    @Bean
    JsonMapperBuilderCustomizer refuseNulInText() {
        return builder -> builder.addModule(new SimpleModule("khlang-text").addDeserializer(String.class,
                new NulRefusingStrings()));
    }

    static final class NulRefusingStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf(0) >= 0) {
                // The text itself stays out of the exception: it is the sender's and may be long.
                throw context.weirdStringException("", String.class, "text may not contain a NUL character");
            }
            return text;
        }
    }
}
