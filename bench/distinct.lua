-- wrk script: cycle through a file of paths (one a line) so that consecutive requests never ask
-- for the same page, and count statuses as report.lua does (its code, loaded below).
--
--   wrk -s bench/distinct.lua http://host:port/ -- PATHS_FILE [PER_THREAD [OFFSET]]
--
-- PER_THREAD: each thread stops after that many responses and says so on stderr (wrk itself only
-- stops at the end of -d: bench/load.py interrupts it once every thread has). OFFSET: where in the
-- list to start, to carry on from a previous run.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local count_setup, count_init, count_response = setup, init, response
local created = 0

function setup(thread)
  count_setup(thread)
  created = created + 1
  thread:set("id", created)
end

function init(args)
  count_init(args)
  requests = {}
  for path in io.lines(args[1]) do
    if path ~= "" then table.insert(requests, wrk.format(nil, path)) end
  end
  per_thread = tonumber(args[2])
  answered = 0
  -- Threads start far apart in the list (a golden-ratio step), so they never ask for the same
  -- page together.
  local spread = math.floor((id - 1) * 0.618 * #requests)
  position = ((tonumber(args[3]) or 0) + spread) % #requests
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function response(status, headers, body)
  count_response(status, headers, body)
  answered = answered + 1
  if answered == per_thread then
    io.stderr:write("thread stopped\n")
    wrk.thread:stop()
  end
end
