-- Keycloak token introspection (RFC 7662), the peer of our key verify: one valid access token,
-- presented again and again by a confidential client with HTTP Basic authentication. Introspection
-- answers 200 for a dead token too ({"active":false}), so each body is checked; wrk's status count
-- alone would not notice.
-- args: REALM_URL_PATH BASIC_CREDENTIALS ACCESS_TOKEN   (the credentials already base64-encoded)
function init(args)
  wrk.method = "POST"
  wrk.path = args[1] .. "/protocol/openid-connect/token/introspect"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Authorization"] = "Basic " .. args[2]
  wrk.body = "token=" .. args[3]
  inactive = 0
end

function response(status, headers, body)
  if status ~= 200 or not body:find('"active":true', 1, true) then
    inactive = inactive + 1
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do
    n = n + thread:get("inactive")
  end
  io.write(string.format("PERCENTILES p50=%.3f p99=%.3f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("INTROSPECT inactive=%d\n", n))
end
