-- Each request spends a distinct pre-seeded secret (refresh token or exchange code):
-- thread t of T sends secrets t, t+T, t+2T, ... starting at OFFSET.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  field = args[1]        -- "refresh_token" or "exchange_code"
  prefix = args[2]       -- "awx_rt_bench_" or "awx_ec_bench_"
  offset = tonumber(args[3])
  nthreads = tonumber(args[4])
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local i = offset + id + counter * nthreads
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"' .. field .. '":"' .. prefix .. i .. '"}')
end

function done(summary, latency, requests)
  io.write(string.format("PERCENTILES p50=%.3f p99=%.3f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
