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

    private static final String WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(org.citygraph.api.indicator.ImportCommand.run(CityGraphApplication.class, args, System.out));
        }
        // Tomcat gives every WebSocket two 8 KB output buffers; 2 KB each is plenty for events (longer
        // messages go out in several writes) and saves 12 KB per live subscriber. Read when Tomcat loads.
        if (System.getProperty(WEBSOCKET_BUFFER) == null) {
            System.setProperty(WEBSOCKET_BUFFER, "2048");
        }
        SpringApplication.run(CityGraphApplication.class, args);
    }
}
