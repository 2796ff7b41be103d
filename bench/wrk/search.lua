-- wrk script: the HTML search page /activities, rotating through realistic
-- searches (common.searches), ?lang= values and Accept-Language headers.
-- Run by bench/load.sh.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

common.install(function(n)
  local q = common.searches[n % #common.searches + 1]
  local path = "/activities"
  if q ~= "" then path = path .. "?" .. q end
  path = common.with_lang(path, common.langs[n % #common.langs + 1])
  return path, { ["Accept-Language"] = common.accept[n % #common.accept + 1] }
end)
