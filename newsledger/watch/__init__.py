"""``newsledger watch``: polls feeds, sitemaps and pages on a schedule and analyses what is
new into the ledger, politely (conditional requests, robots.txt, a delay per host, backoff)
and exactly once across restarts (its state lives in the ledger: ``store.watch_state``).

``politeness`` holds robots.txt and the per-host gate, ``polling`` one poll of one source,
``watcher`` the loop. Like ``distributed``, this is an interface over the store: stages never
import it.
"""
