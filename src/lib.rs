//! Krok: a chatbot that takes a Ukrainian newcomer or a Kraków resident from "I need help" to
//! the one place that fits: a crisis line, free legal advice, or a donation point.
//!
//! # Layout
//!
//! - [`core`]: pure, no I/O. [`core::message`] (what comes in and goes out),
//!   [`core::action`] (typed button actions), [`core::dialog`] (the `flow.toml` format, its
//!   loader and validation), [`core::services`] (the service directory, opening hours in
//!   Europe/Warsaw, phone lines with hours of their own), [`core::triage`] (crisis kinds, crisis
//!   and intent patterns, command words; `together` joins named concepts of words),
//!   [`core::fuzzy`] (typo tolerance), [`core::triage_eval`] (triage measured on labelled
//!   sets), [`core::i18n`] (Fluent locales
//!   and their checks),
//!   [`core::content`] (all content cross-checked), [`core::engine`] (`Engine::step`),
//!   [`core::render`] (outbound to text), [`core::session`] (one person's place),
//!   [`core::normalize`] (text folding), [`core::lang`] (the four languages, and which one a
//!   message is written in), [`core::problem`] (`file:line` reports), [`core::plain`] (TOML's
//!   messages in an editor's words).
//! - [`store`]: the storage ports, each with a sled and an in-memory implementation and one
//!   conformance suite (`tests/it/store.rs`, `tests/it/pipeline.rs`): `SessionStore` (one
//!   person's place, versioned `{"v":1,...}`) and `TurnStore` (one turn's commit: session,
//!   every outgoing message, the handled event id, where the person writes from; the outgoing
//!   queue; the bookings beside them).
//! - [`app`]: `App::decide`, one turn: the next session, the replies, notices to other
//!   people, demand events. No I/O of its own beyond the bookings it carries out.
//! - [`pipeline`]: the one path of every message on every platform: dedupe -> one turn per
//!   person at a time -> load -> decide -> one commit -> the outbox of each recipient's
//!   platform (a registry of `Channel`s). Reminders and the error answer are written here once.
//! - [`booking`]: consultation bookings in sled: hold, confirm, cancel, reminders; codes from
//!   the system's CSPRNG.
//! - [`adapters`]: platform adapters that only convert and transport: `console` (a pipe),
//!   `telegram` and `matrix` (features of the same names).
//! - `shutdown`: the signal every adapter loop waits on.
//! - `retry`: reaching a platform at start, with backoff and jitter, its cause in `/healthz`.
//! - [`outbox`]: the one place messages leave, a `Channel` per platform: crisis answers first,
//!   then replies, then batch; rate limits, `retry_after`, the durable queue of `TurnStore`.
//! - [`config`]: defaults < `krok.toml` < `KROK_*` environment.
//! - [`files`]: reads the content folders for the core loader.
//! - [`csv`]: one CSV field a spreadsheet reads as text, for every CSV Krok writes.
//! - [`print`]: Krok on paper: `krok link` (deep links, Matrix codes, QR codes, the A6 card)
//!   and `krok export` (the service directory as printable HTML or Markdown).
//! - [`stats`]: daily demand figures in sled, without personal data, and the "<5" rule.
//! - [`ops`]: `/healthz` (adapters up and alive), `/metrics` (Prometheus text format), and the
//!   admin socket through which `krok bookings` and `krok stats` ask a running `krok run`.
//! - [`reload`]: live content reload on SIGHUP or a changed file.
//! - `serve`: `krok run` with the platforms: adapters, sweeps, reminders, reload, health,
//!   metrics and the admin socket; `serve::run` takes the pipeline and a shutdown signal.
//! - [`staff`]: who the caseworkers are now, shared by the chat and the desk, re-read at
//!   SIGHUP.
//! - `setup`: the content and the store every command builds from the config.
//! - [`cli`]: the `krok` command line (`run`, `console`, `check`, `triage`, `stats`, ...).

pub mod adapters;
pub mod app;
pub mod booking;
pub mod cli;
pub mod config;
pub mod core;
pub mod csv;
pub mod desk;
pub mod files;
pub mod ops;
#[cfg(any(feature = "telegram", feature = "matrix"))]
pub mod outbox;
pub mod pipeline;
pub mod print;
pub mod reload;
#[cfg(any(feature = "telegram", feature = "matrix"))]
pub mod retry;
#[cfg(any(feature = "telegram", feature = "matrix"))]
pub mod serve;
mod setup;
#[cfg(any(feature = "telegram", feature = "matrix"))]
pub mod shutdown;
pub mod staff;
pub mod stats;
pub mod store;
