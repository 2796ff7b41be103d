-- wrk script: the JSON API's single activity /api/v1/activities/{id}, ids
-- drawn uniformly at random (seeded per thread) from 1 to max_id:
--   wrk … -s bench/wrk/api_activity.lua http://127.0.0.1:18080 -- max_id=100165 seed=1
-- Run by bench/load.sh.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local max_id

common.install(function(n)
  if max_id == nil then
    max_id = tonumber(opts.max_id)
    if max_id == nil or max_id < 1 then
      error("api_activity.lua: pass max_id=N (the highest activity id) after --")
    end
  end
  return "/api/v1/activities/" .. math.random(1, max_id), { ["Accept"] = "application/json" }
end)
