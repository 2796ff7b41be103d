-- wrk script: GET /livez, the constant baseline (answered before any
-- middleware). Run by bench/load.sh.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

common.install(function(n)
  return "/livez"
end)
