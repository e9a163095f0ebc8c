-- wrk script: POSTs the JSON body in $BODY_FILE and prints one JSON line with throughput and latency.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.path = os.getenv("PATH_ON_SERVER") or "/graphql"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format('RESULT {"rps":%.2f,"p50":%d,"p99":%d,"errors":%d,"non2xx":%d}\n',
    summary.requests / secs, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, e.status))
end
