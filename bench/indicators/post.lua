-- wrk script: POSTs the GraphQL body in $BODY_FILE with $TOKEN and prints one RESULT line with the
-- latency percentiles in microseconds.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

function done(summary, latency, requests)
  io.write(string.format('RESULT {"requests":%d,"rps":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d,"errors":%d,"non2xx":%d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status))
end
