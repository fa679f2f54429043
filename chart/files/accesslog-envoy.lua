-- fluent-bit Lua filter for the "envoy" mode: turns the record Envoy's fluentd access
-- logger sends (one msgpack map per request, typed values) into exactly the record the
-- "nginx" mode gets from nginx's `log_format ... escape=json` line, so the per-day LTSV
-- and JSON files are byte-for-byte the same in both modes.
--
-- The chart prepends a global table ACCESSLOG to this file (same chunk):
--   ACCESSLOG = {
--     max_field_length = 2048,
--     fields = { { name = "uri", convert = "text", truncate = true }, ... },
--   }
-- and the filter calls accesslog_envoy(tag, timestamp, record) once per record.
--
-- Only the Lua 5.1 standard library is used (fluent-bit embeds LuaJIT).

local byte, find, format, lower, match, sub, gsub =
  string.byte, string.find, string.format, string.lower, string.match, string.sub, string.gsub
local concat = table.concat
local floor, huge = math.floor, math.huge
local os_date = os.date
local error, ipairs, pcall, tonumber, tostring, type = error, ipairs, pcall, tonumber, tostring, type

---------------------------------------------------------------------------------------
-- Configuration, checked once at load: a mistake in the generated table should stop
-- fluent-bit at start-up with a clear message, not blank a field on every request.
---------------------------------------------------------------------------------------

local config = ACCESSLOG
if type(config) ~= "table" then
  error("accesslog-envoy.lua: the global table ACCESSLOG must be defined before this library", 0)
end

local MAX_FIELD_LENGTH = config.max_field_length
if type(MAX_FIELD_LENGTH) ~= "number" or MAX_FIELD_LENGTH < 1 or MAX_FIELD_LENGTH ~= floor(MAX_FIELD_LENGTH) then
  error("accesslog-envoy.lua: ACCESSLOG.max_field_length must be a positive integer", 0)
end

if type(config.fields) ~= "table" or #config.fields == 0 then
  error("accesslog-envoy.lua: ACCESSLOG.fields must be a non-empty list", 0)
end

-- Epoch seconds os.date can always format: 1970-01-01 to 9999-12-31. Anything else is a
-- corrupt value, and some C libraries misbehave on out-of-range time_t.
local MAX_EPOCH = 253402300799

-- Integers beyond 2^53 are not exact in a Lua number, and %d would overflow past 2^63.
local MAX_EXACT_INTEGER = 2 ^ 53

local SPACE, EQUALS, DOT, COLON, LEFT_BRACKET, RIGHT_BRACKET = 32, 61, 46, 58, 91, 93

---------------------------------------------------------------------------------------
-- nginx's escape=json (ngx_escape_json): only ", \ and bytes 0x00-0x1f are escaped; every
-- other byte, 0x7f and non-ASCII included, is copied as is.
---------------------------------------------------------------------------------------

local JSON_ESCAPES = { ['"'] = '\\"', ["\\"] = "\\\\" }
for code = 0, 0x1f do
  JSON_ESCAPES[string.char(code)] = format("\\u%04x", code)
end
JSON_ESCAPES["\n"], JSON_ESCAPES["\r"], JSON_ESCAPES["\t"] = "\\n", "\\r", "\\t"
JSON_ESCAPES["\b"], JSON_ESCAPES["\f"] = "\\b", "\\f"

-- %z is Lua 5.1's pattern for the zero byte.
local JSON_SPECIAL = '[%z\1-\31"\\]'

local function escape_json(value)
  -- gsub returns two values; keep only the string.
  local escaped = gsub(value, JSON_SPECIAL, JSON_ESCAPES)
  return escaped
end

---------------------------------------------------------------------------------------
-- The cap of `truncate` fields, nginx's map regex ^(?<capped>[^\t]{0,N}(?![\x80-\xbf]))
-- in PCRE without UTF mode (so N counts bytes): the value up to its first tab, at most N
-- bytes, backed off while the byte after the cut is a UTF-8 continuation byte.
---------------------------------------------------------------------------------------

