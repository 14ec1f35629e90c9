//! A process's or thread's CPU time from `/proc`, for the tests and the benchmarks that
//! measure a bot from outside it.

/// User + system CPU seconds in a `/proc/.../stat` file (0 when it cannot be read).
pub fn stat_cpu_seconds(path: &std::path::Path) -> f64 {
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<u64> = after
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    let ticks = fields.get(11).unwrap_or(&0) + fields.get(12).unwrap_or(&0);
    ticks as f64 / 100.0
}
