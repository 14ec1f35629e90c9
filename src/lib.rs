//! Krok: a chatbot that takes a Ukrainian newcomer or a Kraków resident from "I need help" to
//! the one place that fits: a crisis line, free legal advice, or a donation point.
//!
//! # Layout
//!
//! - [`core`]: pure, no I/O. [`core::message`] (what comes in and goes out),
//!   [`core::dialog`] (the `flow.toml` format, its loader and validation), [`core::services`]
//!   (the service directory and opening hours in Europe/Warsaw), [`core::triage`] (crisis and
//!   intent patterns, command words), [`core::i18n`] (Fluent locales and their checks),
//!   [`core::content`] (all content cross-checked), [`core::engine`] (`Engine::step`),
//!   [`core::render`] (outbound to text), [`core::session`] (one person's place),
//!   [`core::normalize`] (text folding), [`core::lang`], [`core::problem`] (`file:line` reports).
//! - [`store`]: the `SessionStore` port with sled and in-memory implementations and the
//!   versioned value format.
//! - [`app`]: `App::handle`, the one path from an inbound message to a reply.
//! - [`booking`]: consultation bookings in sled: hold, confirm, cancel, reminders.
//! - [`adapters`]: platform adapters: `console` for the terminal, `telegram` (feature `telegram`).
//! - `shutdown`: the signal every adapter loop waits on.
//! - [`outbox`]: the one place messages leave: rate limits, priorities, `retry_after`, durable queue.
//! - [`config`]: defaults < `krok.toml` < `KROK_*` environment.
//! - [`files`]: reads the content folders for the core loader.
//! - [`print`]: Krok on paper: `krok link` (deep links, Matrix codes, QR codes, the A6 card)
//!   and `krok export` (the service directory as printable HTML or Markdown).
//! - [`stats`]: daily demand figures in sled, without personal data, and the "<5" rule.
//! - [`ops`]: `/healthz` (adapters up and alive) and `/metrics` (Prometheus text format).
//! - [`reload`]: live content reload on SIGHUP or a changed file.
//! - `serve`: `krok run` with the platforms: adapters, sweeps, reload, health and metrics.
//! - [`cli`]: the `krok` command line (`run`, `console`, `check`, `triage`, `stats`, ...).

pub mod adapters;
pub mod app;
pub mod booking;
pub mod cli;
pub mod config;
pub mod core;
pub mod files;
pub mod ops;
#[cfg(any(feature = "telegram", feature = "matrix"))]
pub mod outbox;
pub mod print;
pub mod reload;
#[cfg(all(feature = "telegram", feature = "matrix"))]
pub mod serve;
#[cfg(any(feature = "telegram", feature = "matrix"))]
pub mod shutdown;
pub mod stats;
pub mod store;
