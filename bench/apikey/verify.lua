-- The same verify request every time, for a key verify already holds in its cache; the baseline gets
-- the very same bytes. No request() here, so wrk formats the request once and adds no work per call.
-- args: SERVICE_CREDENTIAL KEY
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

function init(args)
  post("application/json")
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  wrk.body = '{"key":"' .. args[2] .. '","client_ip":"203.0.113.9","required_scopes":["agents:read"]}'
end

function done(summary, latency, requests)
  write_percentiles(latency)
end
