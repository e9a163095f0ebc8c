-- wrk script: POSTs an Open311 service request (a form) to $PATH_ON_SERVER, with coordinates that move
-- a little on every request (so duplicate suggestions have real work), and prints one JSON line.
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

request = function()
  n = n + 1
  local lat = 36.15 + (n % 97) * 0.0004
  local lon = 127.01 + (n % 89) * 0.0004
  local body = "service_code=ROAD_DAMAGE&lat=" .. lat .. "&long=" .. lon ..
      "&description=%EA%B0%95%EA%B2%BD%EC%9D%8D%20%EB%8F%84%EB%A1%9C%EA%B0%80%20%ED%8C%8C%EC%98%80%EC%96%B4%EC%9A%94" ..
      "&email=bench%40example.kr"
  return wrk.format(nil, os.getenv("PATH_ON_SERVER"), nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format('RESULT {"rps":%.2f,"p50":%d,"p99":%d,"errors":%d,"non2xx":%d}\n',
    summary.requests / secs, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, e.status))
end
