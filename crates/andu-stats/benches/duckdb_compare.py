"""The same indicator queries as andu-stats, in DuckDB, over the CSV the Rust bench writes.

Run by benches/stats.rs (needs `pip install duckdb`); prints `duckdb_ms=<ms>` for the query phase only (the CSV load
is not counted, as andu-stats' input is already in memory). The 审限内结案率 is left out here: it needs the holiday
calendar and the deadline engine, which DuckDB does not have — so the comparison favours DuckDB slightly.
"""
import sys
import time

import duckdb

csv, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
con = duckdb.connect()
con.execute("SET threads TO 1")  # the andu-stats number is on one core too
con.execute(f"CREATE TABLE c AS SELECT * FROM read_csv_auto('{csv}', header=true, dateformat='%Y-%m-%d')")

queries = [
    # received, closed, pending at start and end, averages, 调撤率, 延长审限率, 上诉率, 改判/发回
    f"""SELECT
        count(*) FILTER (WHERE filed BETWEEN DATE '{start}' AND DATE '{end}') AS received,
        count(*) FILTER (WHERE closed BETWEEN DATE '{start}' AND DATE '{end}') AS closed,
        count(*) FILTER (WHERE filed < DATE '{start}' AND (closed IS NULL OR closed >= DATE '{start}')) AS pending_start,
        count(*) FILTER (WHERE filed <= DATE '{end}' AND (closed IS NULL OR closed > DATE '{end}')) AS pending_end,
        avg(closed - filed) FILTER (WHERE closed BETWEEN DATE '{start}' AND DATE '{end}') AS avg_days,
        avg(closed - filed - deducted) FILTER (WHERE closed BETWEEN DATE '{start}' AND DATE '{end}') AS avg_net_days,
        count(*) FILTER (WHERE closed BETWEEN DATE '{start}' AND DATE '{end}' AND method IN ('调解', '撤诉')) AS med,
        count(*) FILTER (WHERE closed BETWEEN DATE '{start}' AND DATE '{end}' AND extended) AS ext,
        count(*) FILTER (WHERE closed BETWEEN DATE '{start}' AND DATE '{end}' AND method IN ('判决', '驳回起诉')) AS judged,
        count(*) FILTER (WHERE closed BETWEEN DATE '{start}' AND DATE '{end}' AND method IN ('判决', '驳回起诉') AND appealed) AS appealed,
        count(*) FILTER (WHERE closed BETWEEN DATE '{start}' AND DATE '{end}' AND outcome = '改判') AS reversed,
        count(*) FILTER (WHERE closed BETWEEN DATE '{start}' AND DATE '{end}' AND outcome = '发回重审') AS remanded
      FROM c""",
    # 逐月收结
    f"""SELECT m, sum(r) AS received, sum(k) AS closed FROM (
          SELECT date_trunc('month', filed) AS m, 1 AS r, 0 AS k FROM c WHERE filed BETWEEN DATE '{start}' AND DATE '{end}'
          UNION ALL
          SELECT date_trunc('month', closed), 0, 1 FROM c WHERE closed BETWEEN DATE '{start}' AND DATE '{end}')
        GROUP BY m ORDER BY m""",
    # 超12/18/36个月未结 and the ledger rows
    f"""SELECT case_no, judge, filed, date_diff('month', filed, DATE '{end}') AS months FROM c
        WHERE filed <= DATE '{end}' AND (closed IS NULL OR closed > DATE '{end}')
          AND filed + INTERVAL 12 MONTH < DATE '{end}' ORDER BY filed""",
]
best = None
for _ in range(3):
    started = time.perf_counter()
    for q in queries:
        con.execute(q).fetchall()
    ms = (time.perf_counter() - started) * 1000
    best = ms if best is None else min(best, ms)
print(f"duckdb_ms={best:.1f}")
