import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.Analyzer;
import java.nio.file.Path;

/**
 * One JVM, JIT warm: the 18 service modules of the synthetic reactor (bench/multimodule/generate.py) analysed alone
 * and with their siblings' sources, and the siblings' 80 files parsed and declared 18 times (what sharing them
 * across the build could save at most). Run by bench/multimodule/run.sh after the Maven timings.
 */
public class ModuleCost {
    public static void main(String[] args) {
        Path reactor = Path.of(args[0]);
        for (int round = 0; round < 8; round++) {
            long p0 = System.nanoTime();
            for (int m = 0; m < 18; m++) {
                // What sharing could save: parsing the siblings' 80 files and extracting their declarations.
                new Analyzer().analyze(AnalysisRequest.builder(reactor).javaRoot(reactor.resolve("common/src/main/java"))
                        .javaRoot(reactor.resolve("model/src/main/java")).rules(java.util.List.of()).threads(1).build());
            }
            if (round >= 3) {
                System.out.printf("siblings' 80 files parsed and declared, 18 times: %.0f ms%n", (System.nanoTime() - p0) / 1e6);
            }
            for (boolean follow : new boolean[] {false, true}) {
                long start = System.nanoTime();
                int findings = 0;
                for (int m = 0; m < 18; m++) {
                    AnalysisRequest.Builder b = AnalysisRequest.builder(reactor.resolve("svc" + m))
                            .javaRoot(reactor.resolve("svc" + m + "/src/main/java")).threads(1);
                    if (follow) {
                        b.dependencyRoot(reactor.resolve("common/src/main/java"));
                        b.dependencyRoot(reactor.resolve("model/src/main/java"));
                    }
                    findings += new Analyzer().analyze(b.build()).findings().size();
                }
                if (round >= 3) {
                    System.out.printf("follow=%s: 18 modules in %.0f ms (%d findings)%n", follow,
                            (System.nanoTime() - start) / 1e6, findings);
                }
            }
        }
    }
}
