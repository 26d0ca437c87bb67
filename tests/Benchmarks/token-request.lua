-- wrk script of identity-bench.sh: POST /connect/token with the form of TOKEN_FORM (client credentials), counting the
-- answers that are 200 with an access token; prints "TOKENS <ok> <refused>" and "LATENCY <p50 us> <p99 us>".
wrk.method = "POST"
wrk.body = os.getenv("TOKEN_FORM")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  refused = 0
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"access_token"', 1, true) then
    ok = ok + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_refused = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_refused = total_refused + thread:get("refused")
  end
  io.write(string.format("TOKENS %d %d\n", total_ok, total_refused))
  io.write(string.format("ERRORS %d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("LATENCY %d %d\n", latency:percentile(50), latency:percentile(99)))
  io.write(string.format("DURATION %d\n", summary.duration))
end
