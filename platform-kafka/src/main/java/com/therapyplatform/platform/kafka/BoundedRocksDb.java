package com.therapyplatform.platform.kafka;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the JVM (all its Kafka Streams applications, global
 * stores included) by one shared block cache that the memtables are charged to as well. By default each
 * store gets a 50 MB block cache and up to three 16 MB memtables of its own, so a service's resident memory
 * grew with its number of stores (notification: six global stores, 453-578 MB peak under the benchmark's
 * backlog). Values and index blocks beyond the cache are read from the OS page cache.
 */
public class BoundedRocksDb implements RocksDBConfigSetter {

    static final long TOTAL_BYTES = 48L << 20;
    static final long MEMTABLE_BYTES = 16L << 20;
    private static final long MEMTABLE_SIZE = 4L << 20;

    static {
        RocksDB.loadLibrary(); // the cache is native: the library must be there before it
    }

    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
    /** Built on the cache: what the memtables take is taken from it. */
    static final WriteBufferManager MEMTABLES = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        // index and filter blocks in the same cache, so they are bounded too; kept ahead of data blocks
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(MEMTABLES);
        options.setWriteBufferSize(MEMTABLE_SIZE);
        options.setMaxWriteBufferNumber(2);
    }

    /** The cache and the write buffer manager are shared by every store of the JVM: closed with it. */
    @Override
    public void close(String storeName, Options options) {
    }
}
