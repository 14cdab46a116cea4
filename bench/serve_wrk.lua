-- wrk script for POST /api/simulate of `orgsim serve` on the contact-center demo
-- (docs/performance.md "Server under load"):
--   ORGSIM_TOKEN=TOKEN wrk -t2 -c50 -d20s --latency -s bench/serve_wrk.lua \
--     http://127.0.0.1:PORT/api/simulate
-- TOKEN is the ?token= of the URL `orgsim serve` prints (the API needs it in a header).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Orgsim-Token"] = os.getenv("ORGSIM_TOKEN") or ""
wrk.body = '{"steps": 30, "failures": [{"role": "payments", "degrade": 0.5, "from": 0, "to": 10}],'
  .. ' "changes": [{"role": "refunds", "depends_on": "payments", "weight": 0.3}]}'

-- Count answers other than 200 (wrk's own "Non-2xx" line says it too).
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
