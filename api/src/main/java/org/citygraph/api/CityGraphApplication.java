package org.citygraph.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The CityGraph hub: GraphQL over HTTP and WebSocket in front of the city's graph. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CityGraphApplication {

    public static void main(String[] args) {
        SpringApplication.run(CityGraphApplication.class, args);
    }
}
