//! The pure core: no tokio, no platform crates, no sled, no file system, no clock, no network.
//! It takes values (content text, a session, an inbound message, the time) and returns values.

pub mod action;
pub mod booking;
pub mod content;
pub mod dialog;
pub mod engine;
pub mod entries;
pub mod event;
pub mod facts;
pub mod fuzzy;
pub mod i18n;
pub mod lang;
pub mod message;
pub mod normalize;
pub mod plain;
pub mod problem;
pub mod render;
pub mod schedule;
pub mod services;
pub mod session;
pub mod slot_words;
pub mod triage;
pub mod triage_eval;