local function cap(value)
  local tab = find(value, "\t", 1, true)
  local length = tab and tab - 1 or #value
  if length > MAX_FIELD_LENGTH then
    length = MAX_FIELD_LENGTH
  end
  -- When this backs off to 0 the regex either captures "" or (a continuation byte first)
  -- does not match, and the map's default is "" too: the same result.
  while length > 0 do
    local after = byte(value, length + 1)
    if after == nil or after < 0x80 or after > 0xbf then
      break
    end
    length = length - 1
  end
  if length == #value then
    return value
  end
  return sub(value, 1, length)
end

---------------------------------------------------------------------------------------
-- Numbers. Envoy sends typed values, but a string holding a number is accepted too.
---------------------------------------------------------------------------------------

local function finite_number(value)
  local number = tonumber(value)
  -- NaN is the only value not equal to itself.
  if number == nil or number ~= number or number == huge or number == -huge then
    return nil
  end
  return number
end

local function is_exact_integer(number)
  return number == floor(number) and number > -MAX_EXACT_INTEGER and number < MAX_EXACT_INTEGER
end

-- A number as nginx would print it: integers without a fraction (tostring gives 1e+15
-- for large ones), anything else as Lua prints it.
local function number_text(number)
  if is_exact_integer(number) then
    return format("%d", number)
  end
  return tostring(number)
end

---------------------------------------------------------------------------------------
-- Local time, in the process's zone (the container's TZ), as nginx's $time_iso8601.
---------------------------------------------------------------------------------------

local function format_offset(seconds_east)
  local sign = seconds_east < 0 and "-" or "+"
  local minutes = floor((seconds_east < 0 and -seconds_east or seconds_east) / 60)
  return format("%s%02d:%02d", sign, floor(minutes / 60), minutes % 60)
end

-- Offset from the two broken-down times of the same instant. Plain arithmetic, not
-- os.time(): os.time() of the UTC table would be read back as local time with that
-- table's isdst (false), which is an hour off in summer.
local function offset_from_broken_down(epoch)
  local here, utc = os_date("*t", epoch), os_date("!*t", epoch)
  local day_difference = 0
  -- The offset is under a day, so the local date is the UTC date or one day either side.
  if here.year ~= utc.year then
    day_difference = here.year > utc.year and 1 or -1
  else
    day_difference = here.yday - utc.yday
  end
  local seconds = day_difference * 86400 + (here.hour - utc.hour) * 3600 + (here.min - utc.min) * 60 + (here.sec - utc.sec)
  return format_offset(seconds)
end

-- "+0900" from strftime becomes "+09:00"; a C library without %z gets the fallback.
local function utc_offset(epoch)
  local zone = os_date("%z", epoch)
  local sign, hours, minutes = match(type(zone) == "string" and zone or "", "^([+-])(%d%d)(%d%d)$")
  if sign then
    return sign .. hours .. ":" .. minutes
  end
  return offset_from_broken_down(epoch)
end

-- Requests arrive many per second: keep the last second's strings.
local cached_second, cached_iso, cached_day

-- Envoy's %START_TIME(%s.%3f)% ("1764059405.123") as nginx's $time_iso8601
-- ("2025-11-25T17:30:05+09:00", whole seconds) and the day ("2025-11-25"); nil when the
-- value is not a usable time.
local function local_clock(value)
  local epoch = finite_number(value)
  if epoch == nil then
    return nil
  end
  epoch = floor(epoch)
  if epoch < 0 or epoch > MAX_EPOCH then
    return nil
  end
  if epoch ~= cached_second then
    local day = os_date("%Y-%m-%d", epoch)
    cached_iso = day .. os_date("T%H:%M:%S", epoch) .. utc_offset(epoch)
    cached_day = day
    cached_second = epoch
  end
  return cached_iso, cached_day
end

---------------------------------------------------------------------------------------
-- $host: nginx's ngx_http_validate_host keeps the part before the port (a bracketed IPv6
-- literal whole), drops one trailing dot and lower-cases it. nginx would answer 400 to
-- the hosts it rejects (".." or a NUL); Envoy let the request through, so the same
-- reduction is applied without rejecting.
---------------------------------------------------------------------------------------

