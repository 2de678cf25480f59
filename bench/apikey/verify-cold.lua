-- Every request presents a key no request has presented before, so each one misses verify's cache
-- and is read from PostgreSQL: thread t of T sends lines OFFSET+t, OFFSET+t+T, ... of KEYS_FILE
-- (0-based). All keys are valid, so the per-address limit on failed verifications never applies.
-- A thread that runs out starts its list again and counts it: those repeats would be cache hits.
-- args: SERVICE_CREDENTIAL KEYS_FILE OFFSET THREADS
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

function init(args)
  local offset, nthreads = tonumber(args[3]), tonumber(args[4])
  mine = {}
  local line = 0
  for key in io.lines(args[2]) do
    if line >= offset and (line - offset) % nthreads == id then
      mine[#mine + 1] = key
    end
    line = line + 1
  end
  assert(#mine > 0, "no keys in " .. args[2] .. " from line " .. offset)
  -- The first line index this thread has not sent, so the next run can start beyond every thread.
  next_line = offset + id
  stride = nthreads
  sent, wrapped = 0, 0
  post("application/json")
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end

function request()
  if sent >= #mine then
    wrapped = wrapped + 1
  else
    next_line = next_line + stride
  end
  local key = mine[sent % #mine + 1]
  sent = sent + 1
  return wrk.format(nil, nil, nil, '{"key":"' .. key .. '","client_ip":"203.0.113.9","required_scopes":["agents:read"]}')
end

function done(summary, latency, requests)
  local next_free, repeats = 0, 0
  for _, thread in ipairs(threads) do
    next_free = math.max(next_free, thread:get("next_line"))
    repeats = repeats + thread:get("wrapped")
  end
  write_percentiles(latency)
  io.write(string.format("KEYS next=%d repeated=%d\n", next_free, repeats))
end
