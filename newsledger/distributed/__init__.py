"""``newsledger batch``: analyse archives on a Dask cluster into Parquet tables.

The only package of newsledger that imports Dask; the stages never do. The parts:

* ``shards``: inputs (files, folders, WARC, JSON Lines) split into shards with stable ids;
* ``tables``: the Parquet schemas and the rows of one analysis or rejection;
* ``output``: a shard's files written atomically, ``_done`` markers, partial files cleared;
* ``worker``: one shard analysed by a worker that loads the models once;
* ``ledger``: with ``--db``, finished shards loaded into a ledger by the client;
* ``runner``: the cluster, the futures, the progress bar, the summary.
"""

# Memory of each worker of a local cluster (``--memory-limit``): a worker past 95% of it is
# restarted. Measured peak of a worker on long runs: see benchmarks/batch_memory.py.
DEFAULT_MEMORY_LIMIT = "3GiB"
