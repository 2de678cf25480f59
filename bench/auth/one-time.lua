-- Each request spends a distinct pre-seeded secret (refresh token or exchange code):
-- thread t of T sends secrets t, t+T, t+2T, ... starting at OFFSET.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

local counter = 0
function init(args)
  field = args[1]        -- "refresh_token" or "exchange_code"
  prefix = args[2]       -- "awx_rt_bench_" or "awx_ec_bench_"
  offset = tonumber(args[3])
  nthreads = tonumber(args[4])
  post("application/json")
end

function request()
  local i = offset + id + counter * nthreads
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"' .. field .. '":"' .. prefix .. i .. '"}')
end

function done(summary, latency, requests)
  write_percentiles(latency)
end
