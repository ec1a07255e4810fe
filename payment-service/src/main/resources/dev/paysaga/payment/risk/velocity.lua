-- The frequency windows one payment falls into, counted atomically (VelocityCounter).
-- KEYS: per window, its sorted set (member "<payment id>:<amount>", score: time in ms) then its amount total.
-- ARGV: now (ms), payment id, amount, then each window's length (ms).
-- A payment joins each window once (ZADD NX: a Try run again for the same payment is not counted
-- twice); the window is trimmed to (now - length, now]; answers the count and amount per window.
local now = tonumber(ARGV[1])
local member = ARGV[2] .. ':' .. ARGV[3]
local amount = tonumber(ARGV[3])
local answers = {}
for i = 1, #KEYS / 2 do
  local set, total = KEYS[2 * i - 1], KEYS[2 * i]
  local length = tonumber(ARGV[3 + i])
  local cutoff = now - length
  for _, expired in ipairs(redis.call('ZRANGEBYSCORE', set, '-inf', cutoff)) do
    redis.call('DECRBY', total, tonumber(string.match(expired, ':(%d+)$')))
  end
  redis.call('ZREMRANGEBYSCORE', set, '-inf', cutoff)
  if redis.call('ZADD', set, 'NX', now, member) == 1 then
    redis.call('INCRBY', total, amount)
  end
  redis.call('PEXPIRE', set, length)
  redis.call('PEXPIRE', total, length)
  answers[#answers + 1] = redis.call('ZCARD', set)
  answers[#answers + 1] = tonumber(redis.call('GET', total) or '0')
end
return answers
