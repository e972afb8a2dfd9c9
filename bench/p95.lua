-- wrk script: print the 95th percentile latency (microseconds) and the error count on one line.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("P95_US %d ERRORS %d\n", latency:percentile(95), errors))
end
