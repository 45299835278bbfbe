package papergraph;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts Neo4j (the Community DBMS, the same kernel and Cypher runtime as the server) with Bolt on 127.0.0.1,
 * sets the password of the built-in `neo4j` user, prints one line `NEO4J_URI=bolt://127.0.0.1:PORT` once Bolt
 * accepts connections, and shuts down cleanly on SIGTERM/SIGINT or when its standard input closes (so a parent
 * that dies, even by kill -9, leaves no database behind).
 */
public final class Neo4jLauncher {
  private record Options(int port, Path data, String password) {
    static Options parse(String[] args) {
      int port = 7687;
      Path data = Path.of(".neo4j");
      String password = "papergraph-dev";
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        String value = args[++i];
        switch (flag) {
          case "--port" -> port = Integer.parseInt(value);
          case "--data" -> data = Path.of(value);
          case "--password" -> password = value;
          default -> throw new IllegalArgumentException("unknown option " + flag + " (use --port, --data, --password)");
        }
      }
      if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0..65535, got " + port);
      return new Options(port, data.toAbsolutePath(), password);
    }
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("neo4j launcher: " + e.getMessage());
      System.exit(2);
      return;
    }
    exitWhenStdinCloses();
    try {
      run(options);
      Thread.currentThread().join(); // serve until SIGTERM/SIGINT or the end of standard input
    } catch (Throwable failure) {
      // Neo4j's own threads would keep a failed start alive: report and exit instead.
      System.err.println("neo4j launcher: Neo4j did not start: " + failure);
      failure.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(Options options) throws InterruptedException {
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(options.data())
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.port()))
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

    GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    setPassword(system, options.password());
    int port = system.getDependencyResolver()
        .resolveDependency(ConnectorPortRegister.class)
        .getLocalAddress(ConnectorType.BOLT)
        .getPort();
    awaitBolt(port);
    System.out.println("NEO4J_URI=bolt://127.0.0.1:" + port);
    System.out.flush();
  }

  /** The built-in user gets the given password; a data folder that already has it keeps it. */
  private static void setPassword(GraphDatabaseAPI system, String password) {
    try {
      system.executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    } catch (QueryExecutionException e) {
      // Neo4j refuses to "change" a password to itself, which is what a second start on the same data asks.
      if (!e.getMessage().contains("Old password and new password cannot be the same")) throw e;
    }
  }

  /** Standard input closing means the parent is gone (even by kill -9): exit, which runs the shutdown hook. */
  private static void exitWhenStdinCloses() {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // Input is ignored; only its end matters.
        }
      } catch (IOException ignored) {
        // A broken pipe ends the parent's hold just the same.
      }
      System.exit(0);
    }, "stdin-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void awaitBolt(int port) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) throw new IllegalStateException("Bolt did not answer on port " + port);
        Thread.sleep(100);
      }
    }
  }
}
