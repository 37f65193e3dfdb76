-- wrk script: POSTs client_credentials token requests (client_secret_post), rotating through the
-- request bodies in the file named by BENCH_BODIES (one line per registered client), and ends with
-- one machine-readable WRK line. Latencies are in microseconds.
-- With BENCH_PACE_MS > 0 each connection pauses a random 0.5x-1.5x that many milliseconds before
-- each request (think time), which offers a fixed load below saturation instead of the most the
-- server can take; latency is measured from sending, so the pause is not counted.
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

local pace = tonumber(os.getenv("BENCH_PACE_MS") or "0")
if pace > 0 then
  local low, high = math.max(0, math.floor(pace * 0.5)), math.ceil(pace * 1.5)
  function delay()
    return math.random(low, high)
  end
end

local counter = 0
function init(args)
  math.randomseed(os.time() + (offset or 0))
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
