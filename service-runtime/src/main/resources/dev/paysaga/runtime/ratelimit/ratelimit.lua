-- GCRA over several buckets at once (service-runtime Gcra.java is the reference): the request is
-- allowed only if every bucket allows it, and only then are the buckets moved on.
-- KEYS: the buckets. ARGV: interval_ms and burst for each bucket, in KEYS order.
-- Returns, for the most constrained bucket: allowed (0/1), its index (1-based), remaining,
-- retry_after_ms, reset_ms. Redis's own clock, so replicas with skewed clocks share one limit.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local allowed, worst, worst_remaining, retry, reset = 1, 1, -1, 0, 0
local next_tats = {}
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 * i - 1])
  local burst = tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', KEYS[i]) or now)
  local current = math.max(tat, now)
  local next_tat = current + interval
  local allow_at = next_tat - interval * burst
  next_tats[i] = next_tat
  if allow_at > now then
    if allowed == 1 or allow_at - now > retry then
      worst, retry, reset = i, math.ceil(allow_at - now), math.ceil(current - now)
    end
    allowed, worst_remaining = 0, 0
  elseif allowed == 1 then
    local remaining = math.floor((now - allow_at) / interval)
    if worst_remaining < 0 or remaining < worst_remaining then
      worst, worst_remaining, reset = i, remaining, math.ceil(next_tat - now)
    end
  end
end
if allowed == 1 then
  for i = 1, #KEYS do
    redis.call('SET', KEYS[i], tostring(next_tats[i]), 'PX', math.max(1, math.ceil(next_tats[i] - now)))
  end
end
return {allowed, worst, worst_remaining, retry, reset}
