-- The wrk scripts' shared part, as lib.sh is the shell scripts': each script loads it first with
--   dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")
-- (wrk runs a script in a Lua state per thread and one more for setup and done; each loads this).

-- Every thread, numbered in the order wrk sets them up: thread t's global `id` is t (0-based), so a
-- script can give each thread its own share of a file or a range of secrets, and done() can sum what
-- the threads counted (thread:get).
threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- Every request a POST of this content type.
function post(content_type)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = content_type
end

-- The line bench/lib.sh's wrk_figures reads p50 and p99 from, in milliseconds.
function write_percentiles(latency)
  io.write(string.format("PERCENTILES p50=%.3f p99=%.3f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
