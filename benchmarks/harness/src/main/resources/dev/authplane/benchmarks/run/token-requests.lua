-- wrk script: POSTs client_credentials token requests (client_secret_post), rotating through the
-- request bodies in the file named by BENCH_BODIES (one line per registered client), and ends with
-- one machine-readable WRK line. Latencies are in microseconds.
local bodies = {}
for line in io.lines(os.getenv("BENCH_BODIES")) do
  if #line > 0 then
    bodies[#bodies + 1] = line
  end
end
assert(#bodies > 0, "BENCH_BODIES holds no request body")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"

local threads = 0
function setup(thread)
  thread:set("offset", threads * 7)
  threads = threads + 1
end

local counter = 0
function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, bodies[(counter % #bodies) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
