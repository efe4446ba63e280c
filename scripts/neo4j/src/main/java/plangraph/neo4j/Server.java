package plangraph.neo4j;

import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Neo4j's in-process test server with Bolt on 127.0.0.1:PORT, no HTTP, no auth, and
 * LOAD CSV reading file:/// URLs from IMPORT_DIR. Runs until it is sent SIGTERM.
 *
 * <p>Usage: {@code Server PORT WORK_DIR IMPORT_DIR PAGECACHE_MB}
 */
public final class Server {
    private Server() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: Server PORT WORK_DIR IMPORT_DIR PAGECACHE_MB");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]).toAbsolutePath();
        Path importDir = Path.of(args[2]).toAbsolutePath();
        long pageCache = Long.parseLong(args[3]) * 1024 * 1024;

        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(work)
                .withDisabledServer()
                .withConfig(HttpConnector.enabled, false)
                .withConfig(HttpsConnector.enabled, false)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(GraphDatabaseSettings.auth_enabled, false)
                .withConfig(GraphDatabaseSettings.allow_file_urls, true)
                .withConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                .withConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close, "neo4j-shutdown"));
        System.out.println("plangraph-neo4j ready " + neo4j.boltURI());
        System.out.flush();
        Thread.currentThread().join();
    }
}
