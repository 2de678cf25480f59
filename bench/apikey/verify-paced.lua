-- verify.lua's request, with a pause after each answer: 64 connections pausing 3 ms each offer
-- about 15-17k req/s, so p99 is measured at the target rate instead of in a saturated queue.
-- args: SERVICE_CREDENTIAL KEY PAUSE_MS
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

local pause
function init(args)
  post("application/json")
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  wrk.body = '{"key":"' .. args[2] .. '","client_ip":"203.0.113.9","required_scopes":["agents:read"]}'
  pause = tonumber(args[3])
end

function delay()
  return pause
end

function done(summary, latency, requests)
  write_percentiles(latency)
end
