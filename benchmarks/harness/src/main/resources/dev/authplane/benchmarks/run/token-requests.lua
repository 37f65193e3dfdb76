-- wrk script: POSTs client_credentials token requests, rotating through the request bodies in the
-- file named by BENCH_BODIES (one line per registered client), and ends with one machine-readable
-- WRK line. Latencies are in microseconds.
-- With BENCH_ONCE_FROM >= 0 each body is sent once (client assertions: a jti is accepted once):
-- thread i of BENCH_THREADS sends bodies FROM+i, FROM+i+THREADS, ...; the WRK line's next= is the
-- first body no thread reached, where the next run starts. Past the last body a thread sends an
-- empty request, which the server refuses, so running out shows as failed requests.
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
local all_threads = {}
function setup(thread)
  thread:set("offset", threads * 7)
  thread:set("id", threads)
  threads = threads + 1
  all_threads[threads] = thread
end

local once_from = tonumber(os.getenv("BENCH_ONCE_FROM") or "-1")
local thread_count = tonumber(os.getenv("BENCH_THREADS") or "1")

local pace = tonumber(os.getenv("BENCH_PACE_MS") or "0")
if pace > 0 then
  local low, high = math.max(0, math.floor(pace * 0.5)), math.ceil(pace * 1.5)
  function delay()
    return math.random(low, high)
  end
end

counter = 0
function init(args)
  math.randomseed(os.time() + (offset or 0))
  counter = once_from >= 0 and 0 or (offset or 0)
end

function request()
  if once_from >= 0 then
    local index = once_from + id + thread_count * counter
    counter = counter + 1
    return wrk.format(nil, nil, nil, bodies[index + 1] or "")
  end
  counter = counter + 1
  return wrk.format(nil, nil, nil, bodies[(counter % #bodies) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  local next_body = 0
  if once_from >= 0 then
    local most = 0
    for _, t in ipairs(all_threads) do
      most = math.max(most, t:get("counter") or 0)
    end
    next_body = once_from + thread_count * most
  end
  io.write(string.format(
    "WRK requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d next=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, next_body))
end
