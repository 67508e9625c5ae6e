"""``newsledger batch``: analyse archives on a Dask cluster into Parquet tables.

The only package of newsledger that imports Dask; the stages never do. The parts:

* ``shards``: inputs (files, folders, WARC, JSON Lines) split into shards with stable ids;
* ``tables``: the Parquet schemas and the rows of one analysis or rejection;
* ``output``: a shard's files written atomically, ``_done`` markers, partial files cleared;
* ``worker``: one shard analysed by a worker that loads the models once;
* ``runner``: the cluster, the futures, the progress bar, the summary.
"""
