-- wrk script: the JSON search API /api/v1/activities with the same searches
-- as the HTML page (common.searches) and Accept-Language headers (messages
-- in the reader's language). Run by bench/load.sh.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

common.install(function(n)
  local q = common.searches[n % #common.searches + 1]
  local path = "/api/v1/activities"
  if q ~= "" then path = path .. "?" .. q end
  return path, { ["Accept-Language"] = common.accept[n % #common.accept + 1], ["Accept"] = "application/json" }
end)
