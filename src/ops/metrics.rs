//! Counters and gauges for `/metrics` in the Prometheus text format: the demand figures since
//! start, messages in and out per platform, the outbox, the store and the turn latency. Labels
//! are platforms, languages, steps, services and referral tags, never a person; a demand series
//! counted fewer than `stats_min_count` times is left out, as `krok stats` hides it.

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use prometheus::core::Collector;
use prometheus::{
    Histogram, HistogramOpts, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry, TextEncoder,
};

use crate::core::event::Event;
use crate::core::lang::Lang;
use crate::stats::TAGS_PER_DAY;

type Hook = Box<dyn Fn(&Metrics) + Send + Sync>;

pub struct Metrics {
    registry: Registry,
    pub started: IntCounterVec,
    pub referrals: IntCounterVec,
    pub nodes: IntCounterVec,
    pub services: IntCounterVec,
    pub crisis: IntCounterVec,
    pub bookings: IntCounterVec,
    pub received: IntCounterVec,
    pub sent: IntCounterVec,
    pub rate_limited: IntCounterVec,
    pub retries: IntCounterVec,
    pub dropped: IntCounterVec,
    pub queued: IntGaugeVec,
    pub store_bytes: IntGauge,
    /// `/healthz` in numbers: 1 for each part that is ok, 0 for one that is not.
    health_ok: IntGaugeVec,
    /// 1 for each part with a warning in `/healthz` now.
    health_warnings: IntGaugeVec,
    pub turn_seconds: Histogram,
    pub reloads: IntCounterVec,
    /// The Kraków day whose referral tags have their own series, and those tags.
    tags: Mutex<(Option<chrono::NaiveDate>, HashSet<String>)>,
    hooks: Mutex<Vec<Hook>>,
    /// Demand series counted fewer times are left out, as `krok stats` shows them as "<n".
    min_count: AtomicU64,
}

