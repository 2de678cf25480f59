-- Keycloak's refresh_token grant with rotation: with revokeRefreshToken on and refreshTokenMaxReuse 0
-- a refresh token works once, so every request spends the token the previous answer on the same
-- chain returned. Each thread keeps a queue of unspent tokens: its share of TOKENS_FILE (one line per
-- login, i.e. per session) to start, then the refresh_token of each 200. wrk calls response() for a
-- connection's answer before that connection's next request(), so the queue never runs dry while the
-- file holds one token per connection, plus one for the request() wrk makes on its first thread to
-- check the script. A failed refresh loses its chain; when the queue is empty the thread logs in
-- again (a password grant, counted apart) to start a new one.
-- args: TOKENS_FILE THREADS CLIENT_ID CLIENT_SECRET USERNAME PASSWORD
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

function init(args)
  local nthreads = tonumber(args[2])
  queue, head, tail = {}, 1, 0
  local line = 0
  for token in io.lines(args[1]) do
    if line % nthreads == id then
      tail = tail + 1
      queue[tail] = token
    end
    line = line + 1
  end
  assert(tail > 0, "no refresh tokens for thread " .. id .. " in " .. args[1])
  client = "client_id=" .. args[3] .. "&client_secret=" .. args[4]
  login_body = "grant_type=password&" .. client .. "&username=" .. args[5] .. "&password=" .. args[6]
  refreshes, logins, failures = 0, 0, 0
  post("application/x-www-form-urlencoded")
end

function request()
  if head <= tail then
    local token = queue[head]
    queue[head] = nil
    head = head + 1
    refreshes = refreshes + 1
    return wrk.format(nil, nil, nil, "grant_type=refresh_token&" .. client .. "&refresh_token=" .. token)
  end
  logins = logins + 1
  return wrk.format(nil, nil, nil, login_body)
end

function response(status, headers, body)
  local token = status == 200 and body:match('"refresh_token":"([^"]+)"')
  if token then
    tail = tail + 1
    queue[tail] = token
  else
    failures = failures + 1
    if not first_failure then
      first_failure = status .. " " .. body:sub(1, 200)
    end
  end
end

function done(summary, latency, requests)
  local r, l, f = 0, 0, 0
  for _, thread in ipairs(threads) do
    r, l, f = r + thread:get("refreshes"), l + thread:get("logins"), f + thread:get("failures")
  end
  write_percentiles(latency)
  io.write(string.format("CHAINS refreshes=%d logins=%d failures=%d\n", r, l, f))
  for _, thread in ipairs(threads) do
    local first = thread:get("first_failure")
    if first then
      io.write("FIRST FAILURE " .. first .. "\n")
    end
  end
end
