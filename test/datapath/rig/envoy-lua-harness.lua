-- Runs resources/fluent-bit/accesslog-envoy.lua the way fluent-bit does, for
-- test/datapath/envoy-lua.test.ts: usage `luajit envoy-lua-harness.lua <library.lua>`.
--
-- stdin is a Lua chunk returning a list of suites:
--   { config = "ACCESSLOG = {...}", no_strftime_zone = true|nil,
--     calls = { { timestamp = 1.5, record = {...} }, ... } }
-- Each suite loads config .. library as ONE chunk, as the chart prepends the table to
-- the file, then calls accesslog_envoy(tag, timestamp, record) for each call.
--
-- stdout, one line each, every string hex-encoded so any byte survives:
--   suite <n> ok | suite <n> error <hex message>
--   call <n> <returned value count> <code> <timestamp %.17g> | call <n> error <hex message>
--   key <hex key> <hex value>        (a string value)
--   key <hex key> <type name>        (anything else: the test rejects it)
--   end

local library_path = assert(arg[1], "usage: luajit envoy-lua-harness.lua <library.lua>")
local library = assert(io.open(library_path, "rb")):read("*a")
local suites = assert(loadstring(io.read("*a"), "=suites"))()

local function hex(text)
  return (text:gsub(".", function(character)
    return string.format("%02x", character:byte())
  end))
end

local function sorted_keys(record)
  local keys = {}
  for key in pairs(record) do
    keys[#keys + 1] = tostring(key)
  end
  table.sort(keys)
  return keys
end

local function print_record(record)
  for _, key in ipairs(sorted_keys(record)) do
    local value = record[key]
    if type(value) == "string" then
      io.write("key ", hex(key), " ", hex(value), "\n")
    else
      io.write("key ", hex(key), " ", type(value), "\n")
    end
  end
end

local function run_call(index, call)
  local results = { pcall(accesslog_envoy, "accesslog", call.timestamp, call.record) }
  if not results[1] then
    io.write("call ", index, " error ", hex(tostring(results[2])), "\n")
    return
  end
  local code, timestamp, record = results[2], results[3], results[4]
  io.write("call ", index, " ", #results - 1, " ", tostring(code), " ", string.format("%.17g", tonumber(timestamp) or 0 / 0), "\n")
  if type(record) == "table" then
    print_record(record)
  end
  io.write("end\n")
end

-- A C library whose strftime has no %z: the library must then derive the offset itself.
local real_date = os.date
local function date_without_zone(format, time)
  if type(format) == "string" and format:find("%z", 1, true) then
    return ""
  end
  return real_date(format, time)
end

for suite_index, suite in ipairs(suites) do
  os.date = suite.no_strftime_zone and date_without_zone or real_date
  ACCESSLOG, accesslog_envoy = nil, nil
  local chunk, syntax_error = loadstring(suite.config .. "\n" .. library, "=accesslog-envoy.lua")
  local loaded, load_error = false, syntax_error
  if chunk then
    loaded, load_error = pcall(chunk)
  end
  if loaded then
    io.write("suite ", suite_index, " ok\n")
    for call_index, call in ipairs(suite.calls) do
      run_call(call_index, call)
    end
  else
    io.write("suite ", suite_index, " error ", hex(tostring(load_error)), "\n")
  end
  os.date = real_date
end
