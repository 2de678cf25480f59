-- Keycloak token introspection (RFC 7662), the peer of our key verify: one valid access token,
-- presented again and again by a confidential client with HTTP Basic authentication. Introspection
-- answers 200 for a dead token too ({"active":false}), so each body is checked; wrk's status count
-- alone would not notice.
-- args: REALM_URL_PATH BASIC_CREDENTIALS ACCESS_TOKEN   (the credentials already base64-encoded)
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

function init(args)
  post("application/x-www-form-urlencoded")
  wrk.path = args[1] .. "/protocol/openid-connect/token/introspect"
  wrk.headers["Authorization"] = "Basic " .. args[2]
  wrk.body = "token=" .. args[3]
  inactive = 0
end

function response(status, headers, body)
  if status ~= 200 or not body:find('"active":true', 1, true) then
    inactive = inactive + 1
  end
end

function done(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do
    n = n + thread:get("inactive")
  end
  write_percentiles(latency)
  io.write(string.format("INTROSPECT inactive=%d\n", n))
end
