-- wrk pacing (Debian's wrk 4.1 has no -R): each thread spaces its requests 1/rate apart on
-- the monotonic clock and delay() returns the wait until the next slot. Args: total rate
-- and thread count. A thread that falls more than 100 ms behind forgets the backlog
-- rather than bursting, so "achieved" shows the shortfall.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } pace_timespec;
  int clock_gettime(int clock, pace_timespec *ts);
]]
local ts = ffi.new("pace_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local interval, next_at

function init(args)
  interval = 1000 * tonumber(args[2]) / tonumber(args[1])
end

function delay()
  local now = now_ms()
  if next_at == nil or now - next_at > 100 then next_at = now end
  next_at = next_at + interval
  local wait = next_at - now
  if wait < 0 then return 0 end
  return wait
end