local function host_of(authority)
  local length = #authority
  local host_length, last_dot = length, nil
  local state = "usual"
  for position = 1, length do
    local code = byte(authority, position)
    if code == DOT then
      last_dot = position
    elseif code == COLON then
      if state == "usual" then
        host_length, state = position - 1, "rest"
      end
    elseif code == LEFT_BRACKET then
      if position == 1 then
        state = "literal"
      end
    elseif code == RIGHT_BRACKET then
      if state == "literal" then
        host_length, state = position, "rest"
      end
    end
  end
  if last_dot == host_length then
    host_length = host_length - 1
  end
  return lower(sub(authority, 1, host_length))
end

---------------------------------------------------------------------------------------
-- $cookie_<name>: a port of nginx's ngx_http_parse_multi_header_lines, quirks included
-- (checked against nginx 1.22): the name is compared case-insensitively, pairs are
-- separated by ";" or ",", spaces around "=" are skipped, the value runs to the next
-- ";" (trailing spaces and commas kept), and no URL decoding. Envoy hands over all
-- Cookie headers as one string joined with "; ", which nginx would have read in turn.
---------------------------------------------------------------------------------------

local function skip_spaces(text, position, stop)
  while position < stop and byte(text, position) == SPACE do
    position = position + 1
  end
  return position
end

local function cookie_value(header, name, name_length)
  local stop = #header + 1
  local position = 1
  while position < stop do
    if lower(sub(header, position, position + name_length - 1)) == name then
      position = skip_spaces(header, position + name_length, stop)
      if position < stop then
        if byte(header, position) == EQUALS then
          local first = skip_spaces(header, position + 1, stop)
          local semicolon = find(header, ";", first, true)
          return sub(header, first, (semicolon or stop) - 1)
        end
        -- nginx steps over the byte that was not "=" before skipping to the next pair,
        -- so "name;name=v" finds nothing: kept for identical output.
        position = position + 1
      end
    end
    local separator = find(header, "[;,]", position)
    position = skip_spaces(header, separator and separator + 1 or stop, stop)
  end
  return nil
end

---------------------------------------------------------------------------------------
-- Conversions: each takes the field's entry and the whole record and returns the string
-- nginx would have logged, "" where nginx's variable would be unset (escape=json writes
-- an unset variable as an empty string, not "-").
---------------------------------------------------------------------------------------

local function as_text(value)
  local kind = type(value)
  if kind == "string" then
    return value
  elseif kind == "number" then
    return number_text(value)
  elseif kind == "boolean" then
    return tostring(value)
  end
  -- nil, and maps, arrays or null markers a record should not hold here.
  return ""
end

local PROTOCOLS = { ["HTTP/2"] = "HTTP/2.0", ["HTTP/3"] = "HTTP/3.0" }

-- %RESPONSE_CODE_DETAILS% of the replies Envoy's HTTP connection manager sends before it
-- appends the peer to X-Forwarded-For (ConnectionManagerImpl::ActiveStream::decodeHeaders
-- in envoyproxy/envoy source/common/http/conn_manager_impl.cc answers these before calling
-- ConnectionManagerUtility::mutateRequestHeaders): their header is the client's as sent.
local ANSWERED_BEFORE_XFF_APPEND = {
  overload = true,
  low_version = true,
  missing_host_header = true,
  missing_path_rejected = true,
  absolute_path_rejected = true,
  path_normalization_failed = true,
}

