package dev.dbcheck.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Details;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.rules.pool.ConnectionPerRequest;
import dev.dbcheck.testing.RuleTester;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request path as findings carry it: evidence, path steps and the console sentence. */
class EntryPointsTest {

    @Test
    void pathRunsFromTheEntryPointThroughEachCallToTheFinding() {
        AnalysisResult result = RuleTester.of(new ConnectionPerRequest())
                .fixtures("/fixtures/ConnectionPerRequest-requests").expectMarkedFindings();
        Finding f = result.findings().stream().filter(x -> x.file().endsWith("DictServiceImpl.java")).findFirst()
                .orElseThrow();
        assertEquals(List.of("GET /system/dict/type/{type} in DictController.list",
                "DictController.list calls DictServiceImpl.byType", "DictServiceImpl.byType calls DictServiceImpl.open"),
                f.details().path().stream().map(Details.Step::description).toList());
        assertEquals(List.of(20, 22, 18), f.details().path().stream().map(Details.Step::line).toList());
        // The whole path does not fit a 160-character console line: the headline names the route, the path above
        // has every step (SARIF codeFlows, HTML, verbose console).
        assertEquals("DriverManager.getConnection() in open() opens a new database connection, reached from "
                + "GET /system/dict/type/{type}.", f.details().headline());
    }

    @Test
    void labelsNameTheVerbAndTheJoinedPath() {
        RuleTester.of(new ConnectionPerRequest()).file("src/main/java/p/Api.java", """
                package p;
                import java.sql.DriverManager;
                import javax.ws.rs.GET;
                import javax.ws.rs.Path;
                import javax.ws.rs.Produces;
                import org.springframework.web.bind.annotation.RequestMapping;
                import org.springframework.web.bind.annotation.RequestMethod;
                import org.springframework.web.bind.annotation.RestController;
                @Path("orders")
                class Orders {
                    @GET
                    @Path("{id}")
                    @Produces("application/json") // JAX-RS's media type, not CDI's producer method
                    public String get(String id) throws Exception {
                        return DriverManager.getConnection(id).getCatalog(); // expect: ConnectionPerRequest@warning entryPoint="GET /orders/{id}"
                    }
                }
                @RestController
                @RequestMapping(value = "/admin/")
                class Admin {
                    @RequestMapping(value = "/reset", method = RequestMethod.POST)
                    public void reset() throws Exception {
                        DriverManager.getConnection("jdbc:h2:mem:x").close(); // expect: ConnectionPerRequest@warning entryPoint="POST /admin/reset"
                    }
                }
                """).expectMarkedFindings();
    }

    @Test
    void aLibraryWithoutEntryPointsIsReachedFromItsPublicApi() {
        RuleTester.of(new ConnectionPerRequest()).file("src/main/java/p/Store.java", """
                package p;
                import java.sql.DriverManager;
                public class Store {
                    public String load(String url) throws Exception {
                        return open(url);
                    }
                    private String open(String url) throws Exception {
                        return DriverManager.getConnection(url).getCatalog(); // expect: ConnectionPerRequest@warning entryPoint="public API"
                    }
                }
                """).expectMarkedFindings();
    }

    @Test
    void aBeanLookedUpByItsClassIsCalledOnThatClass() {
        // An install tool: main starts the context and runs the installer it looks up by class. Only main reaches
        // the installer, so its one connection is no finding; untyped, nothing would reach it (info).
        RuleTester.of(new ConnectionPerRequest()).file("src/main/java/p/InstallApplication.java", """
                package p;
                import org.springframework.boot.SpringApplication;
                import org.springframework.context.ConfigurableApplicationContext;
                public class InstallApplication {
                    public static void main(String[] args) throws Exception {
                        ConfigurableApplicationContext context = SpringApplication.run(InstallApplication.class, args);
                        context.getBean(Installer.class).install();
                        // Look-alike by name: a plug-in registry of a library is no bean factory, so nothing says
                        // what its getBean returns and migrate() stays unreached.
                        new com.vendor.plugins.PluginRegistry().getBean(Installer.class).migrate();
                    }
                }
                """).file("src/main/java/p/Installer.java", """
                package p;
                import java.sql.DriverManager;
                import org.springframework.stereotype.Service;
                @Service
                public class Installer {
                    public void install() throws Exception {
                        DriverManager.getConnection("jdbc:postgresql://db/app").close();
                    }
                    public void repair() throws Exception {
                        DriverManager.getConnection("jdbc:postgresql://db/app").close(); // expect: ConnectionPerRequest@info
                    }
                    public void migrate() throws Exception {
                        DriverManager.getConnection("jdbc:postgresql://db/app").close(); // expect: ConnectionPerRequest@info
                    }
                }
                """).expectMarkedFindings();
    }
}
