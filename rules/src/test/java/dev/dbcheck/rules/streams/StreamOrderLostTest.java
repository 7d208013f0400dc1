package dev.dbcheck.rules.streams;

import dev.dbcheck.testing.RuleTester;
import org.junit.jupiter.api.Test;

class StreamOrderLostTest {

    @Test
    void flagsConcurrentRecordsAndUnorderedSinksInStreamHandlersOnly() {
        RuleTester.of(new StreamOrderLost()).fixtures("/fixtures/StreamOrderLost").expectMarkedFindings();
    }
}