local CONVERSIONS = {
  text = function(field, record)
    return as_text(record[field.name])
  end,

  -- $status, $body_bytes_sent: decimal integers.
  number = function(field, record)
    local number = finite_number(record[field.name])
    if number == nil then
      return ""
    end
    number = floor(number)
    if not is_exact_integer(number) then
      return ""
    end
    return format("%d", number)
  end,

  -- $request_time, $upstream_response_time: seconds with milliseconds, from Envoy's
  -- %DURATION% / %RESPONSE_DURATION% in milliseconds.
  seconds_from_ms = function(field, record)
    local milliseconds = finite_number(record[field.name])
    if milliseconds == nil then
      return ""
    end
    return format("%.3f", milliseconds / 1000)
  end,

  local_time = function(field, record)
    local iso = local_clock(record[field.name])
    return iso or ""
  end,

  host = function(field, record)
    local authority = record[field.name]
    if type(authority) ~= "string" then
      return ""
    end
    return host_of(authority)
  end,

  -- $server_protocol always has the minor version; Envoy's %PROTOCOL% drops it for 2 and 3.
  protocol = function(field, record)
    local protocol = as_text(record[field.name])
    return PROTOCOLS[protocol] or protocol
  end,

  -- $http_x_forwarded_for, the header as received. Istio's gateways set use_remote_address,
  -- so Envoy appends its peer's address (or its own, for a loopback peer) to the header with
  -- "," (Utility::appendXff, source/common/http/utility.cc) before any logger reads it:
  -- that last entry goes. A header that was absent or empty leaves only the peer: "".
  forwarded_for = function(field, record)
    local value = record[field.name]
    if type(value) ~= "string" then
      return ""
    end
    if ANSWERED_BEFORE_XFF_APPEND[record._details] then
      return value
    end
    return match(value, "^(.*),[^,]*$") or ""
  end,

  cookie = function(field, record)
    local header = record._cookie
    if type(header) ~= "string" or #header < field.cookie_length then
      return ""
    end
    return cookie_value(header, field.cookie_lower, field.cookie_length) or ""
  end,
}

---------------------------------------------------------------------------------------
-- The fields, prepared once: their conversion, and the JSON text in front of each value
-- (keys are chart-validated names, written as nginx's log_format writes them, unescaped).
---------------------------------------------------------------------------------------

local FIELDS = {}
for index, entry in ipairs(config.fields) do
  local where = format("accesslog-envoy.lua: ACCESSLOG.fields[%d]", index)
  if type(entry) ~= "table" or type(entry.name) ~= "string" or entry.name == "" then
    error(where .. " needs a name", 0)
  end
  local convert = CONVERSIONS[entry.convert]
  if convert == nil then
    error(format('%s (%s): unknown convert "%s"', where, entry.name, tostring(entry.convert)), 0)
  end
  local field = {
    name = entry.name,
    convert = convert,
    truncate = entry.truncate == true,
    json_prefix = (index == 1 and '{"' or '","') .. entry.name .. '":"',
  }
  if entry.convert == "cookie" then
    if type(entry.cookie) ~= "string" or entry.cookie == "" then
      error(format("%s (%s): convert cookie needs the cookie's name in cookie", where, entry.name), 0)
    end
    field.cookie_lower, field.cookie_length = lower(entry.cookie), #entry.cookie
  end
  FIELDS[index] = field
end

local FIELD_COUNT = #FIELDS
local DATE_PREFIX = '","date":"'
local JSON_END = '"}'

-- One conversion; a failure (a value no conversion expected) logs as "" rather than
-- aborting the filter, which would pass Envoy's record through in the wrong shape.
local function convert_field(field, record)
  local ok, value = pcall(field.convert, field, record)
  if not ok or type(value) ~= "string" then
    return ""
  end
  if field.truncate then
    return cap(value)
  end
  return value
end

-- nginx's date map: the day of the request, "unknown" when the time is not usable.
local function request_day(record)
  local ok, _, day = pcall(local_clock, record._start)
  if ok and day then
    return day
  end
  return "unknown"
end

-- The JSON line is rebuilt per record in this one table (the filter is never re-entered
-- within a Lua state), always the same length, joined with table.concat.
local json_parts = {}

---------------------------------------------------------------------------------------
-- fluent-bit's Lua filter contract: return 2 (record replaced), the timestamp unchanged
-- and the new record. Never -1: a request is never dropped from the log.
---------------------------------------------------------------------------------------

function accesslog_envoy(tag, timestamp, record)
  if type(record) ~= "table" then
    record = {}
  end
  local result = {}
  for index = 1, FIELD_COUNT do
    local field = FIELDS[index]
    local value = convert_field(field, record)
    result[field.name] = value
    json_parts[2 * index - 1] = field.json_prefix
    json_parts[2 * index] = escape_json(value)
  end
  local day = request_day(record)
  result.date = day
  json_parts[2 * FIELD_COUNT + 1] = DATE_PREFIX
  json_parts[2 * FIELD_COUNT + 2] = day
  json_parts[2 * FIELD_COUNT + 3] = JSON_END
  result.message = concat(json_parts, "", 1, 2 * FIELD_COUNT + 3)
  return 2, timestamp, result
end
