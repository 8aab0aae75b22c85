package io.twobrains.processor.kafka;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the instance (7 stores per partition add up fast):
 * a shared block cache that also holds the write buffers, instead of RocksDB's per-store defaults.
 */
public class BoundedRocksDb implements RocksDBConfigSetter {

    private static final long TOTAL_BYTES = 256L * 1024 * 1024;
    private static final long WRITE_BUFFER_BYTES = 64L * 1024 * 1024;
    static {
        // The shared cache is native: the library must be loaded before the first store opens.
        RocksDB.loadLibrary();
    }

    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(WRITE_BUFFER_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(8L * 1024 * 1024);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by every store; they live as long as the JVM.
    }
}
