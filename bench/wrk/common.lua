-- Shared by the wrk scripts in this folder (bench/load.sh runs them): counts
-- every response by status in each thread, and in done() prints wrk's own
-- error counts, the statuses and one machine-readable RESULT line that
-- bench/load.sh turns into the table in docs/benchmarks.md.
--
-- A script loads it with
--   local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
-- and then calls common.install(next_path), where next_path(n) returns the
-- path (with query string) of the thread's n-th request (n = 0, 1, 2, …).

local M = {}

-- Realistic public searches: text words (with the Nordic compounds the
-- search must see inside: "fotball" → "Fotballtrening", "kafé" →
-- "Språkkafé"), every filter, page 2 and combinations. Values are already
-- URL-encoded (é = %C3%A9, å = %C3%A5).
M.searches = {
  "",                                   -- the list with no filter
  "q=fotball",
  "q=trening",
  "q=spr%C3%A5kkaf%C3%A9",              -- språkkafé
  "q=kaf%C3%A9",                        -- kafé, inside compounds
  "q=leksehjelp",
  "q=sjakk",
  "q=Fotballtrening+jenter",
  "q=trening&page=2",
  "q=fotball&district=fjell",
  "q=kaf%C3%A9&free=1&weekday=3",
  "q=spr%C3%A5kkaf%C3%A9&language=uk",
  "q=leksehjelp&district=fjell&weekday=3",
  "q=sjakk&age=10",
  "category=sport",
  "category=language_cafe&language=ar",
  "category=homework_help&age=12",
  "category=children_youth&age=10&free=1",
  "category=seniors&age=70",
  "language=uk&weekday=2",
  "language=ti",
  "language=so&free=1",
  "weekday=sat&district=konnerud",
  "weekday=1",
  "district=stromso&free=1",
  "district=bragernes&page=2",
  "free=1&page=2",
  "age=16&weekday=fri",
  "q=trening&category=sport&language=nb&weekday=2&district=bragernes&age=12&free=1",
}

-- UI languages chosen by ?lang= ("": none, the server picks from
-- Accept-Language or its default). Seven entries against 29 searches, so
-- every search meets every choice; six Accept-Language headers below.
M.langs = { "", "nb", "nn", "da", "sv", "en", "" }

-- Accept-Language headers of the phones sending the requests.
M.accept = { "nb-NO,nb;q=0.9,no;q=0.8,en;q=0.5", "ar", "uk-UA,uk;q=0.9", "en-GB,en;q=0.9", "sv-SE", "ti,en;q=0.5" }

-- with_lang appends lang= to a path (which may already have a query).
function M.with_lang(path, lang)
  if lang == nil or lang == "" then return path end
  if path:find("?", 1, true) then return path .. "&lang=" .. lang end
  return path .. "?lang=" .. lang
end

-- install defines wrk's callbacks as globals of the calling script.
function M.install(next_path)
  local threads = {}
  local nthreads = 0

  -- setup runs in the main Lua state once per thread.
  setup = function(thread)
    nthreads = nthreads + 1
    thread:set("id", nthreads)
    table.insert(threads, thread)
  end

  -- Per-thread state (globals, so that done() can read them with thread:get).
  id = id or 0
  n = 0
  responses = 0
  bad = 0
  statuses = {}

  -- init runs in each thread with the arguments after "--", as key=value:
  -- max_id=N (the highest activity id) and seed=N (so a warm-up run and the
  -- measured run draw different ids); they end up in the global opts.
  init = function(args)
    opts = {}
    for _, a in ipairs(args) do
      local k, v = a:match("^([%w_]+)=(.*)$")
      if not k then error("wrk script: argument " .. a .. " is not key=value") end
      opts[k] = v
    end
    math.randomseed((tonumber(opts.seed) or 0) * 1000 + id)   -- reproducible
    n = id - 1                   -- threads start at different places in a list
  end

  request = function()
    local path, headers = next_path(n)
    n = n + 1
    return wrk.format("GET", path, headers)
  end

  response = function(status, headers, body)
    responses = responses + 1
    statuses[status] = (statuses[status] or 0) + 1
    if status < 200 or status >= 400 then
      bad = bad + 1
    end
  end

  done = function(summary, latency, requests)
    local total, nbad, by = 0, 0, {}
    for _, t in ipairs(threads) do
      total = total + (t:get("responses") or 0)
      nbad = nbad + (t:get("bad") or 0)
      for code, c in pairs(t:get("statuses") or {}) do
        by[code] = (by[code] or 0) + c
      end
    end
    local codes = {}
    for code, c in pairs(by) do table.insert(codes, code) end
    table.sort(codes)
    local parts = {}
    for _, code in ipairs(codes) do table.insert(parts, code .. "=" .. by[code]) end
    local e = summary.errors
    local socket = e.connect + e.read + e.write + e.timeout
    io.write(string.format("responses by status: %s\n", table.concat(parts, " ")))
    io.write(string.format("non-2xx/3xx responses (counted by this script): %d\n", nbad))
    io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
      e.connect, e.read, e.write, e.timeout))
    local secs = summary.duration / 1e6
    io.write(string.format("RESULT requests=%d responses=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f bad=%d socket=%d status_errors=%d bytes_per_req=%.0f\n",
      summary.requests, total, summary.requests / secs,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, nbad, socket, e.status,
      summary.requests > 0 and summary.bytes / summary.requests or 0))
  end
end

return M
