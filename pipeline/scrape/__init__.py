"""Fetching publications from the web into the raw store.

Plain Python, no Dagster: `fetch` talks HTTP politely, `discover` finds
publication links on listing pages, `store` keeps every fetched byte, and
`crawl` ties them together for one source. The Dagster sensor, schedules and
the `snapshots` asset (pipeline.sensors, pipeline.snapshot_asset) only call in.
"""
