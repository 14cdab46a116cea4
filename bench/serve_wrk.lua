-- wrk script for POST /api/simulate of `orgsim serve` on the contact-center demo
-- (docs/performance.md "Server under load"):
--   wrk -t2 -c50 -d20s --latency -s bench/serve_wrk.lua http://127.0.0.1:PORT/api/simulate
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"steps": 30, "failures": [{"role": "payments", "degrade": 0.5, "from": 0, "to": 10}],'
  .. ' "changes": [{"role": "refunds", "depends_on": "payments", "weight": 0.3}]}'

-- Count answers other than 200 (wrk's own "Non-2xx" line says it too).
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
