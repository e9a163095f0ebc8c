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
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(org.citygraph.api.indicator.ImportCommand.run(CityGraphApplication.class, args, System.out));
        }
        SpringApplication.run(CityGraphApplication.class, args);
    }
}
