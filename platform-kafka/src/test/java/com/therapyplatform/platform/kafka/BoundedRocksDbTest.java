package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class BoundedRocksDbTest {

    @Test
    void everyStoreGetsTwoSmallMemtablesChargedToTheOneSharedWriteBufferManagerAndCachesItsIndexBlocks() {
        BoundedRocksDb setter = new BoundedRocksDb();
        try (Options first = new Options().setTableFormatConfig(new BlockBasedTableConfig());
                Options second = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            setter.setConfig("contacts", first, Map.of());
            setter.setConfig("triage", second, Map.of());

            for (Options options : new Options[] {first, second}) {
                assertThat(options.writeBufferSize()).isEqualTo(4L << 20);
                assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
                // the manager is built on the shared block cache: every store's memtables count against it
                assertThat(options.writeBufferManager()).isSameAs(BoundedRocksDb.MEMTABLES);
                assertThat(((BlockBasedTableConfig) options.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
            }
            setter.close("contacts", first);
            setter.close("triage", second);
        }
    }
}
