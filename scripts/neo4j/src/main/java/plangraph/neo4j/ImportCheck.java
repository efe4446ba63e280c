package plangraph.neo4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;

/**
 * Imports nodes.csv and relationships.csv with Neo4j's own importer ({@code neo4j-admin
 * database import full}) into a fresh database under HOME, opens it, and prints what it
 * holds as JSON: {"nodes": [{labels, properties}], "relationships": [{start, end, type,
 * properties}]} (start and end are the nodes' {@code id} properties). The importer's own
 * report goes to standard error.
 *
 * <p>Usage: {@code ImportCheck HOME NODES_CSV RELATIONSHIPS_CSV}
 */
public final class ImportCheck {
    private ImportCheck() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ImportCheck HOME NODES_CSV RELATIONSHIPS_CSV");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path conf = Files.createDirectories(home.resolve("conf"));
        ExecutionContext context = new ExecutionContext(
                home, conf, System.err, System.err, new DefaultFileSystemAbstraction());
        int status = AdminTool.execute(
                context,
                "database", "import", "full",
                "--nodes=" + Path.of(args[1]).toAbsolutePath(),
                "--relationships=" + Path.of(args[2]).toAbsolutePath(),
                "--overwrite-destination=true",
                "--report-file=" + home.resolve("import.report"),
                "neo4j");
        if (status != 0) {
            System.exit(status);
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home).build();
        try {
            GraphDatabaseService db = dbms.database("neo4j");
            List<Map<String, Object>> nodes = new ArrayList<>();
            List<Map<String, Object>> relationships = new ArrayList<>();
            try (Transaction tx = db.beginTx()) {
                for (Node node : tx.getAllNodes()) {
                    TreeSet<String> labels = new TreeSet<>();
                    for (Label label : node.getLabels()) {
                        labels.add(label.name());
                    }
                    nodes.add(Map.of("labels", labels, "properties", new TreeMap<>(node.getAllProperties())));
                }
                for (Relationship rel : tx.getAllRelationships()) {
                    relationships.add(Map.of(
                            "start", rel.getStartNode().getProperty("id"),
                            "end", rel.getEndNode().getProperty("id"),
                            "type", rel.getType().name(),
                            "properties", new TreeMap<>(rel.getAllProperties())));
                }
            }
            new ObjectMapper().writeValue(System.out, Map.of("nodes", nodes, "relationships", relationships));
        } finally {
            dbms.shutdown();
        }
    }
}
