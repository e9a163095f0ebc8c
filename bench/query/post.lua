-- wrk script: POSTs the JSON body in $BODY_FILE and, when done, prints one JSON line with the
-- throughput and latency percentiles (microseconds), tagged with $BENCH_SERVER, $BENCH_QUERY, $BENCH_CONNS.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'RESULT {"server":"%s","query":"%s","connections":%d,"requests":%d,"duration_s":%.3f,"rps":%.2f,' ..
    '"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f,"errors":%d,"non2xx":%d,"timeouts":%d}\n',
    os.getenv("BENCH_SERVER") or "?", os.getenv("BENCH_QUERY") or "?", tonumber(os.getenv("BENCH_CONNS") or "0"),
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect + e.read + e.write + e.status + e.timeout, e.status, e.timeout))
end