/// The families that count what people did; a small count in one could single a person out.
const DEMAND: [&str; 6] = [
    "krok_conversations_started_total",
    "krok_referrals_total",
    "krok_nodes_reached_total",
    "krok_services_shown_total",
    "krok_crisis_triggers_total",
    "krok_bookings_total",
];

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let counter = |name: &str, help: &str, labels: &[&str]| {
            let c = IntCounterVec::new(Opts::new(name, help), labels).expect("valid metric");
            registered(&registry, c)
        };
        let started = counter(
            "krok_conversations_started_total",
            "Conversations started (first message or /start).",
            &["platform", "lang"],
        );
        let referrals = counter(
            "krok_referrals_total",
            "Conversations started from a caseworker's link, by referral tag.",
            &["tag"],
        );
        let nodes = counter("krok_nodes_reached_total", "Dialog steps shown.", &["node"]);
        let services = counter(
            "krok_services_shown_total",
            "Service cards shown.",
            &["service"],
        );
        let crisis = counter(
            "krok_crisis_triggers_total",
            "Crisis phrases recognised.",
            &["platform"],
        );
        let bookings = counter(
            "krok_bookings_total",
            "Consultations booked or cancelled.",
            &["kind", "outcome"],
        );
        let received = counter(
            "krok_messages_received_total",
            "Messages and button presses handled.",
            &["platform"],
        );
        let sent = counter(
            "krok_messages_sent_total",
            "Messages delivered to the platform.",
            &["platform"],
        );
        let rate_limited = counter(
            "krok_rate_limited_total",
            "Rate-limit answers (HTTP 429, M_LIMIT_EXCEEDED) from the platform.",
            &["platform"],
        );
        let retries = counter(
            "krok_send_retries_total",
            "Sends retried after a network or server error.",
            &["platform"],
        );
        let dropped = counter(
            "krok_messages_dropped_total",
            "Messages given up on (rejected, or the person blocked the bot).",
            &["platform"],
        );
        let reloads = counter(
            "krok_content_reloads_total",
            "Content reloads, by result.",
            &["result"],
        );
        for result in ["ok", "error"] {
            reloads.with_label_values(&[result]);
        }
        let gauges = |name: &str, help: &str, labels: &[&str]| {
            let made = IntGaugeVec::new(Opts::new(name, help), labels).expect("valid metric");
            registered(&registry, made)
        };
        let queued = gauges(
            "krok_outbox_queued",
            "Messages waiting in the outbox.",
            &["platform"],
        );
        let store_bytes = IntGauge::new("krok_store_bytes", "Size of the sled store on disk.");
        let store_bytes = registered(&registry, store_bytes.expect("valid metric"));
        let health_ok = gauges(
            "krok_health_ok",
            "1 while a part of /healthz (telegram, telegram sends, matrix, store) is ok, 0 while it is not.",
            &["part"],
        );
        let health_warnings = gauges(
            "krok_health_warnings",
            "1 while /healthz gives a warning under this name (content, erasure, bookings, refusals).",
            &["part"],
        );
        // Which build runs, and since when: a restart shows as a new start time.
        let build = gauges(
            "krok_build_info",
            "Always 1; the running build's version.",
            &["version"],
        );
        build.with_label_values(&[env!("CARGO_PKG_VERSION")]).set(1);
        let start = IntGauge::new(
            "krok_start_time_seconds",
            "When this process started, in Unix seconds.",
        )
        .expect("valid metric");
        registered(&registry, start).set(chrono::Utc::now().timestamp());
        let turn_seconds = Histogram::with_opts(
            HistogramOpts::new(
                "krok_turn_duration_seconds",
                "Time to handle one message: triage, step, booking store, render.",
            )
            .buckets(vec![
                0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0,
            ]),
        )
        .expect("valid metric");
        let turn_seconds = registered(&registry, turn_seconds);
        Metrics {
            registry,
            started,
            referrals,
            nodes,
            services,
            crisis,
            bookings,
            received,
            sent,
            rate_limited,
            retries,
            dropped,
            queued,
            store_bytes,
            health_ok,
            health_warnings,
            turn_seconds,
            reloads,
            tags: Mutex::new((None, HashSet::new())),
            hooks: Mutex::new(Vec::new()),
            min_count: AtomicU64::new(5),
        }
    }

    /// Counts one turn on `platform`.
    pub fn turn(&self, platform: &str, lang: Option<Lang>, events: &[Event], took: Duration) {
        self.received.with_label_values(&[platform]).inc();
        self.turn_seconds.observe(took.as_secs_f64());
        for event in events {
            match event {
                Event::Started { tag } => {
                    let lang = lang.map_or("none", Lang::code);
                    self.started.with_label_values(&[platform, lang]).inc();
                    if let Some(tag) = tag {
                        let today = crate::core::schedule::krakow_date(chrono::Utc::now());
                        let tag = self.tag_label(today, tag);
                        self.referrals.with_label_values(&[tag.as_str()]).inc();
                    }
                }
                Event::Node(id) => self.nodes.with_label_values(&[id.as_str()]).inc(),
                Event::Service(id) => self.services.with_label_values(&[id.as_str()]).inc(),
                Event::Crisis => self.crisis.with_label_values(&[platform]).inc(),
                Event::Booked(kind) => self.bookings.with_label_values(&[kind, "made"]).inc(),
                Event::Cancelled(kind) => {
                    self.bookings.with_label_values(&[kind, "cancelled"]).inc()
                }
            }
        }
    }

    /// A tag's own series while the Kraków day has fewer than `TAGS_PER_DAY`, else `other`.
    /// At the day's change the tags' series start again, so the family stays as small as a
    /// day's tags (not every tag a long-running process has seen) and a tag first used after
    /// fifty others still gets its series the next day.
    fn tag_label(&self, today: chrono::NaiveDate, tag: &str) -> String {
        let mut tags = self.tags.lock().unwrap_or_else(|p| p.into_inner());
        let (day, known) = &mut *tags;
        if *day != Some(today) {
            *day = Some(today);
            known.clear();
            self.referrals.reset();
        }
        if known.contains(tag) || known.len() < TAGS_PER_DAY {
            known.insert(tag.to_owned());
            tag.to_owned()
        } else {
            "other".to_owned()
        }
    }

    /// The platform's counters of faults and traffic exist from the start at 0, so an alert on
    /// their increase has a series before the first fault (Prometheus shows a series only once
    /// it exists).
    pub fn serve_platform(&self, platform: &str) {
        for counter in [
            &self.received,
            &self.sent,
            &self.rate_limited,
            &self.retries,
            &self.dropped,
        ] {
            counter.with_label_values(&[platform]);
        }
    }

    /// Sets the health gauges to what `/healthz` says now (called before each scrape).
    pub fn show_health(&self, health: &crate::ops::Health) {
        self.health_ok.reset();
        for (part, ok) in health.parts() {
            self.health_ok
                .with_label_values(&[&part])
                .set(i64::from(ok));
        }
        self.health_warnings.reset();
        for part in health.warned() {
            self.health_warnings.with_label_values(&[&part]).set(1);
        }
    }

    /// Leaves out demand series counted fewer than `count` times (`stats_min_count`).
    pub fn hide_below(&self, count: u32) {
        self.min_count.store(u64::from(count), Ordering::Relaxed);
    }

    /// Runs `hook` before every scrape, to read gauges such as queue lengths.
    pub fn on_scrape(&self, hook: impl Fn(&Metrics) + Send + Sync + 'static) {
        self.hooks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Box::new(hook));
    }

    /// Everything in the Prometheus text exposition format (version 0.0.4).
    pub fn render(&self) -> String {
        for hook in self.hooks.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            hook(self);
        }
        let min = self.min_count.load(Ordering::Relaxed) as f64;
        let mut families = self.registry.gather();
        for family in &mut families {
            if DEMAND.contains(&family.name()) {
                family
                    .mut_metric()
                    .retain(|m| m.get_counter().get_value() >= min);
            }
        }
        families.retain(|f| !f.get_metric().is_empty());
        TextEncoder::new()
            .encode_to_string(&families)
            .unwrap_or_else(|e| format!("# encoding failed: {e}\n"))
    }
}

/// `metric`, registered in `registry` (names are fixed here, so a clash is a bug).
fn registered<M: Collector + Clone + 'static>(registry: &Registry, metric: M) -> M {
    registry
        .register(Box::new(metric.clone()))
        .expect("unique metric");
    metric
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fifty tags a day have their own series, and a new day starts the count again: a
    /// long-running process does not put every tag after its fiftieth under `other` for good.
    #[test]
    fn the_tags_with_a_series_of_their_own_are_a_days() {
        let metrics = Metrics::new();
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        for i in 0..TAGS_PER_DAY {
            assert_eq!(metrics.tag_label(day(1), &format!("t{i}")), format!("t{i}"));
        }
        assert_eq!(metrics.tag_label(day(1), "mops"), "other");
        assert_eq!(metrics.tag_label(day(1), "t3"), "t3");
        assert_eq!(metrics.tag_label(day(2), "mops"), "mops");
    }
}
