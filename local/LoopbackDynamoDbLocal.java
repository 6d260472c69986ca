// Starts DynamoDB Local bound to one address (the loopback interface by default) instead of every
// interface: the jar has no option for it (`-help` lists -port, -inMemory, -dbPath, -sharedDb,
// -cors, -delayTransientStatuses, -disableTelemetry, -optimizeDbBeforeStartup), and its Jetty
// server binds 0.0.0.0. This builds the server from the same command-line arguments, sets the
// host on its connector before it starts, and runs it. Run in Java's source-file mode by
// local/dynamodb-local.ts: java -cp DynamoDBLocal.jar:DynamoDBLocal_lib/* LoopbackDynamoDbLocal.java <args>
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("dynamodb.local.host", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) throw new IllegalStateException("DynamoDB Local's connector cannot be bound to one address");
      ((ServerConnector) connector).setHost(host);
    }
    proxy.start();
    proxy.join();
  }
}
