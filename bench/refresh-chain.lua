-- POST /api/token/refresh/ as independent rotation chains, for bench/peer-compare.sh.
--
-- Run as wrk -tN -cN (one connection per thread): each thread is one chain, the way one client
-- refreshes its session: it presents its current refresh token, takes the new one from the 200
-- answer's "refresh" field (rotation is on) and presents that next; one request at a time.
--
-- Environment:
--   BENCH_DIR     the folder of bench-report.lua (shared/peer), which prints the BENCH line
--   CHAIN_TOKENS  a file with one refresh token per line, at least one per thread, each from its
--                 own login (two chains on one token would break each other at once)
--
-- Any answer other than 200 with a "refresh" field is a failure. A 401 means the server refused
-- the chain's token (rotated out, blacklisted, session ended): the chain is broken, cannot go on,
-- and its thread stops. Other failures (429, 5xx, ...) are retried with the same token. Besides
-- the BENCH line, done() prints
--   CHAINS chains=N ok=R rotations_per_s=X failed=F broken=B
-- and one "CHAIN i broken|failed ..." line per chain that failed, with its first failure.
dofile(os.getenv("BENCH_DIR") .. "/bench-report.lua")

wrk.method = "POST"
wrk.path = "/api/token/refresh/"
wrk.headers["Content-Type"] = "application/json"

local tokens = {}
for line in io.lines(os.getenv("CHAIN_TOKENS")) do
  if line ~= "" then tokens[#tokens + 1] = line end
end

-- Main state: the threads, seeded one by one.
local threads = {}

function setup(thread)
  local i = #threads + 1
  if i > #tokens then
    error(string.format("CHAIN_TOKENS has %d tokens, fewer than the threads (one per chain)", #tokens))
  end
  threads[i] = thread
  thread:set("chain", i)
  thread:set("refresh", tokens[i])
end

-- Thread state.
ok, failed, broken = 0, 0, 0
first_status, first_body = 0, ""

function request()
  return wrk.format(nil, nil, nil, '{"refresh": "' .. refresh .. '"}')
end

function response(status, headers, body)
  local next_token = status == 200 and body:match('"refresh"%s*:%s*"([^"]+)"')
  if next_token then
    refresh = next_token
    ok = ok + 1
    return
  end
  failed = failed + 1
  if first_status == 0 then
    first_status = status
    first_body = string.sub(body or "", 1, 200)
  end
  if status == 401 then
    broken = 1
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  bench_done(summary, latency, requests)
  local all_ok, all_failed, all_broken = 0, 0, 0
  for i, thread in ipairs(threads) do
    local t_ok, t_failed, t_broken = thread:get("ok"), thread:get("failed"), thread:get("broken")
    all_ok, all_failed, all_broken = all_ok + t_ok, all_failed + t_failed, all_broken + t_broken
    if t_failed > 0 then
      io.write(string.format("CHAIN %d %s after %d rotations: %d failures, first %d %s\n",
        i, t_broken > 0 and "broken" or "failed", t_ok, t_failed,
        thread:get("first_status"), (thread:get("first_body"):gsub("%s+", " "))))
    end
  end
  io.write(string.format("CHAINS chains=%d ok=%d rotations_per_s=%.1f failed=%d broken=%d\n",
    #threads, all_ok, all_ok / (summary.duration / 1e6), all_failed, all_broken))
end
